import type { RemoteCommit } from '../remote-state.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';

/**
 * Map a GitLab commit (the Commits API's, or the `commit` of a branch) to the host-neutral shape. Pure.
 *
 * @see https://docs.gitlab.com/api/commits/#get-a-single-commit
 * @see https://docs.gitlab.com/api/branches/#get-single-repository-branch
 */
export function toRemoteCommit(data: Record<string, unknown>): RemoteCommit {
  return {
    sha: String(data.id),
    message: String(data.message),
    authorEmail: String(data.author_email),
    committerEmail: typeof data.committer_email === 'string' ? data.committer_email : undefined,
    parents: (data.parent_ids as string[] | undefined) ?? [],
  };
}

/**
 * A commit (`GET /projects/:id/repository/commits/:sha`): message, author and committer emails, parents.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.gitlab.com/api/commits/#get-a-single-commit
 */
export async function readGitlabCommit(gitlab: GitlabClient, project: string, sha: string): Promise<RemoteCommit> {
  const data = await callGitlab(`read commit ${sha.slice(0, 12)}`, project, () => gitlab.Commits.show(project, sha));
  return toRemoteCommit(data as unknown as Record<string, unknown>);
}
