import type { DockyardConfigInput } from '../../src/config/schema/index.js';

/**
 * Golden scenarios: configs whose rendered files are committed under test/golden/<name>/ after review.
 * Each exercises options the examples do not, on both CI systems where the option exists on both.
 */
export const GOLDEN_SCENARIOS: Record<string, DockyardConfigInput> = {
  'minimal-github': {
    ci: ['github'],
    image: { name: 'acme/minimal' },
    test: { commands: ['/app/healthcheck'] },
  },
  'minimal-gitlab': {
    ci: ['gitlab'],
    image: { name: 'acme/minimal' },
    test: { commands: ['/app/healthcheck'] },
  },
  'full-both': {
    ci: ['github', 'gitlab'],
    image: {
      name: 'acme/platform-api',
      context: 'services/api',
      dockerfile: 'services/api/Dockerfile.release',
      target: 'runtime',
      buildArgs: { NODE_ENV: 'production', APP_VERSION: '2.4.0' },
      secrets: [{ id: 'npmrc', env: 'NPM_TOKEN' }],
    },
    registries: [
      { type: 'ghcr', repository: 'acme/platform-api', credentials: { username: 'GHCR_USER', password: 'GHCR_TOKEN' } },
      { type: 'dockerhub', repository: 'acme/platform-api' },
      { type: 'gitlab', host: 'registry.gitlab.com', repository: 'acme/platform-api', credentials: { username: 'GL_USER', password: 'GL_TOKEN' } },
      { type: 'generic', host: 'registry.acme.example:5000', repository: 'apps/platform-api', credentials: { username: 'ACME_USER', password: 'ACME_PASSWORD' } },
    ],
    platforms: [
      'linux/amd64',
      { platform: 'linux/arm64', runner: { github: 'ubuntu-24.04-arm', gitlab: 'arm64-large' } },
      'linux/arm/v7',
    ],
    tags: [
      'type=schedule,pattern=nightly',
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}},priority=850',
      { type: 'ref', event: 'branch', suffix: '-dev' },
      { type: 'edge', branch: 'main' },
      { type: 'raw', value: 'stable', enable: '{{is_default_branch}}' },
      'type=sha,format=long',
    ],
    flavor: { latest: 'auto', prefix: 'api-', suffix: '', onlatest: true },
    annotations: ['com.acme.team=platform'],
    annotationLevels: ['manifest', 'index'],
    cache: 'registry',
    test: { commands: ['node --version', 'node dist/selftest.js "$HOME"'], shell: '/bin/bash' },
    scan: { severities: ['CRITICAL', 'HIGH', 'MEDIUM'], ignoreUnfixed: true },
    triggers: {
      branches: ['main', 'release/**'],
      tags: ['v*', 'api-v?.*'],
      pullRequests: true,
      schedule: [{ cron: '0 3 * * *' }],
      manual: false,
    },
    output: { github: '.github/workflows/image.yml', gitlab: 'ci/image.gitlab-ci.yml' },
  },
  'inline-github-no-pr': {
    ci: ['github'],
    image: { name: 'acme/worker', target: 'prod' },
    platforms: ['linux/amd64', 'linux/386'],
    tags: ['type=ref,event=tag', 'type=raw,value=latest,enable={{is_default_branch}}'],
    flavor: { latest: false },
    cache: 'inline',
    test: { target: 'unit' },
    triggers: { branches: ['main'], tags: ['*'], pullRequests: false, manual: false },
  },
  'none-cache-both': {
    ci: ['github', 'gitlab'],
    image: { name: 'acme/tools', target: 'final' },
    platforms: ['linux/s390x', 'linux/ppc64le'],
    cache: 'none',
    test: { target: 'check' },
    triggers: { branches: [], tags: ['release-*'], pullRequests: false, manual: true },
  },
  'gates-verify-both': {
    ci: ['github', 'gitlab'],
    image: { name: 'acme/shop', target: 'production', secrets: [{ id: 'npmrc', env: 'NPM_TOKEN' }] },
    platforms: ['linux/amd64', 'linux/arm64'],
    cache: 'registry',
    test: {
      target: 'test',
      commands: ['npm test -- --coverage --coverageDirectory=/coverage', 'node dist/selftest.js'],
      platforms: ['linux/amd64', 'linux/arm64'],
      coverage: { report: '/coverage/cobertura-coverage.xml', format: 'cobertura', minimum: 80, from: 'commands' },
      smoke: { timeout: 90 },
    },
    size: { limit: 500, measure: 'compressed', onExceed: 'warn' },
    lint: { failureThreshold: 'warning', ignore: ['DL3008', 'DL3018'] },
  },
};
