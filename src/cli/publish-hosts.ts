import {
  createGithubClient,
  DEFAULT_GITHUB_API_URL,
  type GithubClient,
  type GithubClientOptions,
} from '../publish/github/create-github-client.js';
import { createGithubHost } from '../publish/github/create-github-host.js';
import {
  createGitlabClient,
  DEFAULT_GITLAB_URL,
  type GitlabClient,
  type GitlabClientOptions,
} from '../publish/gitlab/create-gitlab-client.js';
import { createGitlabHost } from '../publish/gitlab/create-gitlab-host.js';
import { PublishError, type RepositoryHost } from '../publish/repository-host.js';

/**
 * Environment variables `dockyard pr` and `fleet` read.
 *
 * @see https://docs.github.com/rest/authentication/authenticating-to-the-rest-api
 */
export interface PublishEnv {
  readonly GITHUB_TOKEN?: string;
  readonly GITLAB_TOKEN?: string;
  /** GitHub API root (set by GitHub Actions; GHES: `https://HOST/api/v3`). */
  readonly GITHUB_API_URL?: string;
  /** GitLab API root (set by GitLab CI), e.g. `https://gitlab.example.com/api/v4`. */
  readonly CI_API_V4_URL?: string;
  /** GitLab instance root, e.g. `https://gitlab.example.com`. */
  readonly GITLAB_URL?: string;
}

/**
 * Client settings a caller (tests, or a future flag) may override: retry timing and write spacing.
 *
 * @see https://docs.github.com/rest/authentication/authenticating-to-the-rest-api
 */
export interface ClientTuning {
  readonly github?: Partial<Omit<GithubClientOptions, 'token' | 'baseUrl'>>;
  readonly gitlab?: Partial<Omit<GitlabClientOptions, 'token' | 'url'>>;
}

/**
 * Makes one host per repository, sharing one API client per platform (so rate limits are counted together).
 *
 * @see https://docs.github.com/rest/authentication/authenticating-to-the-rest-api
 */
export interface HostFactory {
  host(platform: 'github' | 'gitlab', path: string): RepositoryHost;
  /** The API root used for a platform. */
  urlOf(platform: 'github' | 'gitlab'): string;
}

/**
 * Build the host factory from flags and environment. URLs: `urls.github` (`--api-url` / `--github-api-url`), else
 * `GITHUB_API_URL`, else api.github.com; `urls.gitlab`, else `CI_API_V4_URL`, else `GITLAB_URL`, else gitlab.com.
 * Clients are created on first use.
 *
 * @throws {PublishError} (from `host`) when the platform's token variable is unset or empty.
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables#default-environment-variables
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function createHostFactory(
  env: PublishEnv,
  urls: { github?: string; gitlab?: string },
  tuning: ClientTuning = {},
): HostFactory {
  const githubUrl = urls.github ?? env.GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL;
  const gitlabUrl = urls.gitlab ?? env.CI_API_V4_URL ?? env.GITLAB_URL ?? DEFAULT_GITLAB_URL;
  let github: GithubClient | undefined;
  let gitlab: GitlabClient | undefined;
  return {
    urlOf: (platform) => (platform === 'github' ? githubUrl : gitlabUrl),
    host(platform, path) {
      if (platform === 'github') {
        if (!env.GITHUB_TOKEN)
          throw new PublishError(
            `GITHUB_TOKEN is not set: expected a token that can push branches and open pull requests in ${path} (Contents and Pull requests: read and write)`,
          );
        github ??= createGithubClient({ ...tuning.github, token: env.GITHUB_TOKEN, baseUrl: githubUrl });
        return createGithubHost(github, path);
      }
      if (!env.GITLAB_TOKEN)
        throw new PublishError(
          `GITLAB_TOKEN is not set: expected a token with the api scope and the Developer role in ${path}`,
        );
      gitlab ??= createGitlabClient({ ...tuning.gitlab, token: env.GITLAB_TOKEN, url: gitlabUrl });
      return createGitlabHost(gitlab, path);
    },
  };
}
