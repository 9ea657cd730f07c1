import type { OpenChangeRequest } from '../remote-state.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * The fields of a pull request dockyard reads.
 *
 * @see https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export interface GithubPullLike {
  readonly number: number;
  readonly html_url: string;
  readonly title: string;
  readonly body: string | null;
  readonly draft?: boolean;
  readonly labels: ReadonlyArray<{ readonly name?: string }>;
}

/**
 * Map a GitHub pull request to the host-neutral shape. Pure.
 *
 * @see https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export function toOpenChangeRequest(pull: GithubPullLike): OpenChangeRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    draft: pull.draft ?? false,
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
  };
}

/**
 * The open pull request from `branch` (in the same repository) into `base`
 * (`GET /repos/{owner}/{repo}/pulls?state=open&head=OWNER:BRANCH&base=BASE`), or undefined.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export async function findGithubPullRequest(
  octokit: GithubClient,
  ref: GithubRepoRef,
  branch: string,
  base: string,
): Promise<OpenChangeRequest | undefined> {
  const { data } = await callGithub(`list pull requests from ${branch}`, `${ref.owner}/${ref.repo}`, () =>
    octokit.rest.pulls.list({ ...ref, state: 'open', head: `${ref.owner}:${branch}`, base, per_page: 10 }),
  );
  return data[0] ? toOpenChangeRequest(data[0]) : undefined;
}
