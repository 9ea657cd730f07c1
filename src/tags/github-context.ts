import type { EventContext, RepoMetadata } from './event-context.js';
import type { MetaInputs } from './compute-meta.js';
import { MetaInputError } from './meta-error.js';

/**
 * Repository data as the GitHub REST API returns it (`GET /repos/{owner}/{repo}`), or the flattened form of the
 * conformance cases (`license: "MIT"`). Only the fields read here are listed.
 *
 * @see https://github.com/docker/metadata-action#overwrite-labels-and-annotations
 */
export interface GithubRepoData {
  /** Repository name. */
  readonly name?: string;
  /** `owner/name`. */
  readonly full_name?: string;
  /** Description (`null` when none). */
  readonly description?: string | null;
  /** Web URL. */
  readonly html_url?: string;
  /** License: the API's object (`{ spdx_id: 'MIT' }`) or an SPDX id. */
  readonly license?: { readonly spdx_id?: string | null } | string | null;
  /** Default branch. */
  readonly default_branch?: string;
}

/** The fields of a GitHub event payload that the semantics read. */
interface GithubPayload {
  number?: number;
  base_ref?: string | null;
  /** The webhook payload's repository object: the same fields as the REST API's repository (name, description, license…). */
  repository?: GithubRepoData;
  head_commit?: { id?: string; timestamp?: string } | null;
  commits?: Array<{ id?: string; timestamp?: string }>;
  pull_request?: { number?: number; head?: { sha?: string; ref?: string }; base?: { ref?: string } };
}

/**
 * Map a GitHub Actions run (its `GITHUB_*` environment, the event payload of `GITHUB_EVENT_PATH`, and the
 * repository data) to an {@link EventContext}, with metadata-action's rules:
 *
 * - on `pull_request_target`, the ref becomes `refs/pull/<number>/merge` (GitHub gives the base branch);
 * - with `DOCKER_METADATA_PR_HEAD_SHA=true`, on pull-request events the SHA is the PR head commit;
 * - the commit date is the timestamp of that commit in the payload's `commits`, else `head_commit` when it is
 *   that commit; otherwise it stays unset (metadata-action then asks the API, and falls back to "now");
 * - `defaultBranch` is the payload's `repository.default_branch`; `baseRef` is the payload's `base_ref` on tag
 *   refs and the pull request's base branch on pull-request refs.
 *
 * Without `repo`, the repository metadata (name, URL, description, license) comes from the payload's `repository`
 * object, which carries the fields of the REST API's repository that metadata-action reads
 * (`toolkit.github.repoData()`, `GET /repos/{owner}/{repo}`; labels `org.opencontainers.image.description` =
 * `repo.description`, `org.opencontainers.image.licenses` = `repo.license.spdx_id`, docker/metadata-action
 * src/meta.ts), else from `GITHUB_REPOSITORY` and `GITHUB_SERVER_URL`.
 *
 * @see https://github.com/docker/metadata-action#environment-variables
 * @see https://github.com/docker/metadata-action/blob/master/src/meta.ts
 * @see https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export function contextFromGithub(env: Record<string, string>, event: object, repo?: GithubRepoData): EventContext {
  const payload = event as GithubPayload;
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const isPullRequestEvent = eventName.includes('pull_request');
  const prNumber = payload.pull_request?.number ?? (isPullRequestEvent ? payload.number : undefined);
  let ref = env.GITHUB_REF ?? '';
  if (eventName.includes('pull_request_target') && payload.number !== undefined) {
    ref = `refs/pull/${payload.number}/merge`;
  }
  const prHeadSha = payload.pull_request?.head?.sha;
  let sha = env.GITHUB_SHA ?? '';
  if (/^true$/i.test((env.DOCKER_METADATA_PR_HEAD_SHA ?? '').trim()) && isPullRequestEvent && prHeadSha !== undefined) {
    sha = prHeadSha;
  }
  const baseRef = ref.startsWith('refs/tags/')
    ? (payload.base_ref ?? undefined)?.replace(/^refs\/heads\//, '')
    : ref.startsWith('refs/pull/')
      ? (payload.pull_request?.base?.ref ?? (env.GITHUB_BASE_REF || undefined))
      : undefined;
  const headRef = payload.pull_request?.head?.ref ?? (env.GITHUB_HEAD_REF || undefined);
  const commitDate = findCommitDate(payload, sha);
  const defaultBranch = payload.repository?.default_branch;
  return {
    eventName,
    ref,
    sha,
    repo: mapRepo(env, payload, repo),
    ...(defaultBranch !== undefined ? { defaultBranch } : {}),
    ...(baseRef !== undefined ? { baseRef } : {}),
    ...(headRef !== undefined ? { headRef } : {}),
    ...(prNumber !== undefined ? { prNumber } : {}),
    ...(prHeadSha !== undefined ? { prHeadSha } : {}),
    ...(commitDate !== undefined ? { commitDate } : {}),
  };
}

function findCommitDate(payload: GithubPayload, sha: string): string | undefined {
  const timestamp =
    payload.commits?.find((commit) => commit.id === sha)?.timestamp ??
    (payload.head_commit?.id === sha ? payload.head_commit.timestamp : undefined);
  if (timestamp === undefined || sha === '') return undefined;
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function mapRepo(env: Record<string, string>, payload: GithubPayload, given: GithubRepoData | undefined): RepoMetadata {
  const repo = given ?? payload.repository;
  const fullName = repo?.full_name ?? env.GITHUB_REPOSITORY ?? '';
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const license = typeof repo?.license === 'string' ? repo.license : (repo?.license?.spdx_id ?? '');
  return {
    name: repo?.name ?? fullName.split('/').pop() ?? '',
    fullName,
    description: repo?.description ?? '',
    url: repo?.html_url ?? (fullName === '' ? '' : `${server}/${fullName}`),
    license: license ?? '',
    defaultBranch: repo?.default_branch ?? payload.repository?.default_branch ?? '',
  };
}

/**
 * The options metadata-action reads from environment variables: `DOCKER_METADATA_SHORT_SHA_LENGTH` and
 * `DOCKER_METADATA_ANNOTATIONS_LEVELS` (comma-separated).
 *
 * @throws {MetaInputError} when the short SHA length is not a positive integer.
 * @see https://github.com/docker/metadata-action#environment-variables
 */
export function readMetaOptionsFromEnv(
  env: Record<string, string>,
): Pick<MetaInputs, 'shortShaLength' | 'annotationLevels'> {
  const options: { shortShaLength?: number; annotationLevels?: string[] } = {};
  const length = env.DOCKER_METADATA_SHORT_SHA_LENGTH?.trim();
  if (length) {
    if (!/^\d+$/.test(length) || Number(length) < 1) {
      throw new MetaInputError('options', length, 'DOCKER_METADATA_SHORT_SHA_LENGTH is not a positive integer');
    }
    options.shortShaLength = Number(length);
  }
  const levels = env.DOCKER_METADATA_ANNOTATIONS_LEVELS?.trim();
  if (levels) options.annotationLevels = levels.split(',').map((level) => level.trim());
  return options;
}
