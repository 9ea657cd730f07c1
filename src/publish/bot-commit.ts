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
 * Whether dockyard made this commit: its message carries {@link BOT_TRAILER} on a line of its own, its author
 * email is the bot's, and so is its committer email where the API reports one (an amend or rebase by a person
 * changes the committer). A commit anyone else pushed onto the bot branch fails this test, and dockyard then
 * leaves the branch alone. Pure.
 *
 * @see https://docs.github.com/rest/git/commits#get-a-commit-object
 * @see https://docs.gitlab.com/api/commits/#get-a-single-commit
 */
export function isBotCommit(commit: RemoteCommit, identity: BotIdentity): boolean {
  const hasTrailer = commit.message.split('\n').some((line) => line.trim() === BOT_TRAILER);
  const email = identity.email.toLowerCase();
  const committerOk = commit.committerEmail === undefined || commit.committerEmail.toLowerCase() === email;
  return hasTrailer && commit.authorEmail.toLowerCase() === email && committerOk;
}
