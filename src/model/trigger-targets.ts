import { compareCodePoints } from './compare-code-points.js';
import { posix } from 'node:path';
import type { DockyardConfig } from '../config/schema/index.js';
import type { TriggerSpec } from './pipeline.js';

/**
 * An input of a manual or dispatched build: GitHub `workflow_dispatch` input / `repository_dispatch`
 * `client_payload` key `name`, GitLab pipeline variable `gitlabVariable`.
 */
export interface TriggerInput {
  /** The GitHub input name and `client_payload` key, e.g. `push`. */
  readonly name: string;
  /** The `workflow_dispatch` input type. */
  readonly type: 'boolean';
  readonly default: boolean;
  readonly description: string;
  /** The GitLab CI/CD variable carrying it (prefilled on "Run pipeline", passed as `variables[…]` by trigger calls). */
  readonly gitlabVariable: string;
}

/**
 * The built-in `push` input: `false` builds and verifies without publishing. GitHub: the boolean
 * `workflow_dispatch` input `push` and the `repository_dispatch` payload key `push`; GitLab: `DOCKYARD_PUSH`.
 */
export const PUSH_INPUT: TriggerInput = {
  name: 'push',
  type: 'boolean',
  default: true,
  description: 'Publish the image when every gate passes (only on refs that publish)',
  gitlabVariable: 'DOCKYARD_PUSH',
};

/** What `dockyard trigger` can start for a config, and the inputs it accepts. */
export interface TriggerTargets {
  /** File name of the GitHub workflow dockyard writes (`output.github`'s last segment, e.g. `dockyard.yml`): the `workflow_id` of the dispatch API. */
  readonly workflowFile: string;
  /** Manual runs are on: GitHub `workflow_dispatch`, GitLab web pipelines. */
  readonly manual: boolean;
  /** The `repository_dispatch` event type when external triggers are on (GitLab: trigger-token pipelines are then accepted). */
  readonly dispatchEventType?: string;
  /** Inputs accepted by manual and dispatched builds (`--input KEY=VALUE`); empty when neither is on. */
  readonly inputs: readonly TriggerInput[];
}

/**
 * Describe the triggers `dockyard trigger` can use for a validated config. Pure.
 *
 * @param config a config returned by `validateConfig` (defaults applied).
 * @returns the workflow file name, whether manual runs and dispatches are on, and the accepted inputs.
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 * @see https://docs.gitlab.com/ci/triggers/#use-a-cicd-job
 */
export function describeTriggerTargets(config: DockyardConfig): TriggerTargets {
  const { manual, dispatch } = config.triggers;
  return {
    workflowFile: posix.basename(config.output.github.replaceAll('\\', '/')),
    manual,
    ...(dispatch ? { dispatchEventType: dispatch.eventType } : {}),
    inputs: manual || dispatch ? [PUSH_INPUT] : [],
  };
}

/**
 * The pipeline model's triggers (`Pipeline.triggers`) from a validated config: branch and tag globs, pull requests,
 * the schedules' cron expressions, manual runs and the dispatch event type. Pure.
 *
 * @param config a config returned by `validateConfig` (defaults applied).
 * @param alwaysWatched files whose change always runs the pipeline when `triggers.paths` is set (the Dockerfile and
 *   the pipeline file); ignored when it is not.
 */
export function planTriggerSpec(config: DockyardConfig, alwaysWatched: readonly string[] = []): TriggerSpec {
  const paths = config.triggers.paths.length > 0 ? [...new Set([...config.triggers.paths, ...alwaysWatched])] : [];
  return {
    branches: [...config.triggers.branches],
    tags: [...config.triggers.tags],
    pullRequests: config.triggers.pullRequests,
    schedules: config.triggers.schedule.map((s) => s.cron),
    manual: config.triggers.manual,
    ...(config.triggers.dispatch ? { dispatch: { eventType: config.triggers.dispatch.eventType } } : {}),
    paths: paths.sort(compareCodePoints),
  };
}
