import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';

/**
 * The project's default branch (`GET /projects/:id`).
 *
 * @param project `group/project` path (URL-encoded by gitbeaker) or numeric id.
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.gitlab.com/api/projects/#get-a-single-project
 */
export async function readGitlabDefaultBranch(gitlab: GitlabClient, project: string): Promise<string> {
  const data = await callGitlab('read the project', project, () => gitlab.Projects.show(project));
  return String(data.default_branch);
}

/**
 * The commit a branch points at (`GET /projects/:id/repository/branches/:branch`), or undefined (404).
 *
 * @throws {import('../repository-host.js').PublishError} on any other API error.
 * @see https://docs.gitlab.com/api/branches/#get-single-repository-branch
 */
export async function readGitlabBranchHead(
  gitlab: GitlabClient,
  project: string,
  branch: string,
): Promise<string | undefined> {
  const data = await callGitlab(
    `read branch ${branch}`,
    project,
    () => gitlab.Branches.show(project, branch),
    () => undefined,
  );
  return data ? String((data.commit as { id: string }).id) : undefined;
}
