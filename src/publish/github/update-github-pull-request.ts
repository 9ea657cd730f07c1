import type { OpenChangeRequest } from '../remote-state.js';
import type { ChangeRequestInput } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';
import { toOpenChangeRequest } from './find-github-pull-request.js';
import { labelGithubPullRequest } from './label-github-pull-request.js';

/**
 * Update an open pull request's title and body (`PATCH /repos/{owner}/{repo}/pulls/{pull_number}`) and add missing
 * labels. The draft state is left as it is (the REST API cannot change it, and a reviewer may have marked it ready).
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.github.com/rest/pulls/pulls#update-a-pull-request
 */
export async function updateGithubPullRequest(
  octokit: GithubClient,
  ref: GithubRepoRef,
  number: number,
  input: ChangeRequestInput,
): Promise<OpenChangeRequest> {
  const { data } = await callGithub(`update pull request #${number}`, `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.pulls.update({ ...ref, pull_number: number, title: input.title, body: input.body }),
  );
  const updated = toOpenChangeRequest(data);
  return { ...updated, labels: await labelGithubPullRequest(octokit, ref, updated, input.labels) };
}
