import type { AnnotationLevel, CacheMode, RegistryConfig } from '../config/schema/index.js';
import type { PlatformId } from '../config/schema/primitives.js';
import type { TagRule } from '../tags/tag-rule.js';
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
  readonly test: TestSpec;
  readonly scan: ScanSpec;
  /** Coverage, smoke, size and lint gates (see verify-gates.ts); each undefined when not configured. */
  readonly gates: VerifyGates;
  readonly triggers: TriggerSpec;
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

/** One platform and where it runs. */
export interface PlatformTarget {
  readonly platform: PlatformId;
  /** `linux-arm-v7` style identifier safe for artifact names and paths. */
  readonly slug: string;
  /** GitHub `runs-on` label. */
  readonly githubRunner: string;
  /** GitLab runner tag. */
  readonly gitlabRunnerTag: string;
  /** True when the GitHub runner's architecture differs from the platform (QEMU is set up). */
  readonly githubEmulated: boolean;
  /** True when the GitLab runner emulates the platform (the runner host needs QEMU binfmt handlers). */
  readonly gitlabEmulated: boolean;
}

/**
 * A registry to publish to: a configured registry, or `native` (the CI system's own registry, used when the
 * config lists none). A missing `repository` defaults to `image.name` (GitLab registry: the project path).
 */
export type RegistryTarget = { readonly type: 'native' } | RegistryConfig;

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
 * How the candidate is tested: a Dockerfile test stage (`target`, built with `replacesStage` replaced by the
 * candidate), commands run by `shell -c` in a container of the candidate, or both (the stage first).
 */
export interface TestSpec {
  readonly target?: string;
  /** The production stage the test stage builds FROM; empty without a target. */
  readonly replacesStage: string;
  readonly commands?: readonly string[];
  /** Default `/bin/sh`. */
  readonly shell: string;
}

/** The Trivy gate. */
export interface ScanSpec {
  readonly severities: readonly string[];
  readonly ignoreUnfixed: boolean;
}

/** When pipelines run (ref patterns are globs). */
export interface TriggerSpec {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly pullRequests: boolean;
  readonly schedules: readonly string[];
  readonly manual: boolean;
}

/**
 * The job kinds, in order of trust. `metadata` computes tags, labels and annotations once (docker/metadata-action
 * on GitHub, dockyard's engine on GitLab) for the build and manifest jobs. `lint`, `smoke`, `size` and `gates`
 * (the gate summary) exist only when their gates are configured (docs/gates.md).
 */
export type JobKind = 'metadata' | 'lint' | 'build' | 'test' | 'scan' | 'smoke' | 'size' | 'gates' | 'push' | 'manifest';

/** Least-privilege token permissions of a job (GitHub `permissions`; documentation on GitLab). */
export interface JobPermissions {
  readonly contents: 'read';
  readonly packages?: 'read' | 'write';
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
  /** Names of secrets (CI secrets/variables) the job reads. */
  readonly secrets: readonly string[];
}

/** Artifacts handed between jobs. */
export type ArtifactId = 'metadata' | 'candidate' | 'digest' | 'gate-results';

/** An artifact: per platform, under `dockyard/<slug>/` (candidate) or `dockyard/digests/` (digest). */
export interface ArtifactSpec {
  readonly id: ArtifactId;
  /**
   * `metadata`: version, tags, labels and annotations (job outputs on GitHub, a dotenv report on GitLab).
   * `candidate`: `image.tar` (OCI archive, never pushed) and `digest` (its manifest digest). `digest`: a file
   * named by the platform slug holding the pushed digest.
   */
  readonly description: string;
  /** Retention in days. */
  readonly retentionDays: number;
}
