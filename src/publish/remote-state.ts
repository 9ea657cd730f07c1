/**
 * The platform-neutral view of a remote repository that `dockyard pr` plans against. GitHub and GitLab adapters
 * fill it; {@link import('./plan-pull-request.js').planPullRequest} reads it.
 *
 * @module
 */

/**
 * A file at one commit: its git blob id, and its text when it was downloaded.
 *
 * @see https://docs.github.com/rest/git
 */
export interface RemoteFile {
  /** Git blob object id (40 hex digits). */
  readonly blobSha: string;
  /** UTF-8 text, when read. */
  readonly content?: string;
}

/**
 * Files at one commit by path (relative to the repository root); `undefined` for a path that does not exist.
 *
 * @see https://docs.github.com/rest/git
 */
export type RemoteFiles = ReadonlyMap<string, RemoteFile | undefined>;

/**
 * A commit, as much as dockyard needs to decide whether its bot made it.
 *
 * @see https://docs.github.com/rest/git
 */
export interface RemoteCommit {
  readonly sha: string;
  readonly message: string;
  readonly authorEmail: string;
  /** Undefined where the API does not report a committer separately. */
  readonly committerEmail?: string;
  readonly parents: readonly string[];
}

/**
 * An open pull request (GitHub) or merge request (GitLab) from the bot branch into the base branch.
 *
 * @see https://docs.github.com/rest/git
 */
export interface OpenChangeRequest {
  /** Pull request number (GitHub) or merge request IID (GitLab). */
  readonly number: number;
  /** Web URL. */
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
  readonly labels: readonly string[];
}

/**
 * The bot branch as found on the remote.
 *
 * @see https://docs.github.com/rest/git
 */
export interface RemoteBotBranch {
  /** The tip commit. */
  readonly head: RemoteCommit;
  /** The generated paths at the tip (blob ids only). */
  readonly files: RemoteFiles;
  /** The generated paths at the tip's first parent, the base commit the bot built on. */
  readonly parentFiles?: RemoteFiles;
}

/**
 * Name and email the bot commits as, and recognises its own commits by.
 *
 * @see https://docs.github.com/rest/git
 */
export interface BotIdentity {
  readonly name: string;
  readonly email: string;
}

/**
 * Default identity of dockyard's commits.
 *
 * @see https://docs.github.com/rest/git
 */
export const DEFAULT_BOT_IDENTITY: BotIdentity = { name: 'dockyard', email: 'dockyard-bot@users.noreply.github.com' };
