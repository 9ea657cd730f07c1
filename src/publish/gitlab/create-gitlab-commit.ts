import { PublishError, type PushCommitInput } from '../repository-host.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';
import { readGitlabBranchHead } from './read-gitlab-project.js';

/**
 * Commit the files onto the base head and point the bot branch at it in one request
 * (`POST /projects/:id/repository/commits` with `start_sha` = base head, `branch` = bot branch, `force` when the
 * branch exists, `create`/`update` actions). An existing branch is first read again and must still be at
 * `expectedHeadSha`; the API has no compare-and-swap, so this narrows, but cannot close, the race.
 *
 * @returns the new commit's sha.
 * @throws {PublishError} when the branch moved since it was checked, or on any API error (403: protected branch
 *   or too little access).
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export async function createGitlabCommit(gitlab: GitlabClient, project: string, input: PushCommitInput): Promise<string> {
  if (!input.createBranch) {
    const current = await readGitlabBranchHead(gitlab, project, input.branch);
    if (current !== input.expectedHeadSha) {
      throw new PublishError(`GitLab move branch ${input.branch} (${project}): it moved from ${input.expectedHeadSha?.slice(0, 12)} to ${current?.slice(0, 12) ?? '(deleted)'} while dockyard worked; not overwriting it, run again`);
    }
  }
  const actions = input.files.map((f) => ({ action: f.existsOnBase ? ('update' as const) : ('create' as const), filePath: f.path, content: f.content }));
  const data = await callGitlab(`commit to ${input.branch}`, project, () =>
    gitlab.Commits.create(project, input.branch, input.message, actions, {
      startSha: input.baseSha,
      force: !input.createBranch,
      authorName: input.identity.name,
      authorEmail: input.identity.email,
    }),
  );
  return String(data.id);
}
