import type { OpenChangeRequest } from '../remote-state.js';
import type { ChangeRequestInput } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';
import { toOpenChangeRequest } from './find-github-pull-request.js';
import { labelGithubPullRequest } from './label-github-pull-request.js';

/**
 * Open a pull request from `input.branch` into `input.base` (`POST /repos/{owner}/{repo}/pulls`), as a draft when
 * asked, then add the labels.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error (422: e.g. no commits between the
 *   branches; 403: no Pull requests write permission).
 * @see https://docs.github.com/rest/pulls/pulls#create-a-pull-request
 */
export async function openGithubPullRequest(
  octokit: GithubClient,
  ref: GithubRepoRef,
  input: ChangeRequestInput,
): Promise<OpenChangeRequest> {
  const { data } = await callGithub('open the pull request', `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.pulls.create({
      ...ref,
      head: input.branch,
      base: input.base,
      title: input.title,
      body: input.body,
      draft: input.draft,
    }),
  );
  const opened = toOpenChangeRequest(data);
  return { ...opened, labels: await labelGithubPullRequest(octokit, ref, opened, input.labels) };
}
