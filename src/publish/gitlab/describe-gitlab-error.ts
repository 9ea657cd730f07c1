import { PublishError } from '../repository-host.js';
import type { GitlabRetryOutcome } from './gitlab-request-handler.js';

const HINTS: Record<number, string> = {
  401: 'the token in GITLAB_TOKEN is missing, expired or revoked',
  403: 'the token lacks a permission (dockyard needs the api scope and at least the Developer role), or the branch is protected',
  404: 'not found, or the token cannot see this project',
  409: 'conflict (the merge request or branch already exists)',
  422: 'GitLab refused the change (invalid input)',
};

/**
 * The likely cause of a failed answer, with what dockyard's retries did (see `gitlab-retry-policy.ts`). Pure.
 *
 * @see https://docs.gitlab.com/api/rest/troubleshooting/
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export function hintOfGitlabStatus(status: number, retry?: GitlabRetryOutcome): string {
  if (status === 429) {
    if (retry?.reason === 'wait-too-long')
      return `rate limited; GitLab asked to wait ${retry.askedSeconds} s, longer than the ${retry.limitSeconds} s dockyard waits, run again later`;
    return 'rate limited, and still limited after the retries';
  }
  if (status >= 500) {
    if (retry?.reason === 'attempts')
      return `GitLab had a server error, and still had it after ${retry.retries} retries`;
    if (retry?.reason === 'wait-too-long')
      return `GitLab had a server error and asked to wait ${retry.askedSeconds} s, longer than the ${retry.limitSeconds} s dockyard waits`;
    return 'GitLab had a server error';
  }
  return HINTS[status] ?? 'unexpected answer';
}

/**
 * Turn a gitbeaker error into a {@link PublishError}: `GitLab <step> (<project>): <status> <GitLab's message>;
 * <likely cause>` ({@link hintOfGitlabStatus}: rate limits and server errors say what the retries did); timeouts
 * and network errors are named as such. Never includes the token.
 *
 * @see https://docs.gitlab.com/api/rest/troubleshooting/
 */
export function describeGitlabError(error: unknown, step: string, project: string): PublishError {
  if (error instanceof PublishError) return error;
  const e = error as {
    name?: string;
    message?: string;
    cause?: { response?: { status?: number }; description?: string; message?: string; retry?: GitlabRetryOutcome };
  };
  const status = e.cause?.response?.status;
  if (e.name === 'GitbeakerRetryError') return new PublishError(`GitLab ${step} (${project}): ${e.message ?? ''}`, 429);
  if (e.name === 'GitbeakerTimeoutError')
    return new PublishError(
      `GitLab ${step} (${project}): network error: ${e.message ?? 'timeout'}; no answer in time, after the retries`,
    );
  if (status === undefined) {
    const cause = e.cause?.message ? ` (${e.cause.message})` : '';
    return new PublishError(`GitLab ${step} (${project}): network error: ${e.message ?? String(error)}${cause}`);
  }
  return new PublishError(
    `GitLab ${step} (${project}): ${status} ${e.cause?.description ?? e.message ?? ''}; ${hintOfGitlabStatus(status, e.cause?.retry)}`,
    status,
  );
}

/**
 * Whether a failed request may or may not have taken effect: a 5xx answer, a timeout or no answer at all (a 429
 * or 4xx was refused before anything changed). Pure.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export function isOutcomeUnknown(error: unknown): boolean {
  const e = error as { name?: string; cause?: { response?: { status?: number } } };
  if (error instanceof PublishError) return false;
  const status = e.cause?.response?.status;
  return status === undefined ? e.name !== 'GitbeakerRetryError' : status >= 500;
}

/**
 * Run one API step and describe its failure; `notFound` is returned for a 404 when given.
 *
 * @throws {PublishError} for any other failure.
 * @see https://docs.gitlab.com/api/rest/troubleshooting/
 */
export async function callGitlab<T, N = never>(
  step: string,
  project: string,
  run: () => Promise<T>,
  notFound?: () => N,
): Promise<T | N> {
  try {
    return await run();
  } catch (error) {
    const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
    if (notFound && status === 404) return notFound();
    throw describeGitlabError(error, step, project);
  }
}
