import { memoizeRead } from '../memoize-read.js';
import { PublishError } from '../repository-host.js';
import type { RemoteCommit, RemoteFile, RemoteFiles } from '../remote-state.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';
import { readGitlabCommit, toRemoteCommit } from './read-gitlab-commit.js';

/** Files at one ref, by path: blob id of every regular file. */
type Listing = ReadonlyMap<string, string>;

/** The tree listing answer's fields dockyard reads. */
interface TreeEntryLike {
  readonly id: string;
  readonly type: string;
  readonly path: string;
  readonly mode: string;
}

/**
 * Entries per page of the tree listing: GitLab's maximum (`per_page` 1..100).
 *
 * @see https://docs.gitlab.com/api/rest/#pagination
 */
export const GITLAB_TREE_PAGE_SIZE = 100;

/**
 * The reads of one GitLab project during one run, each made at most once: the files of a ref (one recursive tree
 * listing, one request per {@link GITLAB_TREE_PAGE_SIZE} entries), file contents by blob id, commits by sha, and
 * the commit a branch's listing is of.
 *
 * @see https://docs.gitlab.com/api/repositories/#list-repository-tree
 * @see https://docs.gitlab.com/api/repository_files/#get-file-from-repository
 */
export interface GitlabReadCache {
  /** Blob ids of `paths` at a ref (a branch name or a commit sha); undefined when the ref does not exist. */
  filesAt(ref: string, paths: readonly string[]): Promise<RemoteFiles | undefined>;
  /** A file's text at a branch, checked to be the blob `blobSha`; remembers the commit it was read at. */
  content(branch: string, path: string, blobSha: string): Promise<string>;
  /** The commit a branch's listing was read at: the one a file read of it saw, else the branch head now. */
  commitOfBranch(branch: string): Promise<string | undefined>;
  commit(sha: string): Promise<RemoteCommit>;
  /** Remember a commit read elsewhere (the branch answer carries its tip commit). */
  rememberCommit(commit: RemoteCommit): void;
  /**
   * Before a write: list `sha` afresh and check that `paths` have the blobs the branch's listing showed (the
   * listing was read by branch name, before the commit was known).
   *
   * @throws {PublishError} when they differ (the branch moved between the reads).
   */
  checkBranchAt(branch: string, sha: string, paths: readonly string[]): Promise<void>;
}

/**
 * Build the read cache of one project (see {@link GitlabReadCache}). The listing is
 * `GET /projects/:id/repository/tree?ref=REF&recursive=true&per_page=100`, its pages followed through the `Link`
 * header (gitbeaker); entries of `type` `blob` with a mode other than `120000` (symlink) or `160000` are files,
 * and `id` is the git blob id (the same id `blob_id` of the files API reports). Contents come from
 * `GET /projects/:id/repository/files/:file_path?ref=BRANCH`, whose `commit_id` is the commit the branch pointed at
 * and whose `blob_id` must be the listed one: a different blob means the branch moved between the two reads.
 *
 * @throws {PublishError} (from the methods) on any API error, or when a branch moved between two reads.
 * @see https://docs.gitlab.com/api/repositories/#list-repository-tree
 * @see https://docs.gitlab.com/api/repository_files/#get-file-from-repository
 */
export function createGitlabReadCache(gitlab: GitlabClient, project: string): GitlabReadCache {
  const listings = new Map<string, Promise<Listing | undefined>>();
  const contents = new Map<string, Promise<string>>();
  const commits = new Map<string, Promise<RemoteCommit>>();
  const branchCommits = new Map<string, string>();
  const listNow = async (ref: string): Promise<Listing | undefined> => {
    const entries = await callGitlab(
      `list the files of ${ref}`,
      project,
      () =>
        gitlab.Repositories.allRepositoryTrees(project, {
          ref,
          recursive: true,
          perPage: GITLAB_TREE_PAGE_SIZE,
        }) as unknown as Promise<TreeEntryLike[]>,
      () => undefined,
    );
    if (!entries) return undefined;
    return new Map(
      entries.filter((e) => e.type === 'blob' && e.mode !== '120000' && e.mode !== '160000').map((e) => [e.path, e.id]),
    );
  };
  const list = (ref: string): Promise<Listing | undefined> => memoizeRead(listings, ref, () => listNow(ref));
  const cache: GitlabReadCache = {
    filesAt: async (ref, paths) => {
      const listing = await list(ref);
      if (!listing) return undefined;
      return new Map(
        paths.map((p): [string, RemoteFile | undefined] => [
          p,
          listing.has(p) ? { blobSha: listing.get(p)! } : undefined,
        ]),
      );
    },
    content: (branch, path, blobSha) =>
      memoizeRead(contents, blobSha, async () => {
        const data = await callGitlab(`read ${path}`, project, () =>
          gitlab.RepositoryFiles.show(project, path, branchCommits.get(branch) ?? branch),
        );
        if (String(data.blob_id) !== blobSha) {
          throw new PublishError(
            `GitLab read ${path} (${project}): branch ${branch} moved while dockyard read it (blob ${blobSha.slice(0, 12)}, now ${String(data.blob_id).slice(0, 12)}); nothing was changed, run again`,
          );
        }
        if (!branchCommits.has(branch)) branchCommits.set(branch, String(data.commit_id));
        // The listing of the branch is the listing of that commit (parents of the bot branch's tip are looked up by sha).
        if (!listings.has(String(data.commit_id)) && listings.has(branch))
          listings.set(String(data.commit_id), listings.get(branch)!);
        return data.encoding === 'base64'
          ? Buffer.from(String(data.content), 'base64').toString('utf8')
          : String(data.content);
      }),
    commitOfBranch: async (branch) => {
      const known = branchCommits.get(branch);
      if (known) return known;
      const data = await callGitlab(
        `read branch ${branch}`,
        project,
        () => gitlab.Branches.show(project, branch),
        () => undefined,
      );
      if (!data) return undefined;
      const tip = toRemoteCommit(data.commit as Record<string, unknown>);
      cache.rememberCommit(tip);
      return tip.sha;
    },
    commit: (sha) => memoizeRead(commits, sha, () => readGitlabCommit(gitlab, project, sha)),
    rememberCommit: (commit) => {
      if (!commits.has(commit.sha)) commits.set(commit.sha, Promise.resolve(commit));
    },
    checkBranchAt: async (branch, sha, paths) => {
      const seen = await list(branch);
      const now = await listNow(sha);
      const moved = paths.filter((p) => seen?.get(p) !== now?.get(p));
      if (moved.length > 0) {
        throw new PublishError(
          `GitLab read branch ${branch} (${project}): it moved while dockyard read it (${moved.join(', ')} changed at ${sha.slice(0, 12)}); nothing was changed, run again`,
        );
      }
    },
  };
  return cache;
}
