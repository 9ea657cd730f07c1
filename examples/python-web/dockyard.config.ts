import { defineConfig } from 'dockyard';

// Python WSGI service on GitHub only: three platforms (arm/v7 native on the arm64 runner),
// the GitHub Actions cache, and smoke commands run inside the built image.
export default defineConfig({
  ci: ['github'],
  image: {
    name: 'acme/python-web',
    target: 'production',
    buildArgs: { PYTHONDONTWRITEBYTECODE: '1' },
  },
  registries: [
    { type: 'ghcr' },
    { type: 'dockerhub', repository: 'acme/python-web' },
  ],
  platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
  tags: [
    { type: 'semver', pattern: '{{version}}' },
    { type: 'ref', event: 'branch' },
    { type: 'schedule', pattern: 'nightly' },
    { type: 'sha', format: 'long' },
  ],
  flavor: { latest: 'auto' },
  cache: 'gha',
  test: {
    commands: [
      "python -c 'import app.wsgi; assert callable(app.wsgi.application)'",
      'sh tests/smoke.sh',
    ],
    // Tests run on linux/amd64 by default; also smoke-test the native arm64 build.
    platforms: ['linux/amd64', 'linux/arm64'],
  },
  scan: { severities: ['CRITICAL'] },
  triggers: {
    branches: ['main'],
    tags: ['v*'],
    schedule: [{ cron: '30 4 * * 1' }],
  },
});
