import { tryGit } from './run-git.js';

const ORIGIN_PREFIX = 'refs/remotes/origin/';

/**
 * The repository's default branch as the local clone knows it: the target of `refs/remotes/origin/HEAD`
 * (`git symbolic-ref refs/remotes/origin/HEAD` prints e.g. `refs/remotes/origin/main`; `git clone` sets it,
 * `git remote set-head origin --auto` refreshes it). `undefined` outside a git repository, without an origin, or when
 * origin/HEAD was never set (a repository that was `git init`ed, not cloned).
 *
 * @param dir a directory inside the work tree.
 * @throws {import('./run-git.js').GitError} only when git itself cannot be run (not installed).
 * @see https://git-scm.com/docs/git-symbolic-ref
 * @see https://git-scm.com/docs/git-remote#Documentation/git-remote.txt-set-head
 */
export async function readDefaultBranch(dir: string): Promise<string | undefined> {
  const target = (await tryGit(dir, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']))?.trim();
  if (!target?.startsWith(ORIGIN_PREFIX) || target.length === ORIGIN_PREFIX.length) return undefined;
  return target.slice(ORIGIN_PREFIX.length);
}
