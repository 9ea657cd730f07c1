import { Gitlab } from '@gitbeaker/rest';

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
  /** Per-request timeout in ms. Default 30 000. */
  readonly queryTimeoutMs?: number;
}

/**
 * Build a gitbeaker client. gitbeaker retries 429 and 502 answers itself (10 times, with growing delays) and spaces
 * requests per endpoint with GitLab.com's documented limits.
 *
 * @throws {Error} when `token` is empty.
 * @see https://docs.gitlab.com/api/rest/authentication/
 * @see https://docs.gitlab.com/security/rate_limits/
 * @see https://github.com/jdalrymple/gitbeaker/tree/main/packages/rest
 */
export function createGitlabClient(options: GitlabClientOptions): GitlabClient {
  if (!options.token) throw new Error('GitLab token: expected a token in GITLAB_TOKEN, got nothing');
  return new Gitlab({ host: gitlabHostOf(options.url ?? DEFAULT_GITLAB_URL), token: options.token, queryTimeout: options.queryTimeoutMs ?? 30_000 });
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
