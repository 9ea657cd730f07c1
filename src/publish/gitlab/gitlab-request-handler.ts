import {
  createRequesterFn,
  getMatchingRateLimiter,
  type RateLimiters,
  type RequesterType,
  type ResourceOptions,
} from '@gitbeaker/requester-utils';
import { GitbeakerRequestError, GitbeakerTimeoutError } from '@gitbeaker/rest';
import { decideGitlabRetry, type GitlabRetryPolicy, type RetryDecision } from './gitlab-retry-policy.js';

/**
 * One retry dockyard is about to make, for reporting (e.g. `--verbose` output or tests).
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export interface GitlabRetryEvent {
  readonly method: string;
  /** The request URL without its query. */
  readonly url: string;
  /** Status of the failed attempt, or undefined for a lost answer. */
  readonly status?: number;
  readonly waitMs: number;
  /** 1 for the first retry. */
  readonly retry: number;
}

/**
 * How {@link createGitlabRequesterFn} sends requests.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export interface GitlabRequesterOptions {
  readonly policy: GitlabRetryPolicy;
  /** Timeout of each attempt in ms (a fresh one per retry, so waits do not eat into it). */
  readonly attemptTimeoutMs: number;
  readonly onRetry?: (event: GitlabRetryEvent) => void;
  /** Clock and sleep (tests). Default `Date.now` and `setTimeout`. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Why a failed answer was not retried, attached as `cause.retry` to the thrown `GitbeakerRequestError` (see
 * `describeGitlabError`).
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export type GitlabRetryOutcome =
  | { readonly reason: 'attempts'; readonly retries: number }
  | { readonly reason: 'wait-too-long'; readonly askedSeconds: number; readonly limitSeconds: number }
  | { readonly reason: 'not-transient' | 'not-idempotent' };

/** Options gitbeaker's `defaultOptionsHandler` builds for each request. */
interface HandlerOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: BodyInit;
  readonly prefixUrl?: string;
  readonly searchParams?: string;
  readonly asStream?: boolean;
  readonly agent?: unknown;
  readonly rateLimiters?: RateLimiters;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * A gitbeaker `requesterFn` that builds requests as gitbeaker does (its `createRequesterFn` and per-endpoint rate
 * limiters) but sends them with dockyard's retry policy instead of gitbeaker's `defaultRequestHandler`, which
 * retries only 429/502 after 0.25–128 ms and ignores `Retry-After`. Failures are thrown as gitbeaker's own error
 * classes (`GitbeakerRequestError` with `cause.response`, `GitbeakerTimeoutError`), so callers see the same shapes;
 * after the last retry the last answer is thrown. A wait longer than the policy allows is not made.
 *
 * @see ./gitlab-retry-policy.ts for the rules
 * @see node_modules/@gitbeaker/rest/dist/index.mjs (`defaultRequestHandler`, the handler this replaces)
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export function createGitlabRequesterFn(
  options: GitlabRequesterOptions,
): (serviceOptions: ResourceOptions) => RequesterType {
  return createRequesterFn(
    (_, requestOptions) => Promise.resolve(requestOptions),
    (endpoint, raw) => sendWithRetries(endpoint, (raw ?? {}) as HandlerOptions, options),
  );
}

async function sendWithRetries(endpoint: string, options: HandlerOptions, config: GitlabRequesterOptions) {
  const now = config.now ?? Date.now;
  const sleep = config.sleep ?? defaultSleep;
  const method = (options.method ?? 'GET').toUpperCase();
  const base = options.prefixUrl
    ? options.prefixUrl.endsWith('/')
      ? options.prefixUrl
      : `${options.prefixUrl}/`
    : undefined;
  const url = new URL(endpoint, base);
  url.search = options.searchParams ?? '';
  const rateLimit = getMatchingRateLimiter(endpoint, options.rateLimiters, method);
  for (let retries = 0; ; retries += 1) {
    await rateLimit();
    const request = new Request(url, {
      method,
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(config.attemptTimeoutMs),
    });
    let response: Response;
    try {
      response = await fetch(request, ...((options.agent ? [{ dispatcher: options.agent }] : []) as []));
    } catch (error) {
      const lost = error as Error;
      const decision = decideGitlabRetry({ method, retriesSoFar: retries, nowMs: now() }, config.policy);
      if (!decision.retry)
        throw lost.name === 'TimeoutError' || lost.name === 'AbortError'
          ? new GitbeakerTimeoutError(`Query timeout was reached (${config.attemptTimeoutMs} ms)`, { cause: lost })
          : lost;
      await wait(decision, { method, url, retries }, config, sleep);
      continue;
    }
    if (response.ok) return parseResponse(response, options.asStream ?? false);
    const decision = decideGitlabRetry(
      {
        method,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        rateLimitReset: response.headers.get('ratelimit-reset'),
        retriesSoFar: retries,
        nowMs: now(),
      },
      config.policy,
    );
    if (!decision.retry) return throwRequestError(request, response, decision, config.policy);
    await response.body?.cancel();
    await wait(decision, { method, url, retries, status: response.status }, config, sleep);
  }
}

async function wait(
  decision: RetryDecision & { retry: true },
  at: { method: string; url: URL; retries: number; status?: number },
  config: GitlabRequesterOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  config.onRetry?.({
    method: at.method,
    url: `${at.url.origin}${at.url.pathname}`,
    status: at.status,
    waitMs: decision.waitMs,
    retry: at.retries + 1,
  });
  await sleep(decision.waitMs);
}

async function parseResponse(response: Response, asStream: boolean) {
  const headers = Object.fromEntries(response.headers.entries());
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  let body: unknown;
  if (asStream) body = response.body;
  else if (response.status === 204) body = null;
  else if (type === 'application/json') body = (await response.json()) || {};
  else if (type.startsWith('text/')) body = (await response.text()) || '';
  else body = await response.blob();
  return { body, headers, status: response.status } as Awaited<ReturnType<RequesterType['get']>>;
}

/** Throw the answer as gitbeaker does (`cause: { description, request, response }`), noting why it was not retried. */
async function throwRequestError(
  request: Request,
  response: Response,
  decision: RetryDecision & { retry: false },
  policy: GitlabRetryPolicy,
): Promise<never> {
  const content = await response.text();
  let description = content;
  if (response.headers.get('content-type')?.includes('application/json')) {
    try {
      const output = JSON.parse(content) as { error?: unknown; message?: unknown } | null;
      const property = output?.error ?? output?.message ?? '';
      description = typeof property === 'string' ? property : JSON.stringify(property);
    } catch {
      // not JSON after all: keep the text
    }
  }
  const asked = Math.ceil((decision.waitMs ?? 0) / policy.retryAfterUnitMs);
  const limit = Math.floor(policy.maxWaitMs / policy.retryAfterUnitMs);
  const retry: GitlabRetryOutcome =
    decision.reason === 'attempts'
      ? { reason: 'attempts', retries: policy.retries }
      : decision.reason === 'wait-too-long'
        ? { reason: 'wait-too-long', askedSeconds: asked, limitSeconds: limit }
        : { reason: decision.reason };
  const error = new GitbeakerRequestError(description, { cause: { description, request, response } });
  Object.assign(error.cause as object, { retry });
  throw error;
}
