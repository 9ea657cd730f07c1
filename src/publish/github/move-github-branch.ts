import { PublishError } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';
import { readGithubBranchHead } from './read-github-branch-head.js';

/**
 * Point the bot branch at a commit. A new branch is created (`POST /repos/{owner}/{repo}/git/refs`). An existing
 * one is first read again and must still be at `expectedHeadSha` (the tip dockyard checked was its own), then it is
 * moved (`PATCH .../git/refs/heads/{branch}` with `force: true`, as the new commit is built on the base head, not
 * on the old tip). The REST API has no compare-and-swap, so the re-read narrows, but cannot close, the window in
 * which someone else could push.
 *
 * @throws {PublishError} when the branch moved since it was checked (not overwritten), or on any API error
 *   (422: protected branch or invalid name; 403: no Contents write permission).
 * @see https://docs.github.com/rest/git/refs#create-a-reference
 * @see https://docs.github.com/rest/git/refs#update-a-reference
 */
export async function moveGithubBranch(
  octokit: GithubClient,
  ref: GithubRepoRef,
  branch: string,
  sha: string,
  expectedHeadSha: string | undefined,
): Promise<void> {
  const repository = `${ref.owner}/${ref.repo}`;
  if (expectedHeadSha === undefined) {
    await callGithub(`create branch ${branch}`, repository, () =>
      octokit.rest.git.createRef({ ...ref, ref: `refs/heads/${branch}`, sha }),
    );
    return;
  }
  const current = await readGithubBranchHead(octokit, ref, branch);
  if (current !== expectedHeadSha) {
    throw new PublishError(
      `GitHub move branch ${branch} (${repository}): it moved from ${expectedHeadSha.slice(0, 12)} to ${current?.slice(0, 12) ?? '(deleted)'} while dockyard worked; not overwriting it, run again`,
    );
  }
  await callGithub(`update branch ${branch}`, repository, () =>
    octokit.rest.git.updateRef({ ...ref, ref: `heads/${branch}`, sha, force: true }),
  );
}
