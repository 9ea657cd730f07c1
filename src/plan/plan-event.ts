import type { EventContext } from '../tags/event-context.js';
import { contextFromGithub } from '../tags/github-context.js';

/** The events `dockyard plan --event` accepts: GitHub Actions' names, which GitLab pipelines map to (docs/tags.md). */
export const PLAN_EVENTS = ['push', 'pull_request', 'schedule', 'workflow_dispatch', 'repository_dispatch'] as const;

/** One of {@link PLAN_EVENTS}. */
export type PlanEventName = (typeof PLAN_EVENTS)[number];

/** The commit `dockyard plan` assumes when no `--sha` is given (so `type=sha` tags read `sha-0000000`). */
export const PLACEHOLDER_SHA = '0000000000000000000000000000000000000000';

/** A `--event`/`--ref`/`--sha` combination that no pipeline could run for. Exit code 1. */
export class PlanEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanEventError';
  }
}

/** What `dockyard plan` is asked to compute tags for. */
export interface PlanEventRequest {
  /** One of {@link PLAN_EVENTS}; default `push`. */
  readonly event?: string;
  /**
   * Full ref: `refs/heads/<branch>`, `refs/tags/<tag>` or (pull requests) `refs/pull/<number>/merge`. Default:
   * `refs/heads/<defaultBranch>`, or `refs/pull/1/merge` for `pull_request`.
   */
  readonly ref?: string;
  /** Full 40-hex commit SHA; default {@link PLACEHOLDER_SHA}. */
  readonly sha?: string;
  /** The repository's default branch (`type=edge`, `{{is_default_branch}}`); default `main`. */
  readonly defaultBranch?: string;
}

/**
 * Turn `--event`, `--ref`, `--sha` and `--default-branch` into the tag engine's {@link EventContext}, through the
 * same GitHub mapper `dockyard meta` uses (GitLab's variables map to the same context).
 *
 * @throws {PlanEventError} for an unknown event, a ref that is not a full branch, tag or pull-request ref (or does
 *   not fit the event: pull requests need `refs/pull/<n>/merge`, repository_dispatch the default branch, other events a
 *   branch or tag), a branch or tag name
 *   git would reject, or a SHA that is not 40 hex digits.
 * @see https://git-scm.com/docs/git-check-ref-format
 */
export function parsePlanEvent(request: PlanEventRequest): EventContext {
  const event = request.event ?? 'push';
  if (!(PLAN_EVENTS as readonly string[]).includes(event)) {
    throw new PlanEventError(`--event: unknown event; expected one of ${PLAN_EVENTS.join(', ')}, got "${event}"`);
  }
  const defaultBranch = request.defaultBranch ?? 'main';
  checkRefName('--default-branch', defaultBranch);
  const ref = request.ref ?? (event === 'pull_request' ? 'refs/pull/1/merge' : `refs/heads/${defaultBranch}`);
  const pull = /^refs\/pull\/([1-9][0-9]*)\/merge$/.exec(ref);
  if (event === 'pull_request') {
    if (!pull) throw new PlanEventError(`--ref "${ref}": a pull_request runs on refs/pull/<number>/merge`);
  } else {
    const name = ref.startsWith('refs/heads/')
      ? ref.slice(11)
      : ref.startsWith('refs/tags/')
        ? ref.slice(10)
        : undefined;
    if (name === undefined)
      throw new PlanEventError(`--ref "${ref}": expected refs/heads/<branch> or refs/tags/<tag> for a ${event} event`);
    checkRefName('--ref', name, ref);
    if (event === 'repository_dispatch' && ref !== `refs/heads/${defaultBranch}`) {
      throw new PlanEventError(
        `--ref "${ref}": repository_dispatch always runs on the default branch; expected refs/heads/${defaultBranch}, got "${ref}"`,
      );
    }
  }
  const sha = request.sha ?? PLACEHOLDER_SHA;
  if (!/^[0-9a-f]{40}$/.test(sha))
    throw new PlanEventError(`--sha "${sha}" is not a full commit SHA (40 lower-case hex digits)`);
  const env = { GITHUB_EVENT_NAME: event, GITHUB_REF: ref, GITHUB_SHA: sha };
  const payload = {
    repository: { default_branch: defaultBranch },
    ...(pull
      ? {
          number: Number(pull[1]),
          pull_request: { number: Number(pull[1]), head: { sha, ref: 'feature' }, base: { ref: defaultBranch } },
        }
      : {}),
  };
  return contextFromGithub(env, payload, { default_branch: defaultBranch });
}

/** The rules of `git check-ref-format` for a branch or tag name. */
function checkRefName(flag: string, name: string, shown = name): void {
  const bad =
    name === '' ||
    name === '@' ||
    // eslint-disable-next-line no-control-regex -- git check-ref-format rejects control characters
    /[\x00-\x20\x7f~^:?*[\\]/.test(name) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'));
  if (bad) throw new PlanEventError(`${flag} "${shown}" is not a valid git branch or tag name`);
}
