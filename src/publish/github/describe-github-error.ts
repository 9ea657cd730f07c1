import { PublishError } from '../repository-host.js';

const HINTS: Record<number, string> = {
  401: 'the token in GITHUB_TOKEN is missing, expired or revoked',
  403: 'the token lacks a permission (dockyard needs Contents: write and Pull requests: write, or the classic repo scope), or the repository is archived',
  404: 'not found, or the token cannot see this repository',
  409: 'conflict (is the repository empty?)',
  422: 'GitHub refused the change (a protected branch, a branch name it rejects, or invalid input)',
};

/**
 * Turn an Octokit error into a {@link PublishError}: `GitHub <step> (<repository>): <status> <GitHub's message>;
 * <likely cause>`, or `network error` when no answer came (after the retries). Never includes the token.
 *
 * @param step what was being done, e.g. `create the branch`.
 * @see https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
export function describeGithubError(error: unknown, step: string, repository: string): PublishError {
  if (error instanceof PublishError) return error;
  const e = error as {
    status?: number;
    message?: string;
    response?: { data?: { message?: string } };
    cause?: { message?: string };
  };
  // Octokit reports a request that got no answer (refused connection, DNS, TLS) as status 500 without a response.
  const status = typeof e.status === 'number' && e.status > 0 && e.response !== undefined ? e.status : undefined;
  if (status === undefined) {
    const cause = e.cause?.message ? ` (${e.cause.message})` : '';
    return new PublishError(`GitHub ${step} (${repository}): network error: ${e.message ?? String(error)}${cause}`);
  }
  const message = e.response?.data?.message ?? e.message ?? '';
  const limited = /rate limit/i.test(message);
  const hint = limited
    ? 'rate limited, and still limited after the retries'
    : (HINTS[status] ?? (status >= 500 ? 'GitHub had a server error (retried)' : 'unexpected answer'));
  return new PublishError(`GitHub ${step} (${repository}): ${status} ${message}; ${hint}`, status);
}

/**
 * Run one API step and describe its failure. `notFound` is returned for a 404 when given (an absent ref or file).
 *
 * @throws {PublishError} for any other failure.
 * @see https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
export async function callGithub<T, N = never>(
  step: string,
  repository: string,
  run: () => Promise<T>,
  notFound?: () => N,
): Promise<T | N> {
  try {
    return await run();
  } catch (error) {
    if (notFound && (error as { status?: number }).status === 404) return notFound();
    throw describeGithubError(error, step, repository);
  }
}
