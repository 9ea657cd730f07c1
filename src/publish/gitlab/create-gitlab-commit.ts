import { PublishError, type PushCommitInput } from '../repository-host.js';
import { retryPolicyOf, type GitlabClient } from './create-gitlab-client.js';
import { readGitlabCommit } from './read-gitlab-commit.js';
import { readGitlabBranchHead } from './read-gitlab-project.js';
import { retryGitlabPost } from './retry-gitlab-post.js';

/**
 * Commit the files onto the base head and point the bot branch at it in one request
 * (`POST /projects/:id/repository/commits` with `start_sha` = base head, `branch` = bot branch, `force` when the
 * branch exists, `create`/`update` actions, `author_name`/`author_email` = the bot; GitLab makes the token's user
 * the committer). An existing branch is first read again and must still be at `expectedHeadSha`; the API has no
 * compare-and-swap, so this narrows, but cannot close, the race.
 *
 * A 5xx or lost answer may come after GitLab made the commit: the branch is read back, and a tip that moved to a
 * commit on `baseSha` with this message and the bot as author is taken as this commit (no second commit is made);
 * otherwise the POST is sent again (`retryGitlabPost`).
 *
 * @returns the new commit's sha.
 * @throws {PublishError} when the branch moved since it was checked, or on any API error (403: protected branch
 *   or too little access).
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 * @see https://gitlab.com/gitlab-org/gitaly/-/blob/master/internal/gitaly/service/operations/commit_files.go (committer = the request's user)
 */
export async function createGitlabCommit(
  gitlab: GitlabClient,
  project: string,
  input: PushCommitInput,
): Promise<string> {
  if (!input.createBranch) {
    const current = await readGitlabBranchHead(gitlab, project, input.branch);
    if (current !== input.expectedHeadSha) {
      throw new PublishError(
        `GitLab move branch ${input.branch} (${project}): it moved from ${input.expectedHeadSha?.slice(0, 12)} to ${current?.slice(0, 12) ?? '(deleted)'} while dockyard worked; not overwriting it, run again`,
      );
    }
  }
  const actions = input.files.map((f) => ({
    action: f.existsOnBase ? ('update' as const) : ('create' as const),
    filePath: f.path,
    content: f.content,
  }));
  return retryGitlabPost({
    step: `commit to ${input.branch}`,
    project,
    policy: retryPolicyOf(gitlab),
    post: async () => {
      const data = await gitlab.Commits.create(project, input.branch, input.message, actions, {
        startSha: input.baseSha,
        force: !input.createBranch,
        authorName: input.identity.name,
        authorEmail: input.identity.email,
      });
      return String(data.id);
    },
    landed: async () => {
      const head = await readGitlabBranchHead(gitlab, project, input.branch);
      if (head === undefined || head === input.expectedHeadSha) return undefined;
      const tip = await readGitlabCommit(gitlab, project, head);
      const ours =
        tip.parents.length === 1 &&
        tip.parents[0] === input.baseSha &&
        tip.message.trimEnd() === input.message.trimEnd() &&
        tip.authorEmail.toLowerCase() === input.identity.email.toLowerCase();
      return ours ? tip.sha : undefined;
    },
  });
}
