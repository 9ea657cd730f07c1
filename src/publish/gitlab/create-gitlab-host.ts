import { memoizeRead } from '../memoize-read.js';
import { PublishError, type RepositoryHost } from '../repository-host.js';
import type { OpenChangeRequest } from '../remote-state.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { createGitlabCommit } from './create-gitlab-commit.js';
import { findGitlabMergeRequest, openGitlabMergeRequest, updateGitlabMergeRequest } from './gitlab-merge-requests.js';
import { createGitlabReadCache } from './gitlab-read-cache.js';
import { readGitlabDefaultBranch } from './read-gitlab-project.js';
import { toRemoteCommit } from './read-gitlab-commit.js';
import { callGitlab } from './describe-gitlab-error.js';
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
    throw new PublishError(
      `--project: expected GROUP/PROJECT (subgroups allowed, e.g. acme/platform/api), got "${value}"`,
    );
  }
  return path;
}

/**
 * The {@link RepositoryHost} of one GitLab project over an injected gitbeaker client. It owns the project's read
 * cache for the run (`createGitlabReadCache`): the default branch, the open merge request lookup, tree listings,
 * file contents and commits are each read once; a branch's files come from one recursive tree listing by branch
 * name, and its commit from the `commit_id` of the first file read of it. A branch answer's tip commit is kept, so
 * the bot branch's tip costs one request. Before a commit is made on the base, the base's listing is checked
 * against that commit (`checkBranchAt`).
 *
 * @param project `group/project` path.
 * @throws {PublishError} when `project` is not a project path.
 * @see https://docs.gitlab.com/api/rest/
 * @see https://docs.gitlab.com/api/repositories/#list-repository-tree
 */
export function createGitlabHost(gitlab: GitlabClient, project: string): RepositoryHost {
  const path = parseGitlabProject(project);
  const reads = createGitlabReadCache(gitlab, path);
  const known = new Map<number, OpenChangeRequest>();
  const defaultBranch = new Map<string, Promise<string>>();
  const openRequests = new Map<string, Promise<OpenChangeRequest | undefined>>();
  return {
    platform: 'gitlab',
    repository: path,
    readDefaultBranch: () => memoizeRead(defaultBranch, '', () => readGitlabDefaultBranch(gitlab, path)),
    // GET /projects/:id/repository/branches/:branch answers with the tip commit (parents, emails, message).
    readBranchHead: async (branch) => {
      const data = await callGitlab(
        `read branch ${branch}`,
        path,
        () => gitlab.Branches.show(path, branch),
        () => undefined,
      );
      if (!data) return undefined;
      const tip = toRemoteCommit(data.commit as Record<string, unknown>);
      reads.rememberCommit(tip);
      return tip.sha;
    },
    readCommit: (sha) => reads.commit(sha),
    // The Commits API sets only the author; the committer is the token's user (see isBotCommit).
    readBotCommitter: () => readGitlabTokenCommitter(gitlab, path),
    readBranchFiles: (branch, paths) => reads.filesAt(branch, paths),
    readBranchContent: (branch, file, blobSha) => reads.content(branch, file, blobSha),
    readBranchCommit: async (branch) => {
      const sha = await reads.commitOfBranch(branch);
      if (!sha) throw new PublishError(`${path}: base branch "${branch}" not found`, 404);
      return sha;
    },
    readFiles: async (sha, paths) => {
      const files = await reads.filesAt(sha, paths);
      if (!files)
        throw new PublishError(
          `GitLab list the files of ${sha.slice(0, 12)} (${path}): 404 Not Found; the commit is gone`,
          404,
        );
      return files;
    },
    findOpenRequest: (branch, base) =>
      memoizeRead(openRequests, `${branch}\0${base}`, async () => {
        const found = await findGitlabMergeRequest(gitlab, path, branch, base);
        if (found) known.set(found.number, found);
        return found;
      }),
    pushCommit: async (input) => {
      await reads.checkBranchAt(
        input.baseBranch,
        input.baseSha,
        input.files.map((f) => f.path),
      );
      return createGitlabCommit(gitlab, path, input);
    },
    openRequest: (input) => openGitlabMergeRequest(gitlab, path, input),
    updateRequest: (number, input) => {
      const current = known.get(number) ?? { number, url: '', title: input.title, body: '', draft: false, labels: [] };
      return updateGitlabMergeRequest(gitlab, path, current, input);
    },
  };
}
