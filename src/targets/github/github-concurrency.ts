import { concurrencyRoleOf } from '../../model/concurrency.js';
import type { Job, Pipeline, TriggerSpec } from '../../model/pipeline.js';
import { REF_PUBLISHES } from './github-ref-gate.js';

/** A job-level `concurrency` block. */
export interface GithubConcurrency {
  group: string;
  'cancel-in-progress': boolean;
}

/**
 * True (a GitHub expression, without `${{ }}`) when a manual run's `push` input or a dispatch's `client_payload.push`
 * is false (boolean `false` or the string `"false"`, any case); undefined when neither trigger exists. Written so a
 * missing value is never taken for false: GitHub coerces `null == false` to true, so booleans go through `toJSON`.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#operators
 */
export function githubNoPushExpression(triggers: TriggerSpec): string | undefined {
  const clauses = [
    ...(triggers.manual ? ["github.event.inputs.push == 'false'"] : []),
    ...(triggers.dispatch
      ? ["github.event.client_payload.push == 'false'", "toJSON(github.event.client_payload.push) == 'false'"]
      : []),
  ];
  return clauses.length > 0 ? clauses.join(' || ') : undefined;
}

/**
 * The `if:` of publish-stage jobs: never on pull requests, only when the metadata job found the run's ref is a
 * configured branch or tag ({@link REF_PUBLISHES}: `workflow_dispatch` runs on any ref, schedules and
 * `repository_dispatch` on the default branch), and not when a manual run or a dispatch asked not to push. The job
 * must list `metadata` in its `needs` (the `needs` context holds direct dependencies only).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idif
 * @see https://docs.github.com/actions/reference/workflows-and-actions/contexts#needs-context
 */
export function githubPublishCondition(triggers: TriggerSpec): string {
  const noPush = githubNoPushExpression(triggers);
  return noPush
    ? `github.event_name != 'pull_request' && !(${noPush}) && ${REF_PUBLISHES}`
    : `github.event_name != 'pull_request' && ${REF_PUBLISHES}`;
}

/**
 * A job's `concurrency`. Verify jobs (with `cancelSuperseded`): a group per workflow file, ref, job and matrix platform,
 * `cancel-in-progress: true` (a newer run's job cancels the older run's same job; matrix siblings never share a
 * group). A run that does not publish (`push` false) uses its run id instead of the ref, so it never cancels a
 * publishing run. The manifest job: the per-ref publish group, `cancel-in-progress: false` (GitHub then keeps one
 * running and one waiting job; a newer waiting job replaces an older waiting one, and the newest always runs).
 * Other jobs: none (no workflow-level group either: cancelling a run cancels all its running jobs, publishing too).
 *
 * Groups key on `github.workflow_ref` (`owner/repo/.github/workflows/<file>@<ref>`: the workflow file, and in a called
 * reusable workflow the caller's), not on `github.workflow` (the workflow's `name:`), so the workflows of several
 * configs in one repository never share a group even with the same name.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/contexts#github-context
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs
 */
export function githubJobConcurrency(pipeline: Pipeline, job: Job): GithubConcurrency | undefined {
  const role = concurrencyRoleOf(pipeline, job);
  if (role === 'locked')
    return { group: 'dockyard-publish-${{ github.workflow_ref }}-${{ github.ref }}', 'cancel-in-progress': false };
  if (role === 'never') return undefined;
  const noPush = githubNoPushExpression(pipeline.triggers);
  const ref = noPush ? `\${{ (${noPush}) && github.run_id || github.ref }}` : '${{ github.ref }}';
  const platform = job.perPlatform ? '-${{ matrix.slug }}' : '';
  return { group: `dockyard-\${{ github.workflow_ref }}-${ref}-${job.id}${platform}`, 'cancel-in-progress': true };
}
