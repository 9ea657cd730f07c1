import { PublishError, type RepositoryHost } from '../repository-host.js';
import type { OpenChangeRequest } from '../remote-state.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { createGitlabCommit } from './create-gitlab-commit.js';
import { findGitlabMergeRequest, openGitlabMergeRequest, updateGitlabMergeRequest } from './gitlab-merge-requests.js';
import { readGitlabCommit } from './read-gitlab-commit.js';
import { readGitlabFiles } from './read-gitlab-files.js';
import { readGitlabBranchHead, readGitlabDefaultBranch } from './read-gitlab-project.js';
import { readGitlabTokenCommitter } from './read-gitlab-token-user.js';

/**
 * Check a GitLab project path: `group[/subgroup...]/project`. Pure.
 *
 * @throws {PublishError} naming the value when it is not of that form.
 * @see https://docs.gitlab.com/user/reserved_names/
 */
export function parseGitlabProject(value: string): string {
  const path = value.trim().replace(/\.git$/, '');
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/.test(path)) {
    throw new PublishError(`--project: expected GROUP/PROJECT (subgroups allowed, e.g. acme/platform/api), got "${value}"`);
  }
  return path;
}

/**
 * The {@link RepositoryHost} of one GitLab project over an injected gitbeaker client.
 *
 * @param project `group/project` path.
 * @throws {PublishError} when `project` is not a project path.
 * @see https://docs.gitlab.com/api/rest/
 */
export function createGitlabHost(gitlab: GitlabClient, project: string): RepositoryHost {
  const path = parseGitlabProject(project);
  const known = new Map<number, OpenChangeRequest>();
  return {
    platform: 'gitlab',
    repository: path,
    readDefaultBranch: () => readGitlabDefaultBranch(gitlab, path),
    readBranchHead: (branch) => readGitlabBranchHead(gitlab, path, branch),
    readCommit: (sha) => readGitlabCommit(gitlab, path, sha),
    // The Commits API sets only the author; the committer is the token's user (see isBotCommit).
    readBotCommitter: () => readGitlabTokenCommitter(gitlab, path),
    readFiles: (sha, paths, withContent) => readGitlabFiles(gitlab, path, sha, paths, withContent),
    findOpenRequest: async (branch, base) => {
      const found = await findGitlabMergeRequest(gitlab, path, branch, base);
      if (found) known.set(found.number, found);
      return found;
    },
    pushCommit: (input) => createGitlabCommit(gitlab, path, input),
    openRequest: (input) => openGitlabMergeRequest(gitlab, path, input),
    updateRequest: (number, input) => {
      const current = known.get(number) ?? { number, url: '', title: input.title, body: '', draft: false, labels: [] };
      return updateGitlabMergeRequest(gitlab, path, current, input);
    },
  };
}
