import { basename } from 'node:path';
import type { DockyardConfig } from '../config/schema/index.js';

/**
 * An input a manual run declares: GitHub `workflow_dispatch.inputs.<name>`, GitLab the CI variable `gitlabVariable`.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs
 * @see https://docs.gitlab.com/ci/pipelines/#prefill-variables-in-manual-pipelines
 */
export interface TriggerInput {
  readonly name: string;
  readonly type: 'boolean' | 'string';
  /** The CI/CD variable the value reaches on GitLab, e.g. `DOCKYARD_PUSH`. */
  readonly gitlabVariable: string;
}

/**
 * What `dockyard trigger` can start, as the config declares it.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export interface TriggerTargets {
  /** CI systems the config renders for. */
  readonly ci: readonly ('github' | 'gitlab')[];
  /** The GitHub workflow file name (`dockyard.yml`), the `workflow_id` of the dispatch API. */
  readonly workflowFile: string;
  /** Manual runs on (`workflow_dispatch` / web pipelines). */
  readonly manual: boolean;
  /** The `repository_dispatch` event type when external triggers are configured; undefined otherwise. */
  readonly dispatchEventType: string | undefined;
  /** Inputs of a manual run (empty when `manual` is off). */
  readonly inputs: readonly TriggerInput[];
}

/** The manual-run input dockyard renders: whether to push (GitHub input `push`, GitLab `DOCKYARD_PUSH`). */
export const PUSH_INPUT: TriggerInput = { name: 'push', type: 'boolean', gitlabVariable: 'DOCKYARD_PUSH' };

/**
 * Describe the trigger targets of a validated config. Pure. Adapter over `triggers.manual` and
 * `triggers.dispatch.eventType` (issue 5's trigger config), read structurally so it works before and after that
 * schema lands; `manual` may be `true`/`false` or an object (on).
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflow_dispatch
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#repository_dispatch
 */
export function describeTriggerTargets(config: DockyardConfig): TriggerTargets {
  const triggers = config.triggers as { manual?: unknown; dispatch?: { eventType?: unknown } };
  const manual = triggers.manual !== false && triggers.manual !== undefined;
  const eventType = triggers.dispatch?.eventType;
  return {
    ci: config.ci,
    workflowFile: basename(config.output.github),
    manual,
    dispatchEventType: typeof eventType === 'string' ? eventType : undefined,
    inputs: manual ? [PUSH_INPUT] : [],
  };
}
