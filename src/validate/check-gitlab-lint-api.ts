/**
 * Validate GitLab CI YAML with a GitLab instance's project CI Lint API: the authoritative check
 * (same code path as pipeline creation), at the cost of a network call and a token.
 *
 * @module
 */
import type { Finding } from './finding.js';

/**
 * Connection settings of {@link checkWithGitlabLintApi}: `baseUrl`, `projectId` and `token` are
 * required, the rest optional.
 * @see https://docs.gitlab.com/api/rest/authentication/
 */
export interface GitlabLintApiOptions {
  /** Instance root, e.g. `https://gitlab.com` (a trailing `/` is ignored; no `/api/v4`). */
  baseUrl: string;
  /** Numeric project id or `group/project` path (URL-encoded for you). */
  projectId: string | number;
  /** Access token with `api` (or `read_api`) scope, or a CI job token. */
  token: string;
  /** Header the token is sent in: `PRIVATE-TOKEN` (`'private'`, default) or `JOB-TOKEN` (`'job'`). */
  tokenType?: 'private' | 'job';
  /** Run a pipeline-creation simulation (`dry_run`) instead of a static check. Default: false. */
  dryRun?: boolean;
  /** Give up after this many ms. Default: 30 000. */
  timeoutMs?: number;
  /** `fetch` implementation. Default: the global `fetch`. */
  fetchImpl?: typeof fetch;
}

/** The part of the API answer we use. */
interface LintResponse {
  valid: boolean;
  errors: string[];
  warnings: string[];
}

function isLintResponse(value: unknown): value is LintResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');
  return typeof v.valid === 'boolean' && strings(v.errors) && (v.warnings === undefined || strings(v.warnings));
}

/**
 * Build the endpoint URL `{baseUrl}/api/v4/projects/{id}/ci/lint`: trailing slashes of `baseUrl`
 * are dropped and the project id or path is URL-encoded (`group/app` -> `group%2Fapp`).
 * Pure; never throws.
 * @see https://docs.gitlab.com/api/rest/#namespaced-paths
 */
export function buildGitlabLintUrl(baseUrl: string, projectId: string | number): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(String(projectId))}/ci/lint`;
}

/**
 * POST the CI YAML to `{baseUrl}/api/v4/projects/:id/ci/lint` as JSON `{ content }` (plus
 * `dry_run` when asked) and turn the answer `{ valid, errors[], warnings[] }` into findings.
 *
 * The API validates in the project's context (its CI/CD variables, `include: local` files from
 * the default branch). It gives no line numbers, so findings have none.
 *
 * @param content - the CI YAML text.
 * @param fileName - used as {@link Finding.file}.
 * @returns one `error` finding per entry of `errors` and one `warning` per entry of `warnings`;
 *   `[]` when valid without warnings. If GitLab says `valid: false` with no errors, one error
 *   finding says so.
 * @throws Error naming the method, URL and cause when the request fails (DNS, refused
 *   connection, timeout); Error with the HTTP status, URL and the body's `message`/`error` for a
 *   non-2xx answer (401 bad token, 403 no access, 404 unknown project); Error when a 2xx body is
 *   not the documented shape. The token never appears in messages.
 * @see https://docs.gitlab.com/api/lint/
 */
export async function checkWithGitlabLintApi(
  content: string,
  fileName: string,
  opts: GitlabLintApiOptions,
): Promise<Finding[]> {
  const url = buildGitlabLintUrl(opts.baseUrl, opts.projectId);
  const doFetch = opts.fetchImpl ?? fetch;
  const body: Record<string, unknown> = { content };
  if (opts.dryRun === true) body.dry_run = true;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        [opts.tokenType === 'job' ? 'JOB-TOKEN' : 'PRIVATE-TOKEN']: opts.token,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new Error(`GitLab CI Lint API request failed: POST ${url}: ${cause}`, { cause: err });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `GitLab CI Lint API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} ` +
        `for POST ${url}${describeErrorBody(text)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(
      `GitLab CI Lint API answered ${response.status} with a body that is not JSON for POST ${url}: ${text.slice(0, 200)}`,
    );
  }
  if (!isLintResponse(parsed)) {
    throw new Error(
      `GitLab CI Lint API answered ${response.status} without {valid, errors[]} for POST ${url}: ${text.slice(0, 200)}`,
    );
  }
  const base = { tool: 'gitlab-lint-api' as const, file: fileName };
  const findings: Finding[] = [
    ...parsed.errors.map((message) => ({ ...base, severity: 'error' as const, message })),
    ...(parsed.warnings ?? []).map((message) => ({ ...base, severity: 'warning' as const, message })),
  ];
  if (!parsed.valid && parsed.errors.length === 0) {
    findings.unshift({
      ...base,
      severity: 'error',
      message: 'GitLab reports the configuration as invalid but gives no error',
    });
  }
  return findings;
}

/** `: <message>` from a GitLab error body (`{"message": …}` or `{"error": …}`), else its start. */
function describeErrorBody(text: string): string {
  if (text.trim() === '') return '';
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const detail = body.message ?? body.error;
    if (detail !== undefined) return `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  } catch {
    // not JSON
  }
  return `: ${text.slice(0, 200)}`;
}
