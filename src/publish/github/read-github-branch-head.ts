import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * The commit a branch points at (`GET /repos/{owner}/{repo}/git/ref/heads/{branch}`), or undefined when the branch
 * does not exist (404).
 *
 * @throws {import('../repository-host.js').PublishError} on any other API error.
 * @see https://docs.github.com/rest/git/refs#get-a-reference
 */
export async function readGithubBranchHead(
  octokit: GithubClient,
  ref: GithubRepoRef,
  branch: string,
): Promise<string | undefined> {
  const answer = await callGithub(
    `read branch ${branch}`,
    `${ref.owner}/${ref.repo}`,
    () => octokit.rest.git.getRef({ ...ref, ref: `heads/${branch}` }),
    () => undefined,
  );
  return answer?.data.object.sha;
}
