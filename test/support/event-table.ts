/**
 * THE EVENT TABLE: which jobs run for every event, written by hand from the platforms' docs once, and read by the
 * pipeline table test (test/emit/event-table.test.ts: GitHub's own expression evaluator and gitlab-ci-local) and by
 * `dockyard plan`'s tests (test/plan/plan-event.test.ts), so plan and pipelines cannot drift.
 *
 * Rows are events; columns are job roles (every job maps to a role by its id, {@link roleOfJob}). A row applies to
 * a config only when the config turns its trigger on ({@link EventRow.trigger}); otherwise no pipeline runs.
 *
 * Sources:
 * - GitHub events, refs and payloads: https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 *   (`schedule` and `repository_dispatch` run on the default branch; `workflow_dispatch` on the ref the caller picks;
 *   `pull_request` on `refs/pull/<n>/merge`, filtered by the base branch).
 * - Fork pull requests get no secrets and a read-only GITHUB_TOKEN; Dependabot pull requests get Dependabot secrets
 *   only: https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow
 *   and https://docs.github.com/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions
 * - A re-run keeps the run's event, ref and payload and raises `github.run_attempt`:
 *   https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/re-running-workflows-and-jobs
 * - GitLab pipeline sources and predefined variables: https://docs.gitlab.com/ci/jobs/job_rules/#ci_pipeline_source-predefined-variable
 *   and https://docs.gitlab.com/ci/variables/predefined_variables/ (a tag pipeline has no `CI_COMMIT_BRANCH`; merge
 *   request pipelines run on unprotected `refs/merge-requests/<iid>/head`). dockyard's docs ask for the configured
 *   branches and tags to be protected (docs/registries.md), so "configured" means protected on GitLab.
 * - GitLab has no Dependabot; its row stands for a bot's merge request from a branch of the same project.
 */

/** The trigger a row needs in the config (`triggers.*`); without it no pipeline runs for the event. */
export type EventTrigger = 'branches' | 'tags' | 'pullRequests' | 'manual' | 'dispatch' | 'schedule' | 'none';

/** Which ref the event runs on, instantiated per config by test/support/event-refs.ts. */
export type EventRef = 'branch' | 'other-branch' | 'tag' | 'other-tag' | 'pull' | 'default-branch';

/** One event of the table. */
export interface EventRow {
  readonly id: string;
  readonly description: string;
  /** GitHub's event name (`github.event_name`); also the `dockyard plan --event` value. */
  readonly githubEvent: 'push' | 'pull_request' | 'workflow_dispatch' | 'repository_dispatch' | 'schedule';
  /** GitLab's `CI_PIPELINE_SOURCE`. */
  readonly gitlabSource: 'push' | 'merge_request_event' | 'web' | 'trigger' | 'schedule';
  readonly ref: EventRef;
  /** The pull request's head: same repository, a fork, or a Dependabot branch (same repository, actor dependabot[bot]). */
  readonly pull?: 'same-repo' | 'fork' | 'dependabot';
  /** The `push` input / `DOCKYARD_PUSH` of a manual run (absent: not given, the default applies). */
  readonly push?: boolean;
  /** A re-run of a finished run (`github.run_attempt` 2; on GitLab a retry inside the same pipeline). */
  readonly rerun?: boolean;
  /** The config trigger the event needs to start a pipeline at all (`none`: no trigger covers it). */
  readonly trigger: EventTrigger;
  /** Publish-role jobs run (given the trigger is on and the default branch is configured). */
  readonly publishes: boolean;
  /** The run may read repository/project secrets (false: fork and Dependabot pull requests). */
  readonly secrets: boolean;
}

/** Every event the pipelines must get right, with the expected outcome. Read this table, not the code. */
export const EVENT_TABLE: readonly EventRow[] = [
  {
    id: 'push-branch',
    description: 'push to a configured branch',
    githubEvent: 'push',
    gitlabSource: 'push',
    ref: 'branch',
    trigger: 'branches',
    publishes: true,
    secrets: true,
  },
  {
    id: 'push-other-branch',
    description: 'push to an unconfigured branch',
    githubEvent: 'push',
    gitlabSource: 'push',
    ref: 'other-branch',
    trigger: 'none',
    publishes: false,
    secrets: true,
  },
  {
    id: 'tag',
    description: 'push of a matching tag',
    githubEvent: 'push',
    gitlabSource: 'push',
    ref: 'tag',
    trigger: 'tags',
    publishes: true,
    secrets: true,
  },
  {
    id: 'other-tag',
    description: 'push of a tag that matches no tag glob',
    githubEvent: 'push',
    gitlabSource: 'push',
    ref: 'other-tag',
    trigger: 'none',
    publishes: false,
    secrets: true,
  },
  {
    id: 'pr-same-repo',
    description: 'pull/merge request from a branch of the repository',
    githubEvent: 'pull_request',
    gitlabSource: 'merge_request_event',
    ref: 'pull',
    pull: 'same-repo',
    trigger: 'pullRequests',
    publishes: false,
    secrets: true,
  },
  {
    id: 'pr-fork',
    description: 'pull/merge request from a fork',
    githubEvent: 'pull_request',
    gitlabSource: 'merge_request_event',
    ref: 'pull',
    pull: 'fork',
    trigger: 'pullRequests',
    publishes: false,
    secrets: false,
  },
  {
    id: 'pr-dependabot',
    description: 'Dependabot pull request (GitLab: a bot merge request)',
    githubEvent: 'pull_request',
    gitlabSource: 'merge_request_event',
    ref: 'pull',
    pull: 'dependabot',
    trigger: 'pullRequests',
    publishes: false,
    secrets: false,
  },
  {
    id: 'manual-no-push',
    description: 'manual run of a configured branch, push=false',
    githubEvent: 'workflow_dispatch',
    gitlabSource: 'web',
    ref: 'branch',
    push: false,
    trigger: 'manual',
    publishes: false,
    secrets: true,
  },
  {
    id: 'manual-push',
    description: 'manual run of a configured branch, push=true',
    githubEvent: 'workflow_dispatch',
    gitlabSource: 'web',
    ref: 'branch',
    push: true,
    trigger: 'manual',
    publishes: true,
    secrets: true,
  },
  {
    id: 'manual-push-other-ref',
    description: 'manual run of an unconfigured branch, push=true',
    githubEvent: 'workflow_dispatch',
    gitlabSource: 'web',
    ref: 'other-branch',
    push: true,
    trigger: 'manual',
    publishes: false,
    secrets: true,
  },
  {
    id: 'manual-no-push-other-ref',
    description: 'manual run of an unconfigured branch, push=false',
    githubEvent: 'workflow_dispatch',
    gitlabSource: 'web',
    ref: 'other-branch',
    push: false,
    trigger: 'manual',
    publishes: false,
    secrets: true,
  },
  {
    id: 'dispatch',
    description: 'repository_dispatch / trigger token, no push key',
    githubEvent: 'repository_dispatch',
    gitlabSource: 'trigger',
    ref: 'default-branch',
    trigger: 'dispatch',
    publishes: true,
    secrets: true,
  },
  {
    id: 'schedule',
    description: 'scheduled run (default branch)',
    githubEvent: 'schedule',
    gitlabSource: 'schedule',
    ref: 'default-branch',
    trigger: 'schedule',
    publishes: true,
    secrets: true,
  },
  {
    id: 're-run',
    description: 're-run of a push to a configured branch',
    githubEvent: 'push',
    gitlabSource: 'push',
    ref: 'branch',
    rerun: true,
    trigger: 'branches',
    publishes: true,
    secrets: true,
  },
];

/** What a job does, whatever its id or matrix entry is called on each platform. */
export type JobRole =
  'verify' | 'publish' | 'notify-success' | 'notify-failure' | 'caller' | 'probe' | 'unprotected-guard';

/**
 * The role of a job by its id (GitHub job id, or GitLab job name without the `: [matrix]` suffix). Verify jobs run on
 * every pipeline; publish jobs only when the row {@link EventRow.publishes}; `notify-success` needs every job to
 * succeed (so it runs exactly when publishing ran); `notify-failure` never runs in a pipeline where every job passes.
 *
 * @throws {Error} for a job id the table does not know (add the role here, reviewed).
 */
export function roleOfJob(id: string): JobRole {
  const base = id.replace(/: \[.*\]$/, '');
  if (/^(metadata|platforms|lint|build|test|scan|smoke|size|sbom|gates)$/.test(base)) return 'verify';
  if (/^(push|manifest|sign|promote)$/.test(base) || /^deploy[- ]/.test(base)) return 'publish';
  if (/^notify[-_ ](success)/.test(base)) return 'notify-success';
  if (/^notify[-_ ](failure)/.test(base)) return 'notify-failure';
  if (base === 'image' || base === 'container-image') return 'caller';
  // GitLab only: fails a pipeline of a configured branch or tag that is not protected (docs/registries.md).
  if (base === 'unprotected-ref') return 'unprotected-guard';
  throw new Error(`event table: no role for job "${id}" (add it to roleOfJob in test/support/event-table.ts)`);
}

/** Whether a job of `role` runs for `row`, given the pipeline runs and whether the config's default branch is configured. */
export function expectRoleRuns(role: JobRole, publishes: boolean): boolean {
  switch (role) {
    case 'verify':
    case 'caller':
    case 'probe':
      return true;
    case 'publish':
    case 'notify-success':
      return publishes;
    case 'notify-failure':
      return false;
    // The table's configured refs are protected on GitLab (see the sources above) and other refs never publish, so the
    // guard runs in no row: not on a publishing ref (protected), not on a manual run of a feature branch.
    case 'unprotected-guard':
      return false;
  }
}

/**
 * Write scopes of GITHUB_TOKEN a job may hold on a run that does not publish: `packages` (the build's registry
 * cache or the registry handoff's staging pushes on same-repository pull requests) and `security-events` (the scan's
 * SARIF upload). GitHub makes every token of a fork pull request read-only anyway. `id-token` and `attestations`
 * (signing) only ever run on publishing runs. docs/pipelines.md ("Security").
 *
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
 */
export const NON_PUBLISHING_WRITE_SCOPES: readonly string[] = ['packages', 'security-events'];

/**
 * With `handoff: "registry"`, pull requests that cannot write to the staging repository (from forks, by Dependabot)
 * are refused: the build job fails with an explanation, everything after it is skipped (docs/handoff.md).
 */
export function refusedByRegistryHandoff(row: EventRow, handoff: string): boolean {
  return handoff === 'registry' && (row.pull === 'fork' || row.pull === 'dependabot');
}
