/**
 * The local target: `dockyard run` executes the pipeline model on this machine, job by job in dependency order, with
 * buildah, skopeo and the step scripts the CI targets render. It is the proof that a target is one folder and one
 * registry line (src/targets/registry.ts): it reads only the model (`Job.steps`) and shared modules of `src/emit/`.
 *
 * @see ../../../docs/local-run.md
 */
import type { Target } from '../ci-target.js';
import { STEP_KINDS, type Step } from '../../model/steps.js';
import { LOCAL_TOOLS, type LocalRunOptions, type LocalRunPlan, type LocalTool } from './local-run-types.js';
import { planLocalRun } from './plan-local-run.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { StepScripts } from '../../emit/step-scripts.js';

export * from './local-run-types.js';
export { LocalRunError, orderJobs, planLocalRun } from './plan-local-run.js';
export { planLocalStep } from './local-step-commands.js';
export { LOCAL_DIGESTS_DIR, LOCAL_GATES_DIR, LOCAL_WORK_DIR } from './local-step-plan.js';

/** What the local target can do: the step kinds it never runs here (always "not run"), and the tools it looks for. */
export interface LocalCapabilities {
  /** Step kinds reported "not run" whatever is installed, with the reason. */
  readonly neverRun: Readonly<Partial<Record<Step['kind'], string>>>;
  /** Step kinds it maps (every kind of the model: the mapping's `switch` is exhaustive). */
  readonly stepKinds: readonly Step['kind'][];
  /** Programs it looks for on PATH. */
  readonly tools: readonly LocalTool[];
}

/** A target that runs the pipeline itself instead of rendering files. */
export interface RunTarget extends Target {
  readonly capabilities: LocalCapabilities;
  /** Plan the run (pure). */
  planRun(pipeline: Pipeline, scripts: StepScripts, options: LocalRunOptions): LocalRunPlan;
}

/** This machine. */
export const localTarget: RunTarget = {
  id: 'local',
  name: 'this machine',
  capabilities: {
    neverRun: {
      login: 'uses your existing registry login',
      sign: 'keyless signing needs the CI system’s OIDC token',
      deploy: 'deploys run only in CI',
      notify: 'notifications are sent only from CI',
    },
    stepKinds: STEP_KINDS,
    tools: LOCAL_TOOLS,
  },
  planRun: planLocalRun,
};
