import type { DockyardConfigInput } from '../src/projen/index.js';

/**
 * The pipeline that builds and publishes dockyard's own container image (the CLI in a small image, from the
 * root `Dockerfile`). `.projenrc.ts` renders it with `DockyardPipeline`, so dockyard is its own first user;
 * test/projen/self-image.test.ts validates the result and the Dockerfile.
 */
export const DOCKYARD_IMAGE_CONFIG: DockyardConfigInput = {
  ci: ['github'],
  image: { name: 'dockyard/dockyard', target: 'production' },
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: [
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=ref,event=branch',
    'type=ref,event=pr',
    'type=sha',
  ],
  cache: 'gha',
  // The Dockerfile's `test` stage runs the CLI from the production image (`dockyard --version`, a synth).
  test: { target: 'test' },
  scan: { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true },
  triggers: { branches: ['main'], tags: ['v*.*.*'] },
  // projen's own workflows (build.yml, release.yml) would live beside it; this name cannot clash.
  output: { github: '.github/workflows/dockyard-image.yml' },
};
