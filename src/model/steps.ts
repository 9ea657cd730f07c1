import type { ArtifactId, JobKind } from './job-kinds.js';

/**
 * The steps of a job: a small closed set of platform-neutral actions, decided by `planPipeline` and mapped by each
 * target (GitHub Actions steps, GitLab script lines, the local runner's commands) without deciding anything again.
 * A target that cannot map a step's kind rejects the config through its capabilities ("not supported on X"); it
 * never skips a step silently.
 *
 * Per-platform jobs run their steps once per platform of the job (`platformsOf`); a step's platform is that
 * instance's. Indexes into `Pipeline.registries` name registries.
 *
 * @see docs/architecture.md ("Steps")
 */
export type Step =
  | LoginStep
  | DownloadStep
  | UploadStep
  | ComputeMetadataStep
  | BuildStep
  | StageCandidateStep
  | FetchCandidateStep
  | RunInCandidateStep
  | CheckStep
  | RecordGateResultStep
  | SummarizeGatesStep
  | PushByDigestStep
  | MergeIndexStep
  | SignStep
  | DeployStep
  | NotifyStep;

/** The kinds of {@link Step}, in the order a job usually runs them. */
export const STEP_KINDS = [
  'download',
  'login',
  'compute-metadata',
  'build',
  'stage-candidate',
  'fetch-candidate',
  'run-in-candidate',
  'check',
  'record-gate-result',
  'summarize-gates',
  'push-by-digest',
  'merge-index',
  'sign',
  'deploy',
  'notify',
  'upload',
] as const satisfies readonly Step['kind'][];

/** Log in to registries (with the credentials the registry names, or the CI system's own token). */
export interface LoginStep {
  readonly kind: 'login';
  /** Indexes into `Pipeline.registries`, ascending, not empty. */
  readonly registries: readonly number[];
}

/** Fetch an artifact an earlier job uploaded (GitHub `download-artifact`, GitLab `needs` artifacts). */
export interface DownloadStep {
  readonly kind: 'download';
  readonly artifact: ArtifactId;
}

/** Hand an artifact to later jobs (job outputs or an uploaded artifact; GitLab `artifacts:`). */
export interface UploadStep {
  readonly kind: 'upload';
  readonly artifact: ArtifactId;
}

/** Compute the version, tags, labels and annotations once, with docker/metadata-action's semantics. */
export interface ComputeMetadataStep {
  readonly kind: 'compute-metadata';
}

/**
 * A registry build cache reference, resolved: `registry` is `<registry reference>/buildcache-<platform slug>` of
 * registry `registry` (a repository of its own beside the image); `inline` reads `<registry reference>:latest`
 * and writes the cache metadata into the built image; `gha` the GitHub Actions cache, scope
 * `dockyard-<platform slug>`; `local` a directory kept by the runner between jobs.
 *
 * @see https://docs.docker.com/build/cache/backends/
 */
export type CacheRef =
  | { readonly type: 'registry'; readonly registry: number }
  | { readonly type: 'inline'; readonly registry: number }
  | { readonly type: 'gha' }
  | { readonly type: 'local' };

/**
 * The build cache of one build, resolved: where it is read from and, for the build that writes it, where it is
 * written. Pull and merge requests read the cache but never write it (a fork or a branch under review must not
 * change what the default branch builds from).
 */
export interface CachePlan {
  /** Undefined: no cache (`cache: 'none'`). */
  readonly from?: CacheRef;
  /** Undefined: this build does not write the cache (the test stage build, or no cache). */
  readonly to?: CacheRef;
  /** When `to` is written: never on pull/merge request pipelines. */
  readonly writeOn: 'not-on-pull-requests';
}

/**
 * Build the image for the instance's platform from the config's context and Dockerfile (build args, secrets):
 * `candidate` builds the production stage (`Pipeline.image.target`) into the candidate, recording its manifest
 * digest; `test-stage` builds the test stage with `replaces` (the production stage) replaced by the fetched
 * candidate, so the test runs on the exact candidate.
 */
export interface BuildStep {
  readonly kind: 'build';
  readonly output: 'candidate' | 'test-stage';
  /** The Dockerfile stage to build; undefined for the last stage. */
  readonly target?: string;
  /** `test-stage` only: the stage the candidate stands in for. */
  readonly replaces?: string;
  readonly cache: CachePlan;
  /**
   * `candidate` only: the image format. `docker` (v2s2) keeps the HEALTHCHECK the smoke gate runs, which an OCI
   * image config cannot hold; otherwise `oci`.
   *
   * @see https://github.com/opencontainers/image-spec/blob/main/config.md (no Healthcheck field)
   */
  readonly format?: 'oci' | 'docker';
  /** `candidate` only: labels and (manifest-level) annotations from the metadata step are applied. */
  readonly labels?: boolean;
  readonly annotations?: boolean;
}

/** Push the built candidate, untagged and by its digest, to the staging repository (registry handoff). */
export interface StageCandidateStep {
  readonly kind: 'stage-candidate';
}

/**
 * Make this platform's candidate available to the job: from the build job's OCI archive (`archive`, artifact
 * handoff) or by digest from the staging repository (`staging`, registry handoff).
 */
export interface FetchCandidateStep {
  readonly kind: 'fetch-candidate';
  readonly from: 'archive' | 'staging';
}

/** Run the test commands, each by `shell -c`, in a container of the candidate. */
export interface RunInCandidateStep {
  readonly kind: 'run-in-candidate';
  readonly commands: readonly string[];
  readonly shell: string;
  /** Mount a directory for the coverage report (the coverage gate with `from: 'commands'`), at this path. */
  readonly coverageDir?: string;
}

/**
 * A gate's check: its settings are the pipeline's (`Pipeline.scan`, `Pipeline.sbom`, `Pipeline.gates.*`). `lint`
 * reads the Dockerfile; the others inspect or run the fetched candidate (`coverage` reads the report the test
 * wrote).
 */
export interface CheckStep {
  readonly kind: 'check';
  readonly gate: 'lint' | 'coverage' | 'scan' | 'smoke' | 'size' | 'sbom';
}

/** Write a gate's result line (gate, platform, result, figure, threshold) for the gate summary. */
export interface RecordGateResultStep {
  readonly kind: 'record-gate-result';
  readonly gate: string;
  readonly perPlatform: boolean;
  /** The threshold column, e.g. `no CRITICAL, HIGH`. */
  readonly threshold: string;
}

/** Read every gate's result lines, print the summary table and fail unless every expected gate passed. */
export interface SummarizeGatesStep {
  readonly kind: 'summarize-gates';
}

/**
 * Publish each tested candidate by digest into every registry: push the archive (`archive`) or copy the staged
 * digest (`staging`), recording the digest per platform. Nothing is tagged.
 */
export interface PushByDigestStep {
  readonly kind: 'push-by-digest';
  readonly from: 'archive' | 'staging';
  /** Indexes into `Pipeline.registries`. */
  readonly registries: readonly number[];
}

/** Per registry, create the image index from the pushed digests and push it under each tag of the metadata. */
export interface MergeIndexStep {
  readonly kind: 'merge-index';
  readonly registries: readonly number[];
  /** Annotations are set on the index (`annotationLevels` includes `index`). */
  readonly annotations: boolean;
  /** Record each published `<repository>@<index digest>` (the `published` artifact). */
  readonly recordPublished: boolean;
}

/** Sign the published indexes keylessly and, with `provenance`, attest their provenance. */
export interface SignStep {
  readonly kind: 'sign';
  readonly provenance: boolean;
}

/** Deploy the published image to the configured environments, in order (`Pipeline.deploy`). */
export interface DeployStep {
  readonly kind: 'deploy';
}

/** Post the pipeline's result to the configured chat webhooks (`Pipeline.notify`). */
export interface NotifyStep {
  readonly kind: 'notify';
}

/** The steps of one job kind, for the readers that look a step up by kind. */
export function stepsOfKind<K extends Step['kind']>(
  steps: readonly Step[],
  kind: K,
): Array<Extract<Step, { kind: K }>> {
  return steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);
}

/** Where a job runs: on the platform's own runner (it builds or runs the candidate) or on any runner. */
export type RunnerPlacement = 'platform' | 'any';

/** Job kinds whose per-platform instances build or run the candidate, and so need the platform's own runner. */
export const PLATFORM_RUNNER_JOBS: readonly JobKind[] = ['build', 'test', 'smoke'];

/**
 * The gate results a job records for the gate summary (its `record-gate-result` steps); empty when the summary does
 * not run or the job is not in the pipeline. The CI targets render these, so the model alone decides which gates a
 * job reports.
 */
export function recordedGateResults(
  jobs: ReadonlyArray<{ readonly id: JobKind; readonly steps: readonly Step[] }>,
  id: JobKind,
): RecordGateResultStep[] {
  return stepsOfKind(jobs.find((j) => j.id === id)?.steps ?? [], 'record-gate-result');
}

/**
 * The registries a job logs in to (its `login` step), resolved through the target's own view of the pipeline's
 * registries; empty when the job logs in nowhere.
 *
 * @param registries the target's registries, by index into `Pipeline.registries`.
 */
export function loginRegistriesOf<R>(job: { readonly steps: readonly Step[] }, registries: readonly R[]): R[] {
  return stepsOfKind(job.steps ?? [], 'login').flatMap((step) => step.registries.map((i) => registries[i]!));
}
