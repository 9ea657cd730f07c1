import type { OpenChangeRequest } from '../remote-state.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * Add the labels a pull request lacks (`POST /repos/{owner}/{repo}/issues/{issue_number}/labels`); labels people
 * added are kept. No request when nothing is missing.
 *
 * @returns the pull request's labels afterwards.
 * @throws {import('../repository-host.js').PublishError} on any API error (403: no Issues/Pull requests write).
 * @see https://docs.github.com/rest/issues/labels#add-labels-to-an-issue
 */
export async function labelGithubPullRequest(
  octokit: GithubClient,
  ref: GithubRepoRef,
  pull: OpenChangeRequest,
  labels: readonly string[],
): Promise<readonly string[]> {
  const missing = labels.filter((l) => !pull.labels.includes(l));
  if (missing.length === 0) return pull.labels;
  const { data } = await callGithub(`label pull request #${pull.number}`, `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.issues.addLabels({ ...ref, issue_number: pull.number, labels: missing }),
  );
  return data.map((l) => l.name);
}
