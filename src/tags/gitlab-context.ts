import type { EventContext } from './event-context.js';

/**
 * Map GitLab CI's predefined variables to the platform-neutral {@link EventContext}, so that the same tag
 * rules give the same tags on GitLab as docker/metadata-action gives on GitHub:
 *
 * | EventContext | GitLab variable |
 * | --- | --- |
 * | `eventName` | `CI_PIPELINE_SOURCE`: `push` → `push`, `merge_request_event`/`external_pull_request_event` → `pull_request`, `schedule` → `schedule`, `web`/`api`/`trigger`/`pipeline`/`parent_pipeline`/`chat` → `workflow_dispatch` |
 * | `ref` | `CI_COMMIT_TAG` → `refs/tags/<tag>`; merge requests → `refs/pull/<CI_MERGE_REQUEST_IID>/merge`; else `CI_COMMIT_BRANCH` (or `CI_COMMIT_REF_NAME`) → `refs/heads/<branch>` |
 * | `sha` | `CI_COMMIT_SHA`; with `DOCKER_METADATA_PR_HEAD_SHA=true` in a merge request, `CI_MERGE_REQUEST_SOURCE_BRANCH_SHA` |
 * | `defaultBranch`, `repo.defaultBranch` | `CI_DEFAULT_BRANCH` |
 * | `baseRef` | merge requests: `CI_MERGE_REQUEST_TARGET_BRANCH_NAME`; tags: `DOCKYARD_BASE_REF` (GitLab has no equivalent of GitHub's tag `base_ref`; empty unless set) |
 * | `headRef`, `prNumber`, `prHeadSha` | `CI_MERGE_REQUEST_SOURCE_BRANCH_NAME`, `CI_MERGE_REQUEST_IID`, `CI_MERGE_REQUEST_SOURCE_BRANCH_SHA` |
 * | `commitDate` | `CI_COMMIT_TIMESTAMP` |
 * | `repo` | `CI_PROJECT_NAME`, `CI_PROJECT_PATH`, `CI_PROJECT_DESCRIPTION`, `CI_PROJECT_URL`; license from `DOCKYARD_PROJECT_LICENSE` (GitLab has no variable for it) |
 *
 * @param vars the job's environment (only the variables above are read).
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function contextFromGitlab(vars: Readonly<Record<string, string | undefined>>): EventContext {
  const get = (name: string): string | undefined => {
    const value = vars[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const source = get('CI_PIPELINE_SOURCE') ?? '';
  const eventName = EVENT_NAMES[source] ?? source;
  const mrIid = get('CI_MERGE_REQUEST_IID');
  const isMergeRequest = eventName === 'pull_request' && mrIid !== undefined;
  const tag = get('CI_COMMIT_TAG');
  const branch =
    get('CI_COMMIT_BRANCH') ?? (tag === undefined && !isMergeRequest ? get('CI_COMMIT_REF_NAME') : undefined);
  const ref =
    tag !== undefined
      ? `refs/tags/${tag}`
      : isMergeRequest
        ? `refs/pull/${mrIid}/merge`
        : branch !== undefined
          ? `refs/heads/${branch}`
          : '';
  const prHeadSha = get('CI_MERGE_REQUEST_SOURCE_BRANCH_SHA');
  const usePrHead =
    /^true$/i.test((get('DOCKER_METADATA_PR_HEAD_SHA') ?? '').trim()) && isMergeRequest && prHeadSha !== undefined;
  const baseRef =
    tag !== undefined
      ? get('DOCKYARD_BASE_REF')
      : isMergeRequest
        ? get('CI_MERGE_REQUEST_TARGET_BRANCH_NAME')
        : undefined;
  const headRef = get('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME');
  const commitDate = toIso(get('CI_COMMIT_TIMESTAMP'));
  const defaultBranch = get('CI_DEFAULT_BRANCH');
  return {
    eventName,
    ref,
    sha: usePrHead ? prHeadSha : (get('CI_COMMIT_SHA') ?? ''),
    repo: {
      name: get('CI_PROJECT_NAME') ?? '',
      fullName: get('CI_PROJECT_PATH') ?? '',
      description: get('CI_PROJECT_DESCRIPTION') ?? '',
      url: get('CI_PROJECT_URL') ?? '',
      license: get('DOCKYARD_PROJECT_LICENSE') ?? '',
      defaultBranch: defaultBranch ?? '',
    },
    ...(defaultBranch !== undefined ? { defaultBranch } : {}),
    ...(baseRef !== undefined ? { baseRef } : {}),
    ...(headRef !== undefined ? { headRef } : {}),
    ...(isMergeRequest ? { prNumber: Number(mrIid) } : {}),
    ...(prHeadSha !== undefined && isMergeRequest ? { prHeadSha } : {}),
    ...(commitDate !== undefined ? { commitDate } : {}),
  };
}

/** GitLab `CI_PIPELINE_SOURCE` values and the GitHub event names with the same tag semantics. */
const EVENT_NAMES: Readonly<Record<string, string>> = {
  push: 'push',
  merge_request_event: 'pull_request',
  external_pull_request_event: 'pull_request',
  schedule: 'schedule',
  web: 'workflow_dispatch',
  api: 'workflow_dispatch',
  trigger: 'workflow_dispatch',
  pipeline: 'workflow_dispatch',
  parent_pipeline: 'workflow_dispatch',
  chat: 'workflow_dispatch',
};

function toIso(timestamp: string | undefined): string | undefined {
  if (timestamp === undefined) return undefined;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
