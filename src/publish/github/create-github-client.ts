import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

/** The Octokit class dockyard uses: REST methods, throttling and retries. */
const DockyardOctokit = Octokit.plugin(throttling, retry);

/**
 * An Octokit client with the REST methods, e.g. one built by {@link createGithubClient}.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export type GithubClient = Octokit;

/**
 * Default API root (github.com); GitHub Enterprise Server uses `https://HOST/api/v3`.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * Options of {@link createGithubClient}.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export interface GithubClientOptions {
  /** Token (`GITHUB_TOKEN`): fine-grained with Contents and Pull requests read/write, or classic `repo`. */
  readonly token: string;
  /** API root; default {@link DEFAULT_GITHUB_API_URL}. */
  readonly baseUrl?: string;
  /** Times a rate-limited request (primary or secondary limit) is retried before it fails. Default 3. */
  readonly rateLimitRetries?: number;
  /** Retries of 5xx answers and network errors (plugin-retry). Default 3. */
  readonly retries?: number;
  /** Milliseconds per second of `retry-after` / reset wait, and plugin-retry's backoff unit. Default 1000 (tests use 1). */
  readonly retryAfterBaseValue?: number;
  /** Minimum spacing of content-creating requests, as GitHub asks. Default 1000 ms. */
  readonly writeSpacingMs?: number;
  /** Minimum spacing of requests that notify people (opening pull requests, labels). Default 3000 ms. */
  readonly notificationSpacingMs?: number;
  /** Called when a request is rate limited, e.g. to report it. */
  readonly onRateLimited?: (info: {
    readonly retryAfterSeconds: number;
    readonly method: string;
    readonly url: string;
    readonly retryCount: number;
  }) => void;
  /** Replace `fetch` (tests). */
  readonly fetch?: typeof fetch;
}

/**
 * Build an Octokit client for `dockyard pr`/`fleet` with GitHub's rate-limit guidance built in: one client per
 * run, shared by every repository, so its limiters count all requests. Primary (`x-ratelimit-remaining: 0`) and
 * secondary (`retry-after`) limits wait as told and retry up to `rateLimitRetries` times; writes are serialised
 * and spaced `writeSpacingMs` apart (`notificationSpacingMs` for those that notify people); 5xx answers and network errors are retried with backoff.
 *
 * @throws {Error} when `token` is empty.
 * @see https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * @see https://github.com/octokit/plugin-throttling.js
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  if (!options.token) throw new Error('GitHub token: expected a token in GITHUB_TOKEN, got nothing');
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const onLimit = (
    retryAfter: number,
    request: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ): boolean => {
    options.onRateLimited?.({ retryAfterSeconds: retryAfter, method: request.method, url: request.url, retryCount });
    return retryCount < rateLimitRetries;
  };
  return new DockyardOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'dockyard',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    request: options.fetch ? { fetch: options.fetch } : {},
    // Rate limits (403/429) belong to the throttling plugin alone, so their retry count is exactly rateLimitRetries.
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 1000 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.notificationSpacingMs ?? 3000 }),
    },
  });
}
