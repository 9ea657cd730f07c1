/**
 * When dockyard retries a GitLab API answer, and how long it waits. Pure: no clock or network of its own.
 *
 * gitbeaker's own request handler (@gitbeaker/rest 43.8, `defaultRequestHandler`) retries only 429 and 502, ten
 * times, after `2 ** i * 0.25` milliseconds, without reading `Retry-After`, and never retries a 500, 503 or 504;
 * dockyard replaces it (see `gitlab-request-handler.ts`) with this policy.
 *
 * @see https://github.com/jdalrymple/gitbeaker/blob/main/packages/rest/src/Requester.ts (installed: node_modules/@gitbeaker/rest/dist/index.mjs)
 * @see https://docs.gitlab.com/security/rate_limits/
 * @module
 */

/**
 * Bounds of dockyard's GitLab retries.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export interface GitlabRetryPolicy {
  /** Retries after the first attempt of one request (so `retries + 1` attempts at most). Default 3. */
  readonly retries: number;
  /**
   * Longest single wait in ms. A `Retry-After` (or `RateLimit-Reset`) asking for more fails the request at once
   * rather than hanging a run. Default 60 000 (one minute, GitLab.com's throttle window).
   */
  readonly maxWaitMs: number;
  /** First backoff in ms of a 5xx or network error without `Retry-After`; doubles each retry. Default 1000. */
  readonly backoffMs: number;
  /** Milliseconds per second of `Retry-After` and `RateLimit-Reset` waits. Default 1000 (tests shorten it). */
  readonly retryAfterUnitMs: number;
}

/**
 * Default {@link GitlabRetryPolicy}: 3 retries, waits of at most 60 s, backoff 1 s, 2 s, 4 s.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export const DEFAULT_GITLAB_RETRY_POLICY: GitlabRetryPolicy = {
  retries: 3,
  maxWaitMs: 60_000,
  backoffMs: 1000,
  retryAfterUnitMs: 1000,
};

/**
 * Statuses dockyard treats as transient: 429 (rate limited: the request was refused before it ran) and the
 * gateway/server errors 500, 502, 503 and 504.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.6
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Methods that may be repeated after a 5xx or a lost answer without changing the outcome (RFC 9110 idempotent
 * methods). A POST is repeated only after a 429, which GitLab sends before running the request; a POST that got a
 * 5xx may have taken effect, so the step that sent it checks first (see `retryGitlabPost`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * The wait a `Retry-After` value asks for, in seconds: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, counted from `nowMs`). Pure.
 *
 * @returns seconds (0 for a date in the past), or undefined when the value is absent or neither form.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * What to do after one failed attempt.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export type RetryDecision =
  | { readonly retry: true; readonly waitMs: number }
  | {
      readonly retry: false;
      readonly reason: 'not-transient' | 'not-idempotent' | 'attempts' | 'wait-too-long';
      readonly waitMs?: number;
    };

/**
 * One failed attempt, as {@link decideGitlabRetry} sees it.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export interface FailedAttempt {
  readonly method: string;
  /** HTTP status, or undefined when no answer came (network error, timeout). */
  readonly status?: number;
  /** The answer's `Retry-After` header. */
  readonly retryAfter?: string | null;
  /** The answer's `RateLimit-Reset` header (Unix seconds), used for a 429 without `Retry-After`. */
  readonly rateLimitReset?: string | null;
  /** Retries already made for this request (0 after the first attempt). */
  readonly retriesSoFar: number;
  readonly nowMs: number;
}

/**
 * Decide whether to retry and how long to wait first. Pure. Rules:
 * 1. Only 429, 500, 502, 503, 504 and answers that never came are retried; 5xx and lost answers only for
 *    {@link IDEMPOTENT_METHODS}.
 * 2. At most `policy.retries` retries.
 * 3. The wait is `Retry-After` (seconds or HTTP-date) when present, else for a 429 the time until `RateLimit-Reset`,
 *    else `backoffMs * 2 ** retriesSoFar`. A wait longer than `maxWaitMs` is not made: the request fails now.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export function decideGitlabRetry(attempt: FailedAttempt, policy: GitlabRetryPolicy): RetryDecision {
  const { status } = attempt;
  if (status !== undefined && !TRANSIENT_STATUSES.has(status)) return { retry: false, reason: 'not-transient' };
  if (status !== 429 && !IDEMPOTENT_METHODS.has(attempt.method.toUpperCase()))
    return { retry: false, reason: 'not-idempotent' };
  if (attempt.retriesSoFar >= policy.retries) return { retry: false, reason: 'attempts' };
  const waitMs = waitOf(attempt, policy);
  if (waitMs > policy.maxWaitMs) return { retry: false, reason: 'wait-too-long', waitMs };
  return { retry: true, waitMs };
}

function waitOf(attempt: FailedAttempt, policy: GitlabRetryPolicy): number {
  const asked = parseRetryAfter(attempt.retryAfter, attempt.nowMs);
  if (asked !== undefined) return asked * policy.retryAfterUnitMs;
  const reset = attempt.rateLimitReset?.trim();
  if (attempt.status === 429 && reset && /^\d+$/.test(reset))
    return Math.max(0, Number(reset) - Math.floor(attempt.nowMs / 1000)) * policy.retryAfterUnitMs;
  return policy.backoffMs * 2 ** attempt.retriesSoFar;
}
