import { defineConfig } from 'dockyard';

// Node.js HTTP API: published to ghcr.io on GitHub and the project registry on GitLab,
// for amd64 and arm64 (native arm64 runners, no QEMU), tested by its Dockerfile `test` stage.
export default defineConfig({
  ci: ['github', 'gitlab'],
  image: {
    name: 'acme/node-api',
    target: 'production',
  },
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: [
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=ref,event=branch',
    'type=ref,event=pr',
    'type=sha',
  ],
  cache: 'registry',
  test: { target: 'test' },
  scan: { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true },
  triggers: {
    branches: ['main', 'release/*'],
    tags: ['v*.*.*'],
  },
});
