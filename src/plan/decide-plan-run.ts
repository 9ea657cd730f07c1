import type { CiSystem } from '../config/schema/primitives.js';
import { targetOf } from '../targets/registry.js';
import type { TriggerSpec } from '../model/pipeline.js';

/** The event `dockyard plan` (or a table test of which jobs run per event) asks about. */
export interface PlanRunEvent {
  /** GitHub's event name: `push`, `pull_request`, `schedule`, `workflow_dispatch` or `repository_dispatch` (GitLab's pipeline sources map to them, docs/plan.md). */
  readonly event: string;
  /** Full ref: `refs/heads/<branch>`, `refs/tags/<tag>` or, for `pull_request`, `refs/pull/<n>/merge`. */
  readonly ref: string;
  /** The repository's default branch, e.g. `main` (scheduled and dispatched GitHub runs use it). */
  readonly defaultBranch: string;
  /** For `pull_request`: the branch the pull/merge request targets. Default: `defaultBranch`. */
  readonly baseBranch?: string;
}

/** Whether a pipeline runs for an event and whether its publish stage does, with the reason in words. */
export interface PlanRunDecision {
  /** The pipeline starts at all (GitHub `on:` filters; GitLab `workflow:rules`). */
  readonly runs: boolean;
  /** Its publish stage (push, manifest, sign, deploy) runs; always false when `runs` is false. */
  readonly published: boolean;
  /**
   * Why, as `dockyard plan` prints it after `published to …` / `not published: `, e.g.
   * `refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push`.
   */
  readonly reason: string;
}

/** Whether a name matches a glob as the emitted file for `ci` compares it (the target's `matchesRefPattern`). */
function matchesAny(ci: CiSystem, patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => targetOf(ci).matchesRefPattern(p, name));
}

function listOf(patterns: readonly string[]): string {
  return patterns.length > 0 ? patterns.join(', ') : 'none configured';
}

const run = (published: boolean, reason: string): PlanRunDecision => ({ runs: true, published, reason });
const skip = (reason: string): PlanRunDecision => ({ runs: false, published: false, reason });

/**
 * Decide whether the pipeline dockyard renders for `triggers` runs for an event on `ci`, and whether it publishes,
 * by the same rules the emitters render: GitHub `on:` (github-triggers.ts) and the publish jobs' `if:` (never on
 * pull requests, github-concurrency.ts); GitLab `workflow:rules` and the publish rules (gitlab-rules.ts: never in
 * merge request pipelines, only on protected refs, which a plan cannot see: the text output notes it). Pure.
 *
 * - `push` of a branch / tag: runs and publishes when the name matches `triggers.branches` / `triggers.tags`;
 *   otherwise GitHub does not start the workflow (with only tag filters, no branch push runs, and vice versa) and
 *   GitLab's workflow rules create no pipeline.
 * - `pull_request`: runs when `pullRequests` is on and the base branch matches `branches` (GitHub
 *   `pull_request.branches`, GitLab `$CI_MERGE_REQUEST_TARGET_BRANCH_NAME`); never publishes.
 * - `schedule`: runs and publishes when a schedule is configured; on GitHub only on the default branch.
 * - `workflow_dispatch` (GitLab: "Run pipeline") with `manual`, `repository_dispatch` (GitLab: trigger tokens) with
 *   `dispatch`: run and publish on any ref they name (GitHub's dispatch: the default branch), unless `push` is false.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 * @see https://docs.gitlab.com/ci/yaml/workflow/
 */
export function decidePlanRun(triggers: TriggerSpec, ci: CiSystem, request: PlanRunEvent): PlanRunDecision {
  const { event, ref, defaultBranch } = request;
  if (event === 'pull_request') {
    const what = targetOf(ci).vocabulary.changeRequests;
    if (!triggers.pullRequests) return skip(`${what} do not run the pipeline (triggers.pullRequests is false)`);
    const base = request.baseBranch ?? defaultBranch;
    if (triggers.branches.length > 0 && !matchesAny(ci, triggers.branches, base)) {
      return skip(
        `${what} targeting ${base} do not run the pipeline (only those targeting ${listOf(triggers.branches)})`,
      );
    }
    return run(false, `the publish stage does not run for ${what}`);
  }
  if (event === 'push') {
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    const kind = branch !== undefined ? 'branch' : 'tag';
    const name = branch ?? ref.slice('refs/tags/'.length);
    const patterns = branch !== undefined ? triggers.branches : triggers.tags;
    if (!matchesAny(ci, patterns, name))
      return skip(`${ref} is not a publishing ${kind} (${listOf(patterns)}); the pipeline does not run for this push`);
    return run(true, `${ref} is a publishing ${kind}`);
  }
  if (event === 'schedule') {
    if (triggers.schedules.length === 0)
      return skip('no schedule is configured (triggers.schedule), so no scheduled pipeline runs');
    if (targetOf(ci).schedulesOnDefaultBranchOnly && ref !== `refs/heads/${defaultBranch}`)
      return skip(
        `scheduled ${targetOf(ci).name} workflows run only on the default branch (refs/heads/${defaultBranch}), not ${ref}`,
      );
    return run(true, `scheduled runs publish like a branch push`);
  }
  const noPush = ' unless started with push=false';
  if (event === 'workflow_dispatch') {
    if (!triggers.manual) return skip('manual runs are off (triggers.manual is false)');
    return run(true, `manual runs publish${noPush}`);
  }
  if (event === 'repository_dispatch') {
    if (!triggers.dispatch) return skip('external triggers are off (triggers.dispatch is not set)');
    return run(true, `dispatched runs publish${noPush}`);
  }
  return skip(`no pipeline runs for a ${event} event`);
}
