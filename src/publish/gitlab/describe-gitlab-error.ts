import { PublishError } from '../repository-host.js';

const HINTS: Record<number, string> = {
  401: 'the token in GITLAB_TOKEN is missing, expired or revoked',
  403: 'the token lacks a permission (dockyard needs the api scope and at least the Developer role), or the branch is protected',
  404: 'not found, or the token cannot see this project',
  409: 'conflict (the merge request or branch already exists)',
  422: 'GitLab refused the change (invalid input)',
};

/**
 * Turn a gitbeaker error into a {@link PublishError}: `GitLab <step> (<project>): <status> <GitLab's message>;
 * <likely cause>`; retries given up (429/502) and network errors are named as such. Never includes the token.
 *
 * @see https://docs.gitlab.com/api/rest/troubleshooting/
 */
export function describeGitlabError(error: unknown, step: string, project: string): PublishError {
  if (error instanceof PublishError) return error;
  const e = error as { name?: string; message?: string; cause?: { response?: { status?: number }; description?: string; message?: string } };
  const status = e.cause?.response?.status;
  if (e.name === 'GitbeakerRetryError') return new PublishError(`GitLab ${step} (${project}): ${e.message ?? ''}`, 429);
  if (status === undefined) {
    const cause = e.cause?.message ? ` (${e.cause.message})` : '';
    return new PublishError(`GitLab ${step} (${project}): network error: ${e.message ?? String(error)}${cause}`);
  }
  const hint = HINTS[status] ?? (status >= 500 ? 'GitLab had a server error' : 'unexpected answer');
  return new PublishError(`GitLab ${step} (${project}): ${status} ${e.cause?.description ?? e.message ?? ''}; ${hint}`, status);
}

/**
 * Run one API step and describe its failure; `notFound` is returned for a 404 when given.
 *
 * @throws {PublishError} for any other failure.
  * @see https://docs.gitlab.com/api/rest/troubleshooting/
 */
export async function callGitlab<T, N = never>(step: string, project: string, run: () => Promise<T>, notFound?: () => N): Promise<T | N> {
  try {
    return await run();
  } catch (error) {
    const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
    if (notFound && status === 404) return notFound();
    throw describeGitlabError(error, step, project);
  }
}
