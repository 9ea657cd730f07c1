import { Gitlab } from '@gitbeaker/rest';
import { createGitlabRequesterFn, type GitlabRetryEvent } from './gitlab-request-handler.js';
import { DEFAULT_GITLAB_RETRY_POLICY, type GitlabRetryPolicy } from './gitlab-retry-policy.js';

/**
 * A gitbeaker client (`new Gitlab(...)`), e.g. one built by {@link createGitlabClient}.
 *
 * @see https://docs.gitlab.com/api/rest/authentication/
 */
export type GitlabClient = InstanceType<typeof Gitlab>;

/**
 * Default instance (gitlab.com).
 *
 * @see https://docs.gitlab.com/api/rest/authentication/
 */
export const DEFAULT_GITLAB_URL = 'https://gitlab.com';

/**
 * Options of {@link createGitlabClient}.
 *
 * @see https://docs.gitlab.com/api/rest/authentication/
 */
export interface GitlabClientOptions {
  /** Token (`GITLAB_TOKEN`) with the `api` scope and Developer role (push to unprotected branches, create MRs). */
  readonly token: string;
  /**
   * Instance root (`https://gitlab.example.com`) or its API root (`$CI_API_V4_URL`, ending in `/api/v4`);
   * default {@link DEFAULT_GITLAB_URL}.
   */
  readonly url?: string;
  /** Timeout of each attempt of a request in ms (each retry gets its own). Default 30 000. */
  readonly queryTimeoutMs?: number;
  /** Retry bounds; missing fields take {@link DEFAULT_GITLAB_RETRY_POLICY}'s (3 retries, waits up to 60 s). */
  readonly retry?: Partial<GitlabRetryPolicy>;
  /** Called before each retry, e.g. to report it. */
  readonly onRetry?: (event: GitlabRetryEvent) => void;
}

const policies = new WeakMap<object, GitlabRetryPolicy>();

/**
 * The retry policy a client was built with ({@link DEFAULT_GITLAB_RETRY_POLICY} for a client not built by
 * {@link createGitlabClient}); the steps that send a POST use it to bound their own check-then-retry.
 *
 * @see https://docs.gitlab.com/security/rate_limits/
 */
export function retryPolicyOf(gitlab: GitlabClient): GitlabRetryPolicy {
  return policies.get(gitlab) ?? DEFAULT_GITLAB_RETRY_POLICY;
}

/**
 * Build a gitbeaker client whose requests go through dockyard's retry policy (`createGitlabRequesterFn`) instead
 * of gitbeaker's own handler: 429 waits `Retry-After` (seconds or HTTP-date; else `RateLimit-Reset`, else backoff)
 * and is retried for every method; 500/502/503/504 and lost answers are retried with backoff for idempotent
 * methods (GET, PUT, DELETE); at most `retry.retries` retries, no single wait longer than `retry.maxWaitMs`.
 * gitbeaker still spaces requests per endpoint with GitLab.com's documented limits.
 *
 * @throws {Error} when `token` is empty.
 * @see https://docs.gitlab.com/api/rest/authentication/
 * @see https://docs.gitlab.com/security/rate_limits/
 * @see https://github.com/jdalrymple/gitbeaker/tree/main/packages/rest
 */
export function createGitlabClient(options: GitlabClientOptions): GitlabClient {
  if (!options.token) throw new Error('GitLab token: expected a token in GITLAB_TOKEN, got nothing');
  const policy = { ...DEFAULT_GITLAB_RETRY_POLICY, ...options.retry };
  const requesterFn = createGitlabRequesterFn({
    policy,
    attemptTimeoutMs: options.queryTimeoutMs ?? 30_000,
    onRetry: options.onRetry,
  });
  // queryTimeout 0: no signal for the whole call (gitbeaker would share one across the retries); each attempt has its own.
  const gitlab = new Gitlab({
    host: gitlabHostOf(options.url ?? DEFAULT_GITLAB_URL),
    token: options.token,
    queryTimeout: 0,
    requesterFn,
  });
  policies.set(gitlab, policy);
  return gitlab;
}

/**
 * The instance root of a GitLab URL: trailing slashes and a trailing `/api/v4` are removed. Pure.
 *
 * @throws {Error} naming the value when it is not an http(s) URL.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (CI_API_V4_URL)
 */
export function gitlabHostOf(url: string): string {
  if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`GitLab URL: expected http(s)://HOST[/PATH], got "${url}"`);
  return url.replace(/\/+$/, '').replace(/\/api\/v4$/, '');
}
