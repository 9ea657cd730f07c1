import type { BotIdentity, RemoteCommit } from './remote-state.js';

/**
 * The git trailer every commit dockyard makes ends with; part of how it recognises its own commits.
 *
 * @see https://git-scm.com/docs/git-interpret-trailers
 */
export const BOT_TRAILER = 'Generated-by: dockyard';

/**
 * Default subject of dockyard's commits.
 *
 * @see https://git-scm.com/docs/git-interpret-trailers
 */
export const DEFAULT_COMMIT_SUBJECT = 'ci: regenerate pipelines with dockyard';

/**
 * The message of a bot commit: `subject`, a blank line, and {@link BOT_TRAILER}. Pure.
 *
 * @param subject first line; default {@link DEFAULT_COMMIT_SUBJECT}. Trailing whitespace is trimmed.
 * @throws {Error} when `subject` is empty or only whitespace.
 * @see https://git-scm.com/docs/git-interpret-trailers
 */
export function botCommitMessage(subject: string = DEFAULT_COMMIT_SUBJECT): string {
  const text = subject.trimEnd();
  if (text.trim() === '') throw new Error('commit message: expected a non-empty subject, got ""');
  return `${text}\n\n${BOT_TRAILER}\n`;
}

/**
 * Whether dockyard made this commit, by what both hosts' commit APIs let dockyard set or know:
 * - its message carries {@link BOT_TRAILER} on a line of its own,
 * - its author email is the bot's (`identity.email`),
 * - it has exactly one parent (dockyard never makes merge commits),
 * - its committer email, where the API reports one, is `committerEmail`: the committer the host's API records for
 *   dockyard's own commits. On GitHub dockyard sets the committer to the bot (the create-commit API takes a
 *   `committer`), so it is `identity.email`; on GitLab the Commits API only takes `author_name`/`author_email` and
 *   makes the token's user the committer, so it is that user's commit email (`GET /user`, `commit_email`).
 *
 * A person who amends, rebases or cherry-picks dockyard's commit keeps the trailer and the author but becomes the
 * committer; a person's own commit on top has another author. Either fails this test, and dockyard then leaves the
 * branch alone. Email comparisons ignore case. Pure.
 *
 * @param committerEmail default `identity.email` (GitHub).
 * @see https://docs.github.com/rest/git/commits#create-a-commit
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 * @see https://gitlab.com/gitlab-org/gitaly/-/blob/master/internal/gitaly/service/operations/commit_files.go
 */
export function isBotCommit(
  commit: RemoteCommit,
  identity: BotIdentity,
  committerEmail: string = identity.email,
): boolean {
  const hasTrailer = commit.message.split('\n').some((line) => line.trim() === BOT_TRAILER);
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const committerOk = commit.committerEmail === undefined || same(commit.committerEmail, committerEmail);
  return hasTrailer && same(commit.authorEmail, identity.email) && commit.parents.length === 1 && committerOk;
}
