import type { EventRow } from './event-table.js';

/** The repository the simulated runs belong to. */
export const REPOSITORY = 'acme/app';

/** One event instantiated for a config: the refs the row names, and what GitHub puts in the `github` context. */
export interface GithubEventInstance {
  readonly eventName: EventRow['githubEvent'];
  /** `GITHUB_REF`, e.g. `refs/heads/main`, `refs/tags/v1`, `refs/pull/7/merge`. */
  readonly ref: string;
  /** The `github` context (without `event`, `job`). */
  readonly github: Record<string, unknown>;
  /** `github.event`: the webhook payload. */
  readonly event: Record<string, unknown>;
  /** The `inputs` context of a workflow_dispatch (booleans stay booleans there). */
  readonly inputs: Record<string, unknown>;
}

/** The refs a row can run on, for one config. */
export interface EventRefs {
  readonly branch: string;
  readonly otherBranch: string;
  readonly tag: string;
  readonly otherTag: string;
  readonly defaultBranch: string;
}

/**
 * Build GitHub's contexts for a row. Payload shapes follow the webhook docs: `pull_request.head.repo.full_name`
 * (fork: another repository), `inputs` (workflow_dispatch: strings in `github.event.inputs`, booleans in the
 * `inputs` context), `action` and `client_payload` (repository_dispatch), `schedule` (the cron).
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#github-context
 * @see https://docs.github.com/webhooks/webhook-events-and-payloads
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflow_dispatch
 */
export function githubEventInstance(
  row: EventRow,
  refs: EventRefs,
  dispatchType: string | undefined,
): GithubEventInstance {
  const ref = refFor(row, refs);
  const refType = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  const refName = ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge');
  const repository = {
    full_name: REPOSITORY,
    default_branch: refs.defaultBranch,
    name: 'app',
    owner: { login: 'acme' },
  };
  const actor = row.pull === 'dependabot' ? 'dependabot[bot]' : 'octocat';
  let event: Record<string, unknown> = { repository, sender: { login: actor } };
  let inputs: Record<string, unknown> = {};
  if (row.githubEvent === 'push') event = { ...event, ref, before: '1'.repeat(40), after: 'a'.repeat(40) };
  if (row.githubEvent === 'pull_request') {
    const headRepo = row.pull === 'fork' ? 'contributor/app' : REPOSITORY;
    const headRef = row.pull === 'dependabot' ? 'dependabot/npm_and_yarn/lodash-4.17.21' : 'feature/event-table';
    event = {
      ...event,
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        head: { ref: headRef, sha: 'b'.repeat(40), repo: { full_name: headRepo, fork: row.pull === 'fork' } },
        base: { ref: refs.branch, repo: repository },
      },
    };
  }
  if (row.githubEvent === 'workflow_dispatch') {
    const push = row.push ?? true;
    event = { ...event, ref, inputs: { push: String(push) } };
    inputs = { push };
  }
  if (row.githubEvent === 'repository_dispatch')
    event = { ...event, action: dispatchType ?? 'dockyard-build', client_payload: {}, branch: refs.defaultBranch };
  if (row.githubEvent === 'schedule') event = { schedule: '0 3 * * *', repository };
  const github: Record<string, unknown> = {
    event_name: row.githubEvent,
    ref,
    ref_name: refName,
    ref_type: refType,
    ref_protected: false,
    sha: 'a'.repeat(40),
    repository: REPOSITORY,
    repository_owner: 'acme',
    actor,
    triggering_actor: actor,
    workflow: 'dockyard',
    // `owner/repo/<workflow file>@<ref>` (GitHub's github context); the concurrency groups key on it.
    workflow_ref: `${REPOSITORY}/.github/workflows/dockyard.yml@${ref}`,
    run_id: '4242',
    run_number: '17',
    run_attempt: row.rerun ? '2' : '1',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    base_ref: row.githubEvent === 'pull_request' ? refs.branch : '',
    head_ref: row.githubEvent === 'pull_request' ? (event.pull_request as { head: { ref: string } }).head.ref : '',
    token: '***',
    workspace: '/home/runner/work/app/app',
  };
  return { eventName: row.githubEvent, ref, github, event, inputs };
}

/** GITHUB_REF for a row: pull requests run on the merge ref; schedules and repository_dispatch on the default branch. */
export function refFor(row: EventRow, refs: EventRefs): string {
  switch (row.ref) {
    case 'branch':
      return `refs/heads/${refs.branch}`;
    case 'other-branch':
      return `refs/heads/${refs.otherBranch}`;
    case 'tag':
      return `refs/tags/${refs.tag}`;
    case 'other-tag':
      return `refs/tags/${refs.otherTag}`;
    case 'pull':
      return 'refs/pull/7/merge';
    case 'default-branch':
      return `refs/heads/${refs.defaultBranch}`;
  }
}
