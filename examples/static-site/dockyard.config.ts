import { defineConfig } from 'dockyard';

// Static documentation site served by unprivileged nginx, on both CI systems, without a
// build cache (the build is a few seconds), tested by its Dockerfile `test` stage.
export default defineConfig({
  ci: ['github', 'gitlab'],
  image: { name: 'acme/docs-site', target: 'production' },
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: ['type=ref,event=branch', 'type=ref,event=tag', 'type=raw,value=stable,enable={{is_default_branch}}'],
  flavor: { latest: false },
  cache: 'none',
  test: { target: 'test' },
  scan: { severities: ['CRITICAL'] },
  triggers: { branches: ['main'], tags: ['docs-*'], pullRequests: true, manual: true },
});
