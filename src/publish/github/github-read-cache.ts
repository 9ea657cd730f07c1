import { memoizeRead } from '../memoize-read.js';
import { PublishError } from '../repository-host.js';
import type { RemoteFile, RemoteFiles } from '../remote-state.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';
import { readGithubCommit, type GithubCommit } from './read-github-commit.js';

/** A tree entry: `blob`, `tree`, `commit` (submodule) or `symlink` (mode 120000), and its object id. */
interface TreeEntry {
  readonly type: string;
  readonly sha: string;
}

/**
 * A tree as one recursive listing: its id, and every path below it when GitHub sent the whole listing
 * (`entries`), or undefined when the answer was `truncated` (then single directories are read one by one).
 *
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 */
export interface GithubTreeListing {
  readonly sha: string;
  readonly entries: ReadonlyMap<string, TreeEntry> | undefined;
}

/**
 * The reads of one GitHub repository during one run, each made at most once: commits by sha, trees (one recursive
 * listing per tree, shared by every commit and branch that has it), a branch's tree read by name, blob contents by
 * blob sha. Branch heads are not cached (the move checks need a fresh read).
 *
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 * @see https://docs.github.com/rest/git/blobs#get-a-blob
 */
export interface GithubReadCache {
  commit(sha: string): Promise<GithubCommit>;
  /** The tree a branch points at (`GET .../git/trees/{branch}?recursive=1`), or undefined when there is no such branch. */
  branchTree(branch: string): Promise<GithubTreeListing | undefined>;
  /** The blob ids of `paths` in a tree (undefined for a path that is absent or not a regular file). */
  filesIn(tree: GithubTreeListing, paths: readonly string[]): Promise<RemoteFiles>;
  /** The tree of a commit. */
  treeOf(commitSha: string): Promise<GithubTreeListing>;
  /** A blob's UTF-8 text (`GET .../git/blobs/{file_sha}`). */
  blob(sha: string, path: string): Promise<string>;
}

/**
 * Build the read cache of one repository (see {@link GithubReadCache}). The recursive listing is GitHub's
 * `GET /repos/{owner}/{repo}/git/trees/{tree_sha}?recursive=1`, where `tree_sha` may be "the SHA1 value or ref
 * (branch or tag) name of the tree"; when the answer is `truncated` (more than 100,000 entries or 7 MB), the
 * directories on the way to each path are read without `recursive`, as GitHub advises.
 *
 * @throws {PublishError} (from the methods) on any API error.
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 * @see https://docs.github.com/rest/git/blobs#get-a-blob
 * @see https://docs.github.com/rest/git/commits#get-a-commit-object
 */
export function createGithubReadCache(octokit: GithubClient, ref: GithubRepoRef): GithubReadCache {
  const repository = `${ref.owner}/${ref.repo}`;
  const commits = new Map<string, Promise<GithubCommit>>();
  const listings = new Map<string, Promise<GithubTreeListing | undefined>>();
  const directories = new Map<string, Promise<ReadonlyMap<string, TreeEntry>>>();
  const blobs = new Map<string, Promise<string>>();
  const typeOf = (e: { mode?: string; type?: string }): string => (e.mode === '120000' ? 'symlink' : (e.type ?? ''));
  const list = (treeish: string, step: string): Promise<GithubTreeListing | undefined> =>
    memoizeRead(listings, treeish, async () => {
      const answer = await callGithub(
        step,
        repository,
        () => octokit.rest.git.getTree({ ...ref, tree_sha: treeish, recursive: '1' }),
        () => undefined,
      );
      if (!answer) return undefined;
      const { data } = answer;
      const entries = data.truncated
        ? undefined
        : new Map(data.tree.map((e) => [e.path ?? '', { type: typeOf(e), sha: e.sha ?? '' }]));
      const listing = { sha: data.sha, entries };
      // The same tree read by name and by id is one listing.
      if (treeish !== data.sha) listings.set(data.sha, Promise.resolve(listing));
      return listing;
    });
  const directory = (sha: string): Promise<ReadonlyMap<string, TreeEntry>> =>
    memoizeRead(directories, sha, async () => {
      const { data } = await callGithub(`read tree ${sha.slice(0, 12)}`, repository, () =>
        octokit.rest.git.getTree({ ...ref, tree_sha: sha }),
      );
      return new Map(data.tree.map((e) => [e.path ?? '', { type: typeOf(e), sha: e.sha ?? '' }]));
    });
  const entryAt = async (tree: GithubTreeListing, path: string): Promise<TreeEntry | undefined> => {
    if (tree.entries) return tree.entries.get(path);
    const parts = path.split('/');
    let sha: string | undefined = tree.sha;
    for (const dir of parts.slice(0, -1)) {
      const entry: TreeEntry | undefined = sha ? (await directory(sha)).get(dir) : undefined;
      sha = entry?.type === 'tree' ? entry.sha : undefined;
    }
    return sha ? (await directory(sha)).get(parts.at(-1) ?? '') : undefined;
  };
  const cache: GithubReadCache = {
    commit: (sha) => memoizeRead(commits, sha, () => readGithubCommit(octokit, ref, sha)),
    branchTree: (branch) => list(branch, `read branch ${branch}`),
    treeOf: async (commitSha) => {
      const { treeSha } = await cache.commit(commitSha);
      const listing = await list(treeSha, `read tree ${treeSha.slice(0, 12)}`);
      if (!listing)
        throw new PublishError(
          `GitHub read tree ${treeSha.slice(0, 12)} (${repository}): 404 Not Found; not found, or the token cannot see this repository`,
          404,
        );
      return listing;
    },
    filesIn: async (tree, paths) => {
      const files = new Map<string, RemoteFile | undefined>();
      for (const path of paths) {
        const entry = await entryAt(tree, path);
        files.set(path, entry?.type === 'blob' ? { blobSha: entry.sha } : undefined);
      }
      return files;
    },
    blob: (sha, path) =>
      memoizeRead(blobs, sha, async () => {
        const { data } = await callGithub(`read ${path}`, repository, () =>
          octokit.rest.git.getBlob({ ...ref, file_sha: sha }),
        );
        return data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
      }),
  };
  return cache;
}
