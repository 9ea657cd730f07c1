import type { RemoteCommit } from '../remote-state.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * A commit with its tree id.
 *
 * @see https://docs.github.com/rest/git/commits#get-a-commit-object
 */
export interface GithubCommit extends RemoteCommit {
  readonly treeSha: string;
}

/**
 * A commit object (`GET /repos/{owner}/{repo}/git/commits/{commit_sha}`): message, author and committer emails,
 * parents and tree.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.github.com/rest/git/commits#get-a-commit-object
 */
export async function readGithubCommit(octokit: GithubClient, ref: GithubRepoRef, sha: string): Promise<GithubCommit> {
  const { data } = await callGithub(`read commit ${sha.slice(0, 12)}`, `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.git.getCommit({ ...ref, commit_sha: sha }),
  );
  return {
    sha: data.sha,
    message: data.message,
    authorEmail: data.author.email,
    committerEmail: data.committer.email,
    parents: data.parents.map((p) => p.sha),
    treeSha: data.tree.sha,
  };
}
