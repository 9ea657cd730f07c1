import { memoizeRead } from '../memoize-read.js';
import type { OpenChangeRequest } from '../remote-state.js';
import { PublishError, type RepositoryHost } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { createGithubCommit } from './create-github-commit.js';
import { findGithubPullRequest } from './find-github-pull-request.js';
import { createGithubReadCache } from './github-read-cache.js';
import { parseGithubRepo } from './github-repo-ref.js';
import { moveGithubBranch } from './move-github-branch.js';
import { openGithubPullRequest } from './open-github-pull-request.js';
import { readGithubBranchHead } from './read-github-branch-head.js';
import { readGithubDefaultBranch } from './read-github-default-branch.js';
import { updateGithubPullRequest } from './update-github-pull-request.js';

/**
 * The {@link RepositoryHost} of one GitHub repository over an injected Octokit client (share one client across
 * repositories so rate limits are counted together). It owns the repository's read cache for the run
 * (`createGithubReadCache`): the default branch, the open pull request lookup, commits, trees and blobs are each
 * read once. A branch's files come from one recursive tree read by branch name, without reading the branch's
 * ref or commit; its commit is read only when needed (`readBranchCommit`), and must have the tree the files were
 * read from.
 *
 * @param repository `OWNER/REPO`.
 * @throws {import('../repository-host.js').PublishError} when `repository` is not `OWNER/REPO`.
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 * @see https://docs.github.com/rest/git
 */
export function createGithubHost(octokit: GithubClient, repository: string): RepositoryHost {
  const ref = parseGithubRepo(repository);
  const full = `${ref.owner}/${ref.repo}`;
  const reads = createGithubReadCache(octokit, ref);
  const defaultBranch = new Map<string, Promise<string>>();
  const openRequests = new Map<string, Promise<OpenChangeRequest | undefined>>();
  return {
    platform: 'github',
    repository: full,
    readDefaultBranch: () => memoizeRead(defaultBranch, '', () => readGithubDefaultBranch(octokit, ref)),
    readBranchHead: (branch) => readGithubBranchHead(octokit, ref, branch),
    readCommit: (sha) => reads.commit(sha),
    // POST /repos/{owner}/{repo}/git/commits takes a `committer`, which dockyard sets to the bot (createGithubCommit).
    readBotCommitter: (identity) => Promise.resolve(identity.email),
    readBranchFiles: async (branch, paths) => {
      const tree = await reads.branchTree(branch);
      return tree ? reads.filesIn(tree, paths) : undefined;
    },
    readBranchContent: (_branch, path, blobSha) => reads.blob(blobSha, path),
    readBranchCommit: async (branch) => {
      const sha = await readGithubBranchHead(octokit, ref, branch);
      if (!sha) throw new PublishError(`${full}: base branch "${branch}" not found`, 404);
      const [commit, tree] = await Promise.all([reads.commit(sha), reads.branchTree(branch)]);
      if (tree && tree.sha !== commit.treeSha) {
        throw new PublishError(
          `GitHub read branch ${branch} (${full}): it moved while dockyard read it (tree ${tree.sha.slice(0, 12)}, now commit ${sha.slice(0, 12)}); nothing was changed, run again`,
        );
      }
      return sha;
    },
    readFiles: async (sha, paths) => reads.filesIn(await reads.treeOf(sha), paths),
    findOpenRequest: (branch, base) =>
      memoizeRead(openRequests, `${branch}\0${base}`, () => findGithubPullRequest(octokit, ref, branch, base)),
    pushCommit: async (input) => {
      const parent = await reads.commit(input.baseSha);
      const sha = await createGithubCommit(octokit, ref, {
        parentSha: parent.sha,
        parentTreeSha: parent.treeSha,
        files: input.files,
        message: input.message,
        identity: input.identity,
      });
      await moveGithubBranch(octokit, ref, input.branch, sha, input.createBranch ? undefined : input.expectedHeadSha);
      return sha;
    },
    openRequest: (input) => openGithubPullRequest(octokit, ref, input),
    updateRequest: (number, input) => updateGithubPullRequest(octokit, ref, number, input),
  };
}
