/**
 * Repository metadata: the source of the `org.opencontainers.image.*` title, description, url, source and
 * licenses labels, and of the default branch that `type=edge` compares with.
 *
 * @see https://github.com/docker/metadata-action#overwrite-labels-and-annotations
 */
export interface RepoMetadata {
  /** Repository name without owner (`Hello-World`); the `org.opencontainers.image.title` label. */
  readonly name: string;
  /** `owner/name` (`octocat/Hello-World`). */
  readonly fullName: string;
  /** Repository description; the `org.opencontainers.image.description` label (empty when none). */
  readonly description: string;
  /** Web URL of the repository; the `org.opencontainers.image.url` and `.source` labels. */
  readonly url: string;
  /** SPDX id of the repository license (`MIT`); the `org.opencontainers.image.licenses` label (empty when none). */
  readonly license: string;
  /**
   * Default branch as the repository settings say (`main`); the branch `type=edge` tags when it has no
   * `branch` attribute.
   *
   * @see https://github.com/docker/metadata-action#typeedge
   */
  readonly defaultBranch: string;
}

/**
 * The platform-neutral event a pipeline runs for: everything the tag, label and annotation semantics read.
 * Platform mappers ({@link import('./github-context.js').contextFromGithub}, a GitLab one…) build it; the
 * engine itself never reads the environment.
 *
 * Refs use GitHub's full form whatever the platform: `refs/heads/<branch>`, `refs/tags/<tag>`,
 * `refs/pull/<number>/merge`.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export interface EventContext {
  /**
   * Event name as GitHub Actions names it: `push`, `pull_request`, `pull_request_target`, `schedule`,
   * `workflow_dispatch`, `release`, `create`, `issues`, `discussion`…. `type=schedule` only tags on events whose
   * name contains `schedule`; `{{is_default_branch}}` is always `true` on `create`, `discussion*`, `issues*` and
   * `schedule` events, which GitHub runs on the default branch.
   */
  readonly eventName: string;
  /** Full Git ref the event is for (`refs/heads/dev`, `refs/tags/v1.2.3`, `refs/pull/15/merge`); may be empty. */
  readonly ref: string;
  /**
   * Commit the image is built from, full length: the event's commit, or the pull request's head commit when the
   * PR head sha option is on (the mapper resolves that). Source of `type=sha`, `{{sha}}` and the
   * `org.opencontainers.image.revision` label; may be empty.
   *
   * @see https://github.com/docker/metadata-action#environment-variables
   */
  readonly sha: string;
  /**
   * Default branch as the event payload states it (`repository.default_branch`); what `{{is_default_branch}}`
   * compares the branch with. Undefined when the payload does not say.
   *
   * @see https://github.com/docker/metadata-action#is_default_branch
   */
  readonly defaultBranch?: string;
  /**
   * Branch name (no `refs/heads/`) the event is based on: the target branch of a pull request, or the `base_ref`
   * of a tag push. `{{base_ref}}` returns it on tag and pull-request refs only, and an empty string otherwise.
   *
   * @see https://github.com/docker/metadata-action#base_ref
   */
  readonly baseRef?: string;
  /** Source branch of a pull request (`feature/x`); informational. */
  readonly headRef?: string;
  /** Pull request number, for pull-request events. */
  readonly prNumber?: number;
  /** Head commit of the pull request, for pull-request events (whether or not {@link sha} was set to it). */
  readonly prHeadSha?: string;
  /**
   * ISO 8601 timestamp of the commit {@link sha} (`2022-04-19T09:27:24.000Z`). `{{commit_date}}` renders it;
   * when absent it falls back to the clock, as metadata-action does when it cannot find the commit date.
   *
   * @see https://github.com/docker/metadata-action#commit_date-format-tztimezone
   */
  readonly commitDate?: string;
  /** Repository metadata. */
  readonly repo: RepoMetadata;
}

const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';
const PULLS = 'refs/pull/';

/**
 * The branch name of a `refs/heads/…` ref, or `undefined` for any other ref.
 *
 * @see https://github.com/docker/metadata-action#branch
 */
export function getBranchName(ref: string): string | undefined {
  return ref.startsWith(HEADS) ? ref.slice(HEADS.length) : undefined;
}

/**
 * The tag name of a `refs/tags/…` ref, or `undefined` for any other ref.
 *
 * @see https://github.com/docker/metadata-action#tag
 */
export function getTagName(ref: string): string | undefined {
  return ref.startsWith(TAGS) ? ref.slice(TAGS.length) : undefined;
}

/**
 * The pull-request part of a `refs/pull/…` ref without a trailing `/merge` (`15` for `refs/pull/15/merge`),
 * or `undefined` for any other ref.
 *
 * @see https://github.com/docker/metadata-action#typeref
 */
export function getPullRequestRef(ref: string): string | undefined {
  return ref.startsWith(PULLS) ? ref.slice(PULLS.length).replace(/\/merge$/, '') : undefined;
}
