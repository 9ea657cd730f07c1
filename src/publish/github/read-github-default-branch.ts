import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * The repository's default branch (`GET /repos/{owner}/{repo}`).
 *
 * @throws {import('../repository-host.js').PublishError} on any API error (404: unknown repository or no access).
 * @see https://docs.github.com/rest/repos/repos#get-a-repository
 */
export async function readGithubDefaultBranch(octokit: GithubClient, ref: GithubRepoRef): Promise<string> {
  const { data } = await callGithub('read the repository', `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.repos.get({ ...ref }),
  );
  return data.default_branch;
}
