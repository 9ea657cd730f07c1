import { parsePlanEvent, PLACEHOLDER_SHA } from '../plan/plan-event.js';
import type { EventContext } from '../tags/event-context.js';
import { readDefaultBranch } from './read-default-branch.js';
import { tryGit } from './run-git.js';

/** The event a local run computes its tags for, the clock it uses, and what could not be read from git. */
export interface GitEvent {
  readonly context: EventContext;
  /** The commit's committer date (so the same commit gives the same tags and labels on any machine). */
  readonly clock: Date;
  /** What was assumed, for stderr (`not a git repository: …`); empty when git said everything. */
  readonly notes: readonly string[];
}

/**
 * Read the event `dockyard run` tags with from the git work tree at `dir`: a `push` of the checked-out branch
 * (`git symbolic-ref --short HEAD`; a detached HEAD exactly at a tag pushes that tag), at `HEAD`'s commit, with the
 * default branch of `refs/remotes/origin/HEAD` (else `main`), at the commit's date (`%ct`). Outside git: branch
 * `main`, the placeholder commit `0000000…` and `fallbackClock`, each said in `notes`.
 *
 * @throws {import('../plan/plan-event.js').PlanEventError} when the branch name is not a valid ref name.
 * @see https://git-scm.com/docs/git-symbolic-ref
 * @see https://git-scm.com/docs/pretty-formats (`%ct`)
 */
export async function readGitEvent(dir: string, fallbackClock: Date): Promise<GitEvent> {
  const notes: string[] = [];
  const read = async (args: string[]) => (await tryGit(dir, args))?.trim() || undefined;
  const sha = await read(['rev-parse', '--verify', '--quiet', 'HEAD']);
  const defaultBranch = (await readDefaultBranch(dir)) ?? 'main';
  const branch = await read(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const tag = branch ? undefined : await read(['describe', '--tags', '--exact-match', 'HEAD']);
  const ref = branch ? `refs/heads/${branch}` : tag ? `refs/tags/${tag}` : `refs/heads/${defaultBranch}`;
  if (!sha) notes.push(`no git commit in ${dir}: tags for commit ${PLACEHOLDER_SHA.slice(0, 7)} on ${ref}`);
  else if (!branch && !tag) notes.push(`detached HEAD: tags as for ${ref}`);
  const seconds = sha ? Number(await read(['log', '-1', '--format=%ct', 'HEAD'])) : Number.NaN;
  const clock = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : fallbackClock;
  return { context: parsePlanEvent({ event: 'push', ref, sha: sha ?? PLACEHOLDER_SHA, defaultBranch }), clock, notes };
}
