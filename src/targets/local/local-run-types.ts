import type { PlatformId } from '../../config/schema/primitives.js';
import type { JobKind } from '../../model/job-kinds.js';
import type { Step } from '../../model/steps.js';
import type { EventContext } from '../../tags/event-context.js';

/**
 * One command of a local job instance: an argument vector run directly, or a POSIX sh script run by `sh -c`. Both
 * run in the project directory (the config file's directory), where the work directory `dockyard/` lives, as on a
 * CI runner; `env` is added to the caller's environment.
 *
 * @see ../../../docs/local-run.md
 */
export type LocalCommand =
  | {
      readonly kind: 'argv';
      /** Program and arguments, e.g. `['buildah', 'build', …]`. */
      readonly argv: readonly string[];
      readonly env: Readonly<Record<string, string>>;
      /** The step this command maps. */
      readonly step: Step['kind'];
      /** Runs even after an earlier command of the job failed (the gate result writer, GitLab's `after_script`). */
      readonly always?: boolean;
    }
  | {
      readonly kind: 'sh';
      readonly script: string;
      readonly env: Readonly<Record<string, string>>;
      readonly step: Step['kind'];
      readonly always?: boolean;
    };

/** A step the local machine does not run, and why. Never counted as passed. */
export interface LocalNotRun {
  readonly step: Step['kind'];
  /** The gate of a `check` step, when it is one. */
  readonly gate?: string;
  /** Why, e.g. `trivy not found on PATH`. */
  readonly reason: string;
  /**
   * `true`: the job's own work cannot be done, so none of its commands run and the job is "not run"; `false`: a
   * note (e.g. login: the user's existing registry login is used) and the job's commands still run.
   */
  readonly blocking: boolean;
}

/** One instance of a job on the local machine: per-platform jobs once per selected platform. */
export interface LocalJobRun {
  readonly job: JobKind;
  /** The platform of a per-platform job's instance; undefined for a job that runs once. */
  readonly platform?: PlatformId;
  /** Whether the job is a gate (its failure stops the run): every job before the publish stage. */
  readonly stage: 'verify' | 'publish';
  /** The commands, in order; empty when the job is not run (a blocking {@link LocalNotRun}). */
  readonly commands: readonly LocalCommand[];
  readonly notRun: readonly LocalNotRun[];
  /**
   * A publish job held back because a gate job could not run here (nothing untested is published): with `--push`
   * this fails the run (exit 1), as a failed gate does.
   */
  readonly held?: boolean;
}

/** What `dockyard run` does, decided without I/O. */
export interface LocalRunPlan {
  /** Job instances in dependency order. */
  readonly jobs: readonly LocalJobRun[];
  /** The tags the metadata engine computed (full references with `--registry-override`, else tag names). */
  readonly tags: readonly string[];
  /** The repository pushed to (`<registry override>/<image.name>`) with `push`; undefined otherwise. */
  readonly repository?: string;
}

/** The programs whose presence decides what runs locally (detected at the rim, `src/io/run-local-pipeline.ts`). */
export const LOCAL_TOOLS = ['buildah', 'skopeo', 'node', 'hadolint', 'trivy', 'grype', 'syft', 'cosign'] as const;

/** One of {@link LOCAL_TOOLS}. */
export type LocalTool = (typeof LOCAL_TOOLS)[number];

/** The inputs of `planLocalRun` beside the pipeline and the step scripts. */
export interface LocalRunOptions {
  /** The platforms to run (each must be one of the pipeline's); empty or undefined: every platform. */
  readonly platforms?: readonly PlatformId[];
  /** Publish by digest and merge the index; needs {@link registryOverride}. */
  readonly push: boolean;
  /** `host[:port]` every image is pushed to, instead of the config's registries (never a real one by accident). */
  readonly registryOverride?: string;
  /** The tools found on PATH. */
  readonly tools: ReadonlySet<LocalTool>;
  /** The event the tags are computed for (from git at the rim: branch, commit, default branch). */
  readonly context: EventContext;
  /** The tag engine's clock (the commit's date at the rim, so a run is reproducible). */
  readonly clock: Date;
}
