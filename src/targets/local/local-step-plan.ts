import type { PlatformTarget, Pipeline } from '../../model/pipeline.js';
import type { Step } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import type { LocalCommand, LocalNotRun, LocalRunOptions, LocalTool } from './local-run-types.js';

/*
 * What the local step mappers share: the work directory layout (the same as a CI job's `dockyard/`), the context a
 * step is mapped in, and the small constructors of a step's plan.
 */

/** The work directory, relative to the project directory: the same layout as a CI job's `dockyard/`. */
export const LOCAL_WORK_DIR = 'dockyard';
/** Where gate result files go (docs/gates.md, "Gate result files"). */
export const LOCAL_GATES_DIR = `${LOCAL_WORK_DIR}/gates`;
/** Where the push job records each platform's pushed digest (`<slug>` files). */
export const LOCAL_DIGESTS_DIR = `${LOCAL_WORK_DIR}/digests`;
/** sh word of the instance's candidate directory (`image.tar`, `digest`). */
export const CANDIDATE_DIR = `"${LOCAL_WORK_DIR}/$DOCKYARD_SLUG"`;
/** The instance's candidate as an `oci-archive:` reference (buildah, skopeo, Grype). */
export const ARCHIVE = `oci-archive:${LOCAL_WORK_DIR}/$DOCKYARD_SLUG/image.tar`;

/** What the step mapper reads besides the step: the pipeline, the instance and the run's decisions. */
export interface LocalStepContext {
  readonly pipeline: Pipeline;
  readonly scripts: StepScripts;
  /** The instance's platform (per-platform jobs), else undefined. */
  readonly platform?: PlatformTarget;
  /** The platforms this run selected. */
  readonly platforms: readonly PlatformTarget[];
  /** The platforms of the test job this run selected (the gate summary expects their files). */
  readonly testPlatforms: readonly PlatformTarget[];
  readonly options: LocalRunOptions;
  /** The job builds the test stage, so it needs the candidate in local storage (`fetch-candidate`). */
  readonly buildsTestStage: boolean;
  /** `--label` values and manifest `--annotation` values from the metadata engine. */
  readonly labels: readonly string[];
  readonly annotations: readonly string[];
  /** Full tag references (`<repository>:<tag>`), with `push`. */
  readonly tags: readonly string[];
  readonly repository?: string;
}

/** The commands of one step, or why it does not run. */
export interface LocalStepPlan {
  readonly commands: LocalCommand[];
  readonly notRun: LocalNotRun[];
}

/** A step with nothing to run here. */
export const none = (): LocalStepPlan => ({ commands: [], notRun: [] });
/** A step run as one sh script. */
export const sh = (step: Step['kind'], script: string, env: Record<string, string> = {}): LocalStepPlan => ({
  commands: [{ kind: 'sh', script, env, step }],
  notRun: [],
});
/** A step that does not run here, and why; `blocking`: the job's work cannot run without it. */
export const notRun = (step: Step, reason: string, blocking = true): LocalStepPlan => ({
  commands: [],
  notRun: [{ step: step.kind, ...(step.kind === 'check' ? { gate: step.gate } : {}), reason, blocking }],
});
/** The first of `wanted` that is not on PATH. */
export const missing = (tools: ReadonlySet<LocalTool>, ...wanted: LocalTool[]): LocalTool | undefined =>
  wanted.find((t) => !tools.has(t));
