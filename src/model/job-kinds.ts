/**
 * The job kinds, in order of trust. `metadata` computes tags, labels and annotations once (docker/metadata-action
 * on GitHub, dockyard's engine on GitLab) for the build and manifest jobs. `lint`, `smoke`, `size` and `gates`
 * (the gate summary) exist only when their gates are configured (docs/gates.md). `deploy` (one CI job per
 * environment) and `notify` (one CI job per event) exist when configured (docs/deploy-and-notify.md).
 */
export type JobKind =
  | 'metadata'
  | 'lint'
  | 'build'
  | 'test'
  | 'scan'
  | 'smoke'
  | 'size'
  | 'sbom'
  | 'gates'
  | 'push'
  | 'manifest'
  | 'sign'
  | 'deploy'
  | 'notify';

/** Artifacts handed between jobs. */
export type ArtifactId = 'metadata' | 'candidate' | 'digest' | 'sbom' | 'published' | 'gate-results';
