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
 *
 * One host serves one repository for one run and owns its read cache: the default branch, a branch's files
 * (one snapshot of the branch per run), commits, trees and file contents (by blob id) and the open PR/MR lookup
 * are each read at most once, so planning can ask for them as often as it likes. Branch heads read with
 * {@link RepositoryHost.readBranchHead} are always fresh (the move checks depend on it). The read budget this gives
 * is in docs/publishing.md ("Requests per repository").
 *
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 * @see https://docs.gitlab.com/api/repositories/#list-repository-tree
 */
export interface RepositoryHost {
  readonly platform: 'github' | 'gitlab';
  /** `owner/repo` or `group/project`. */
  readonly repository: string;
  /** The repository's default branch (read once per run). */
  readDefaultBranch(): Promise<string>;
  /** The head commit of a branch, or undefined when the branch does not exist (never cached). */
  readBranchHead(branch: string): Promise<string | undefined>;
  readCommit(sha: string): Promise<RemoteCommit>;
  /**
   * The committer email this host's API records on the commits dockyard makes as `identity` (see `isBotCommit`):
   * GitHub `identity.email` (dockyard sets the committer); GitLab the token user's commit email (`GET /user`).
   */
  readBotCommitter(identity: BotIdentity): Promise<string>;
  /**
   * Blob ids of `paths` at the tip of `branch`, from one snapshot of the branch's whole tree per run (GitHub: the
   * tree read by branch name; GitLab: the recursive tree listing at the branch). Paths that do not exist, or are not
   * regular files, map to undefined.
   *
   * @returns undefined when the branch does not exist.
   */
  readBranchFiles(branch: string, paths: readonly string[]): Promise<RemoteFiles | undefined>;
  /** The UTF-8 text of a file of the {@link readBranchFiles} snapshot, by its blob id (read once per blob). */
  readBranchContent(branch: string, path: string, blobSha: string): Promise<string>;
  /**
   * The commit the {@link readBranchFiles} snapshot of `branch` is of (read when first needed).
   *
   * @throws {PublishError} when the branch does not exist, or moved in between (the plan would mix two commits).
   */
  readBranchCommit(branch: string): Promise<string>;
  /** Blob ids of `paths` at a commit. Paths that do not exist map to undefined. */
  readFiles(commitSha: string, paths: readonly string[]): Promise<RemoteFiles>;
  /** The open PR/MR from `branch` into `base` (looked up once per run). */
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
