import type { AnnotationLevel, BuildStrategy, CacheMode, RegistryConfig } from '../config/schema/index.js';
import type { CiSystem, PlatformId } from '../config/schema/primitives.js';
import type { SbomFormat } from '../config/schema/supply-chain.js';
import type { PerCiCredentialsType } from '../config/schema/registry.js';
import type { TagRule } from '../tags/tag-rule.js';
import type { DeploySpec, NotifySpec } from './deploy-notify-spec.js';
import type { GithubRepositorySpec } from './github-repository.js';
import type { ArtifactId, JobKind } from './job-kinds.js';
import type { RunnerPlacement, Step } from './steps.js';

export type { ArtifactId, JobKind } from './job-kinds.js';
import type { VerifyGates } from './verify-gates.js';

/**
 * The platform-neutral pipeline model built by `planPipeline`: everything both emitters need, with every
 * default resolved. Emitters only map it to GitHub Actions or GitLab CI objects.
 */
export interface Pipeline {
  /** Workflow / pipeline display name. */
  readonly name: string;
  readonly image: ImageSpec;
  /** One entry per platform; build, test, scan and push run once per entry. */
  readonly platforms: readonly PlatformTarget[];
  /** Registries to publish to; `native` means the CI system's own registry (ghcr / GitLab registry). */
  readonly registries: readonly RegistryTarget[];
  readonly tags: TagStrategy;
  readonly cache: CacheMode;
  /** How each candidate travels from the build job to test, scan and push. */
  readonly handoff: HandoffSpec;
  readonly test: TestSpec;
  readonly scan: ScanSpec;
  /** Coverage, smoke, size and lint gates (see verify-gates.ts); each undefined when not configured. */
  readonly gates: VerifyGates;
  /** The SBOM gate, when configured. */
  readonly sbom?: SbomSpec;
  /** Signing and provenance of the published images, when configured. */
  readonly signing?: SigningSpec;
  /** Deployment environments after publishing, when configured (deploy-notify.ts). */
  readonly deploy?: DeploySpec;
  /** Slack / Teams notifications, when configured (deploy-notify.ts). */
  readonly notify?: NotifySpec;
  readonly triggers: TriggerSpec;
  readonly concurrency: ConcurrencySpec;
  /** The GitHub repository's visibility and plan, and what they allow (code scanning, attestations, storage). */
  readonly github: GithubRepositorySpec;
  /** Jobs in order of trust: metadata → build → test, scan → push → manifest. */
  readonly jobs: readonly Job[];
  /** Artifacts handed between jobs. */
  readonly artifacts: readonly ArtifactSpec[];
}

/** What to build. Paths are relative to the config file's directory, POSIX separators. */
export interface ImageSpec {
  /** Repository path without host, e.g. `acme/api`. */
  readonly name: string;
  readonly context: string;
  readonly dockerfile: string;
  /** Production stage, or undefined for the last stage. */
  readonly target?: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** BuildKit secrets: `id` in the Dockerfile, `env` the CI secret/variable name. */
  readonly secrets: ReadonlyArray<{ readonly id: string; readonly env: string }>;
}

/**
 * One platform and how its own jobs (build, test, smoke: `Job.runner` `platform`) may run. Which runner that is on
 * a CI system, and whether it emulates the platform, is the target's mapping (`CiTarget.platformRunnerOf`).
 */
export interface PlatformTarget {
  readonly platform: PlatformId;
  /** `linux-arm-v7` style identifier safe for artifact names and paths. */
  readonly slug: string;
  /** `native`: a runner of this architecture; `qemu`: an amd64 runner emulating it; `auto` (default): native where hosted. */
  readonly strategy: BuildStrategy;
  /** The config's runner per CI system (`runner: { github, gitlab }`), as given; absent: the target's default. */
  readonly runners: Readonly<Partial<Record<CiSystem, string>>>;
}

/**
 * Platforms an x86-64 runner executes without emulation (amd64 and 32-bit x86); every other platform needs QEMU
 * there. The CI targets' runner mappings use it for their amd64 runners.
 */
export const AMD64_RUNNER_PLATFORMS: readonly PlatformId[] = ['linux/amd64', 'linux/386'];

/**
 * A registry to publish to: a configured registry, or `native` (the CI system's own registry, used when the
 * config lists none). A missing `repository` defaults to `image.name` (GitLab registry: the project path).
 */
export type RegistryTarget = { readonly type: 'native' } | RegistryForCi<RegistryConfig>;

/** Registry credentials by secret/variable name. */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * A configured registry as one CI system uses it: credentials given per CI system (`{ github?, gitlab? }`, the kinds of
 * `PER_CI_CREDENTIALS_TYPES`: ghcr and the GitLab registry) are resolved to that CI system's entry, or none (the registry's default login there).
 */
export type RegistryForCi<T> = T extends { readonly type: PerCiCredentialsType }
  ? Omit<T, 'credentials'> & { readonly credentials?: RegistryCredentials }
  : T;

/** Tag rules (typed), flavor, and extra labels and annotations (metadata-action `key=value` lines). */
export interface TagStrategy {
  readonly rules: readonly TagRule[];
  readonly labels: readonly string[];
  readonly annotations: readonly string[];
  /** Where annotations are applied: `manifest` at build time, `index` by the manifest job (same lines). */
  readonly annotationLevels: readonly AnnotationLevel[];
  readonly flavor: {
    readonly latest: 'auto' | 'true' | 'false';
    readonly prefix: string;
    readonly suffix: string;
    readonly onlatest: boolean;
  };
}

/**
 * How each platform's candidate travels from the build job to test, scan and push. `artifact`: an OCI archive and
 * its digest as a CI artifact. `registry`: the build job pushes the candidate, untagged and by digest, to the
 * staging repository and hands on only the digest; test and scan pull that digest, push copies it to every registry.
 */
export type HandoffSpec = { readonly mode: 'artifact' } | { readonly mode: 'registry'; readonly staging: StagingSpec };

/** The staging repository of the registry handoff: in one of the pipeline's registries, with its credentials. */
export interface StagingSpec {
  /** Index into `Pipeline.registries` of the registry that holds it: the first one. */
  readonly registry: number;
  /** Repository path in that registry, or undefined for `<that registry's image reference>/staging`. */
  readonly repository?: string;
}

/** The path appended to the staging registry's image reference when no staging repository is named. */
export const DEFAULT_STAGING_SUFFIX = 'staging';

/**
 * The staging repository's reference, given the staging registry as an emitter resolved it: `<host>/<repository>`
 * when one is named, else `<registry reference>/staging` (e.g. `ghcr.io/acme/api/staging`,
 * `$CI_REGISTRY_IMAGE/staging`).
 */
export function stagingRefOf(staging: StagingSpec, registry: { readonly ref: string; readonly host: string }): string {
  return staging.repository !== undefined
    ? `${registry.host}/${staging.repository}`
    : `${registry.ref}/${DEFAULT_STAGING_SUFFIX}`;
}

/**
 * How the candidate is tested: a Dockerfile test stage (`target`, built with `replacesStage` replaced by the
 * candidate), commands run by `shell -c` in a container of the candidate, or both (the stage first).
 */
export interface TestSpec {
  readonly target?: string;
  /** The production stage the test stage builds FROM; empty without a target. */
  readonly replacesStage: string;
  /**
   * `candidate` (the default): the test stage derives from `replacesStage`, so it runs on the candidate (checked
   * against the Dockerfile by `checkTestStage`); `source`: it is built on another base and does not test the
   * candidate (`NOT_THE_CANDIDATE` labels the job and the gate). `candidate` without a target.
   */
  readonly from: 'candidate' | 'source';
  readonly commands?: readonly string[];
  /** Default `/bin/sh`. */
  readonly shell: string;
}

/** The vulnerability scan gate. */
export interface ScanSpec {
  readonly scanner: 'trivy' | 'grype';
  /** Severities that fail the gate (Trivy names, upper case). */
  readonly severities: readonly string[];
  readonly ignoreUnfixed: boolean;
  /** Ignore file in the scanner's format, relative to the config directory. */
  readonly ignoreFile?: string;
  /** Publish every finding to the security view (GitHub code scanning SARIF, GitLab `container_scanning`). */
  readonly report: boolean;
}

/** The SBOM gate: Syft on each platform candidate. */
export interface SbomSpec {
  readonly format: SbomFormat;
  /** Days the SBOM artifacts are kept. */
  readonly retentionDays: number;
}

/** Keyless cosign signing of the published indexes (recursively) and, optionally, provenance attestations. */
export interface SigningSpec {
  readonly provenance: boolean;
}

/** When pipelines run (ref patterns are globs). */
export interface TriggerSpec {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly pullRequests: boolean;
  readonly schedules: readonly string[];
  /** Manual runs with the `push` input (GitHub `workflow_dispatch`, GitLab web pipelines with `DOCKYARD_PUSH`). */
  readonly manual: boolean;
  /** Builds triggered from outside (GitHub `repository_dispatch` of `eventType`, GitLab trigger tokens), when configured. */
  readonly dispatch?: { readonly eventType: string };
  /**
   * File globs whose change runs branch pushes and pull/merge requests (`triggers.paths` plus the Dockerfile and the
   * pipeline file, sorted); [] when every change runs the pipeline.
   */
  readonly paths: readonly string[];
}

/**
 * Cancelling superseded builds of the same ref: verify jobs of an older pipeline are cancelled when
 * `cancelSuperseded`; publish-stage jobs are never cancelled and run one at a time per ref either way.
 */
export interface ConcurrencySpec {
  readonly cancelSuperseded: boolean;
}

/** Least-privilege token permissions of a job (GitHub `permissions`; documentation on GitLab). */
export interface JobPermissions {
  readonly contents: 'read';
  readonly packages?: 'read' | 'write';
  /** Upload SARIF to code scanning (the scan job with `scan.report`, where code scanning is available). */
  readonly 'security-events'?: 'write';
  /** Read the workflow run (code scanning uploads from private repositories need it). */
  readonly actions?: 'read';
  /** Request an OIDC token (keyless signing, attestations): only the sign job. */
  readonly 'id-token'?: 'write';
  /** Store artifact attestations (the sign job with provenance, where GitHub's artifact attestations are available). */
  readonly attestations?: 'write';
}

/** Retention of an artifact, in days. */
export function retentionDaysOf(pipeline: Pipeline, id: ArtifactId): number {
  return pipeline.artifacts.find((a) => a.id === id)?.retentionDays ?? 1;
}

/** The platforms a per-platform job runs for: its `platforms` subset, or every platform. */
export function platformsOf(pipeline: Pipeline, job: Job): readonly PlatformTarget[] {
  return job.platforms ? pipeline.platforms.filter((p) => job.platforms!.includes(p.platform)) : pipeline.platforms;
}

/** A job of the pipeline. */
export interface Job {
  readonly id: JobKind;
  /** Human-readable purpose, used as display name / comment. */
  readonly title: string;
  readonly needs: readonly JobKind[];
  /** One instance per platform (GitHub matrix, GitLab `parallel: matrix`). */
  readonly perPlatform: boolean;
  /** For per-platform jobs that run on a subset (the test job): those platforms. Undefined: every platform. */
  readonly platforms?: readonly PlatformId[];
  /** `verify` runs on every pipeline; `publish` never on pull/merge requests, and on GitLab only on protected refs. */
  readonly stage: 'verify' | 'publish';
  readonly permissions: JobPermissions;
  /** Artifact ids this job downloads. */
  readonly consumes: readonly ArtifactId[];
  /** Artifact ids this job uploads. */
  readonly produces: readonly ArtifactId[];
  /** Registry indexes (into `Pipeline.registries`) this job logs in to. */
  readonly logsInTo: readonly number[];
  /**
   * Access to the staging repository (registry handoff only): `push` (the build job stages the candidate) or
   * `pull` (test and scan pull it, push copies it from there). Undefined: the job does not use it.
   */
  readonly staging?: 'push' | 'pull';
  /** Names of secrets (CI secrets/variables) the job reads. */
  readonly secrets: readonly string[];
  /** Where the job runs: `platform` (per-platform build, test, smoke: the platform's own runner) or `any`. */
  readonly runner: RunnerPlacement;
  /** What the job does, in order (steps.ts, planned by `planJobSteps`); every target maps these. */
  readonly steps: readonly Step[];
}

/** An artifact: per platform, under `dockyard/<slug>/` (candidate) or `dockyard/digests/` (digest). */
export interface ArtifactSpec {
  readonly id: ArtifactId;
  /**
   * `metadata`: version, tags, labels and annotations (job outputs on GitHub, a dotenv report on GitLab).
   * `candidate`: `image.tar` (OCI archive, never pushed) and `digest` (its manifest digest); with the registry
   * handoff only `digest`, the image itself waiting in the staging repository. `digest`: a file named by the
   * platform slug holding the pushed digest.
   */
  readonly description: string;
  /** Retention in days. */
  readonly retentionDays: number;
}
