import { PublishError } from '../repository-host.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';

const cache = new WeakMap<GitlabClient, Promise<string>>();

/**
 * The email GitLab writes as committer on the commits this client's token makes through the Commits API: the token
 * user's `commit_email` (`GET /user`; GitLab returns `commit_email_or_default`, which falls back to the primary
 * email), else `email`. Gitaly commits as the request's user with exactly that email (`Gitlab::Git::User.from_gitlab`
 * uses `commit_email_or_default`). Read once per client and shared by every project of a run; a failed read is
 * not cached.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error (401: bad token).
 * @see https://docs.gitlab.com/api/users/ (the current user: `GET /user`)
 * @see https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/api/entities/user_public.rb (`commit_email`)
 * @see https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/gitlab/git/user.rb
 */
export function readGitlabTokenCommitter(gitlab: GitlabClient, project: string): Promise<string> {
  let found = cache.get(gitlab);
  if (!found) {
    found = callGitlab('read the token user', project, () => gitlab.Users.showCurrentUser()).then((user) => {
      const u = user as unknown as { commit_email?: string | null; email?: string | null; username?: string };
      const email = u.commit_email || u.email;
      if (!email)
        throw new PublishError(
          `GitLab read the token user (${project}): expected commit_email or email in GET /user, got neither for ${u.username ?? 'the token user'}`,
        );
      return email;
    });
    found.catch(() => cache.delete(gitlab));
    cache.set(gitlab, found);
  }
  return found;
}
