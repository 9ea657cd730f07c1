import type { TriggerSpec } from '../../model/pipeline.js';
import { PUSH_INPUT } from '../../model/trigger-targets.js';
import type { GithubTriggers } from './github-types.js';

/**
 * Map triggers to the workflow `on:` block. Pull requests use `pull_request` (never `pull_request_target`),
 * so code from forks runs without secrets or write tokens. Manual runs (`workflow_dispatch`) get the boolean input
 * `push`; external builds listen for `repository_dispatch` of the configured event type (GitHub runs them on the
 * default branch).
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushpull_requestpull_request_targetpathspaths-ignore
 */
export function emitGithubTriggers(triggers: TriggerSpec): GithubTriggers {
  const on: GithubTriggers = {};
  const push: NonNullable<GithubTriggers['push']> = {};
  // GitHub evaluates `paths` for branch pushes and pull requests only ("Path filters are not evaluated for pushes of
  // tags"), and runs the workflow when both the ref and the path filter match.
  const paths = triggers.paths.length > 0 ? { paths: [...triggers.paths] } : {};
  if (triggers.branches.length > 0) push.branches = [...triggers.branches];
  if (triggers.tags.length > 0) push.tags = [...triggers.tags];
  if (Object.keys(push).length > 0) on.push = { ...push, ...paths };
  if (triggers.pullRequests)
    on.pull_request = { ...(triggers.branches.length > 0 ? { branches: [...triggers.branches] } : {}), ...paths };
  if (triggers.schedules.length > 0) on.schedule = triggers.schedules.map((cron) => ({ cron }));
  if (triggers.manual) {
    on.workflow_dispatch = {
      inputs: {
        [PUSH_INPUT.name]: { description: PUSH_INPUT.description, type: PUSH_INPUT.type, default: PUSH_INPUT.default },
      },
    };
  }
  if (triggers.dispatch) on.repository_dispatch = { types: [triggers.dispatch.eventType] };
  return on;
}
