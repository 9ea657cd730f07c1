import type { RepositoryHost } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { createGithubCommit } from './create-github-commit.js';
import { findGithubPullRequest } from './find-github-pull-request.js';
import { parseGithubRepo } from './github-repo-ref.js';
import { moveGithubBranch } from './move-github-branch.js';
import { openGithubPullRequest } from './open-github-pull-request.js';
import { readGithubBranchHead } from './read-github-branch-head.js';
import { readGithubCommit, type GithubCommit } from './read-github-commit.js';
import { readGithubDefaultBranch } from './read-github-default-branch.js';
import { readGithubFiles } from './read-github-files.js';
import { updateGithubPullRequest } from './update-github-pull-request.js';

/**
 * The {@link RepositoryHost} of one GitHub repository over an injected Octokit client (share one client across
 * repositories so rate limits are counted together). Commits are cached by sha for the life of the host.
 *
 * @param repository `OWNER/REPO`.
 * @throws {import('../repository-host.js').PublishError} when `repository` is not `OWNER/REPO`.
 * @see https://docs.github.com/rest/git
 */
export function createGithubHost(octokit: GithubClient, repository: string): RepositoryHost {
  const ref = parseGithubRepo(repository);
  const commits = new Map<string, Promise<GithubCommit>>();
  const commit = (sha: string): Promise<GithubCommit> => {
    let found = commits.get(sha);
    if (!found) {
      found = readGithubCommit(octokit, ref, sha);
      found.catch(() => commits.delete(sha));
      commits.set(sha, found);
    }
    return found;
  };
  return {
    platform: 'github',
    repository: `${ref.owner}/${ref.repo}`,
    readDefaultBranch: () => readGithubDefaultBranch(octokit, ref),
    readBranchHead: (branch) => readGithubBranchHead(octokit, ref, branch),
    readCommit: commit,
    // POST /repos/{owner}/{repo}/git/commits takes a `committer`, which dockyard sets to the bot (createGithubCommit).
    readBotCommitter: (identity) => Promise.resolve(identity.email),
    readFiles: async (sha, paths, withContent) => readGithubFiles(octokit, ref, (await commit(sha)).treeSha, paths, withContent),
    findOpenRequest: (branch, base) => findGithubPullRequest(octokit, ref, branch, base),
    pushCommit: async (input) => {
      const parent = await commit(input.baseSha);
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
