/**
 * The one interface every CI system dockyard renders for implements (a "target"), in the manner of renovate's
 * platforms: one folder per CI system under `src/targets/`, each exporting one object of this type, and one line in
 * the registry (`src/targets/registry.ts`). Everything outside `src/targets/` asks the target for what differs
 * between CI systems — the files it renders, what the config may ask of it, its runners, its words and its billing —
 * and never compares a CI system's name (docs/architecture.md, "Targets").
 *
 * @see https://github.com/renovatebot/renovate/blob/main/lib/modules/platform/types.ts (one typed interface per platform)
 */
import type { OwnRegistry } from '../config/config-helpers.js';
import type { CacheMode, DockyardConfig } from '../config/schema/index.js';
import type { CiSystem, PlatformId } from '../config/schema/primitives.js';
import type { ConfigIssue } from '../config/format-issues.js';
import type { RepositoryNote } from './github/github-repository-notes.js';
import type { Job, Pipeline, PlatformTarget } from '../model/pipeline.js';
import type { CommentPrefix, MarkerInfo } from '../emit/generated-marker.js';
import type { RenderYamlOptions } from '../emit/render-yaml.js';
import type { StepScripts } from '../emit/step-scripts.js';
import type { GeneratedFile, RenderAssets } from '../synth/generated-file.js';

/**
 * What the config may ask of a CI system. The config rules read these tables: a config that asks for more gets
 * `… is not supported on <name>` with the reason written here.
 */
export interface CiCapabilities {
  /**
   * Platforms a hosted runner of this CI system runs natively (`strategy: 'native'` needs no `runner` for them).
   *
   * @see https://docs.github.com/actions/reference/runners/github-hosted-runners
   * @see https://docs.gitlab.com/ci/runners/hosted_runners/linux/
   */
  readonly hostedNativePlatforms: readonly PlatformId[];
  /** Cache modes this CI system cannot provide, each with the reason and the alternative (shown after "not supported on"). */
  readonly unsupportedCacheModes: Readonly<Partial<Record<CacheMode, string>>>;
  /** What picks a self-hosted runner: a `runs-on` label (GitHub) or a runner tag (GitLab). */
  readonly runnerSelector: 'label' | 'tag';
  /** Prefixes a secret's name may not start with on this CI system (upper case), e.g. `GITHUB_`; [] when none. */
  readonly reservedSecretPrefixes: readonly string[];
}

/** A file a pipeline needs beside it, e.g. GitLab's `.gitlab/dockyard-meta.mjs`. */
export interface TargetHelperFile {
  /** Path relative to the project root. */
  readonly path: string;
  /** The content without any marker. */
  readonly content: string;
  /** The line-comment prefix a marker line takes in this file. */
  readonly comment: CommentPrefix;
}

/** One runner placement of a job instance, as `dockyard plan` shows it. */
export interface TargetRunner {
  /** Runner labels (GitHub `runs-on`) or runner tags (GitLab `tags:`); empty for GitLab's untagged shared runners. */
  readonly runner: readonly string[];
  /** Whether QEMU emulates the platform on that runner. */
  readonly emulated: boolean;
}

/** How a CI system bills runner time, for `dockyard plan --cost`. */
export interface TargetBilling {
  /**
   * `per-job-minute`: every job is rounded up to a whole minute (GitHub); `per-second`: job seconds / 60 × the
   * runner's cost factor, two decimals (GitLab).
   *
   * @see https://docs.github.com/billing/reference/actions-runner-pricing
   * @see https://docs.gitlab.com/ci/pipelines/compute_minutes/#compute-usage-calculation
   */
  readonly rounding: 'per-job-minute' | 'per-second';
  /** The runner's cost factor of one job instance (1 for a standard runner). */
  costFactorOf(pipeline: Pipeline, job: Job, platform: PlatformTarget | undefined): number;
}

/** The words a CI system uses, for plan output and error messages. */
export interface TargetVocabulary {
  /** `pull requests` or `merge requests`. */
  readonly changeRequests: string;
  /** How a deploy environment is approved: `required reviewers of the environment (repository settings)`, …. */
  readonly deployApproval: string;
  /** Said after "published to …" in `dockyard plan` when publishing has a condition a plan cannot see; or ''. */
  readonly publishCondition: string;
}

/**
 * What every target is, whether it renders pipeline files for a CI system ({@link CiTarget}) or runs the model
 * itself (the local target, `src/targets/local/`, `dockyard run`): an id, a name for messages, and the table of
 * what it can do. The registry (`src/targets/registry.ts`) lists every target by this interface.
 *
 * @see ../../docs/architecture.md ("Targets")
 */
export interface Target {
  /** A CI system's id in `ci: [...]`, or `local`. */
  readonly id: string;
  /** The name in messages: `GitHub`, `GitLab`, `this machine`. */
  readonly name: string;
  /** What the target can do (for a CI system: what the config may ask of it). */
  readonly capabilities: object;
}

/**
 * A CI system dockyard renders pipelines for.
 *
 * A target maps the model; it decides nothing the model decides. Every member is pure.
 */
export interface CiTarget extends Target {
  /** The id used in `ci: [...]` and in `--ci` (the config schema's enum). */
  readonly id: CiSystem;
  /** The name in messages: `GitHub`, `GitLab` ("not supported on GitLab"). */
  readonly name: string;
  readonly capabilities: CiCapabilities;
  readonly vocabulary: TargetVocabulary;
  readonly billing: TargetBilling;
  /**
   * The CI system's own registry: the registry kind it logs in to without credentials, where a config without
   * `registries` publishes (`native`), and the host an entry of that kind without `host` is reached at here
   * (GitHub: `ghcr` at `ghcr.io`; GitLab: `gitlab` at `$CI_REGISTRY`). `registryHostOf` (config-helpers.ts) reads it.
   */
  readonly ownRegistry: OwnRegistry;
  /** How the projen component renders this target's pipeline objects (GitHub: release tags after pinned `uses:`). */
  readonly yaml: RenderYamlOptions;

  /**
   * Config rules of this CI system beyond {@link CiCapabilities}: settings it needs or cannot take (e.g. a registry
   * whose credentials exist only on another CI system). Each issue names the config path, the problem, what is
   * expected and what was given.
   */
  checkConfig(config: DockyardConfig): ConfigIssue[];

  /** The files `dockyard synth` writes for this CI system (pipeline files, in reusable mode the unit and its caller, helpers). */
  renderFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[];
  /** The pipeline file paths `renderFiles` writes (the reusable unit first in reusable mode), without helpers. */
  pipelineFilePaths(config: DockyardConfig): string[];
  /**
   * The pipeline of an inline output as one plain object, and its path (the projen component renders it), with
   * the step scripts it embeds (`RenderAssets.steps`).
   */
  emitPipelineObject(
    config: DockyardConfig,
    pipeline: Pipeline,
    scripts: StepScripts,
  ): { readonly path: string; readonly value: object };
  /**
   * Extra files the pipeline needs beside it (GitLab: the metadata helper), without a marker; [] when none.
   * `renderFiles` adds dockyard's marker to them; the projen component adds projen's.
   */
  helperFiles(config: DockyardConfig, assets: RenderAssets): TargetHelperFile[];

  /** Where one instance of a job runs (`platform` for per-platform jobs). */
  runnerOf(pipeline: Pipeline, job: Job, platform: PlatformTarget | undefined): TargetRunner;
  /**
   * The runner of a platform's own jobs (`Job.runner` `platform`: build, test, smoke) on this CI system: its label
   * or tag, and whether it emulates the platform with QEMU. The config's `platforms[].runner` and `strategy` decide.
   */
  platformRunnerOf(platform: PlatformTarget): { readonly runner: string; readonly emulated: boolean };
  /** How `dockyard plan` prints a runner: `ubuntu-24.04`, `tags: arm64`, or `any runner (untagged)`. */
  describeRunner(runner: readonly string[]): string;
  /** The image repositories the pipeline publishes to, as this CI system writes them (GitLab: `$CI_REGISTRY_IMAGE`). */
  registryRefsOf(pipeline: Pipeline): string[];
  /** The job id of the deploy job of one environment. */
  deployJobIdOf(environment: string): string;
  /** Whether a branch or tag name matches a `triggers` glob as the rendered file compares it. */
  matchesRefPattern(pattern: string, name: string): boolean;
  /** Whether scheduled runs exist only on the default branch (GitHub) rather than on any scheduled ref. */
  readonly schedulesOnDefaultBranchOnly: boolean;
  /** Notes on the repository's plan and visibility that change what the pipeline can do; [] when none apply. */
  repositoryNotesOf(pipeline: Pipeline): RepositoryNote[];
}
