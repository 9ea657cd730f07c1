import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * Send a `repository_dispatch` event (`POST /repos/{owner}/{repo}/dispatches`, answered 204 without a run): workflows
 * with `on.repository_dispatch.types` containing `eventType` run on the default branch, with `client_payload` as
 * `github.event.client_payload`. Needs a token with Contents: write (fine-grained) or the classic `repo` scope.
 *
 * @param clientPayload at most 10 top-level properties (GitHub's limit).
 * @throws {import('../repository-host.js').PublishError} on any API error (404: unknown repository or no access; 422: invalid event).
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 */
export async function dispatchGithubRepository(
  octokit: GithubClient,
  repo: GithubRepoRef,
  eventType: string,
  clientPayload: Readonly<Record<string, string>>,
): Promise<void> {
  await callGithub(`send repository_dispatch ${eventType}`, `${repo.owner}/${repo.repo}`, () =>
    octokit.rest.repos.createDispatchEvent({ ...repo, event_type: eventType, client_payload: { ...clientPayload } }),
  );
}
