import type { BotIdentity, OpenChangeRequest, RemoteCommit, RemoteFiles } from './remote-state.js';

/**
 * A file to commit, and whether the base already has a file at that path (GitLab needs create vs update).
 *
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export interface FileToCommit {
  readonly path: string;
  readonly content: string;
  readonly existsOnBase: boolean;
}

/**
 * One commit on top of the base head, then the branch created or moved to it.
 *
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export interface PushCommitInput {
  readonly branch: string;
  readonly baseBranch: string;
  readonly baseSha: string;
  readonly files: readonly FileToCommit[];
  readonly message: string;
  readonly identity: BotIdentity;
  /** Create the branch (true) or move it (false). */
  readonly createBranch: boolean;
  /** When moving: the tip the plan was made at; the push is refused if the branch moved since. */
  readonly expectedHeadSha?: string;
}

/**
 * Title, body, draft flag and labels of a PR/MR.
 *
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export interface ChangeRequestInput {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
  readonly labels: readonly string[];
}

/**
 * The few repository operations `dockyard pr` needs, implemented for GitHub (`createGithubHost`) and GitLab
 * (`createGitlabHost`) over injected API clients. Every method throws a {@link PublishError} with a clear message
 * (what failed, where, and the likely cause) on an API error.
  * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export interface RepositoryHost {
  readonly platform: 'github' | 'gitlab';
  /** `owner/repo` or `group/project`. */
  readonly repository: string;
  readDefaultBranch(): Promise<string>;
  /** The head commit of a branch, or undefined when the branch does not exist. */
  readBranchHead(branch: string): Promise<string | undefined>;
  readCommit(sha: string): Promise<RemoteCommit>;
  /**
   * The committer email this host's API records on the commits dockyard makes as `identity` (see `isBotCommit`):
   * GitHub `identity.email` (dockyard sets the committer); GitLab the token user's commit email (`GET /user`).
   */
  readBotCommitter(identity: BotIdentity): Promise<string>;
  /** Files at a commit; content only when `withContent`. Paths that do not exist map to undefined. */
  readFiles(commitSha: string, paths: readonly string[], withContent: boolean): Promise<RemoteFiles>;
  findOpenRequest(branch: string, base: string): Promise<OpenChangeRequest | undefined>;
  /** @returns the new commit's sha. */
  pushCommit(input: PushCommitInput): Promise<string>;
  openRequest(input: ChangeRequestInput): Promise<OpenChangeRequest>;
  updateRequest(number: number, input: ChangeRequestInput): Promise<OpenChangeRequest>;
}

/**
 * A failed step of publishing, with a message for people (never containing a token).
 *
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export class PublishError extends Error {
  constructor(
    message: string,
    /** HTTP status when the failure was an API answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}
