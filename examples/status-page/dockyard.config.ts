import { defineConfig } from 'dockyard';

// A status page served by BusyBox httpd, for amd64 and arm64, published to the GitLab project registry
// (and ghcr.io on GitHub) with a registry build cache. dockyard's end-to-end test runs this example's
// committed .gitlab-ci.yml for real (see README.md).
export default defineConfig({
  ci: ['github', 'gitlab'],
  image: { name: 'acme/status-page', target: 'production' },
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: [
    'type=semver,pattern={{version}}',
    'type=ref,event=branch',
    'type=sha',
    'type=raw,value=stable,enable={{is_default_branch}}',
  ],
  labels: ['org.opencontainers.image.vendor=Acme'],
  cache: 'registry',
  test: { target: 'test', platforms: ['linux/amd64', 'linux/arm64'] },
  triggers: { branches: ['main'], tags: ['v*.*.*'] },
});
