/**
 * The config rules of the GitLab target beyond its capability tables: what buildah's registry cache and GitLab's
 * CI/CD variables cannot provide.
 */
import { cacheModeOf, cachePathOf, credentialsOf } from '../../config/config-helpers.js';
import { describeValue, type ConfigIssue } from '../../config/format-issues.js';
import type { DockyardConfig } from '../../config/schema/index.js';

function issue(path: string, problem: string, expected: string, got: unknown): ConfigIssue {
  return { path, problem, expected, received: describeValue(got), severity: 'error' };
}

/**
 * - The registry cache with Docker Hub as the first registry: buildah keeps the cache in a repository of its own
 *   (`<repository>/buildcache-<platform>`), and Docker Hub has no nested repositories.
 * - ghcr without credentials: `GITHUB_TOKEN` exists only in GitHub Actions.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md (--cache-to: a repository)
 */
export function checkGitlabConfig(config: DockyardConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const cache = cacheModeOf(config.cache, 'gitlab');
  const first = config.registries?.[0];
  if (cache === 'registry' && first?.type === 'dockerhub') {
    out.push(
      issue(
        cachePathOf(config.cache, 'gitlab'),
        `cache mode "registry" with Docker Hub as the first registry is not supported on GitLab: buildah keeps the cache in a repository of its own (${first.repository ?? config.image.name}/buildcache-<platform>), and Docker Hub has no nested repositories`,
        'cache "local" or "none", or a first registry other than Docker Hub (the registry cache lives in the first one)',
        cache,
      ),
    );
  }
  (config.registries ?? []).forEach((registry, i) => {
    if (registry.type === 'ghcr' && !credentialsOf(registry.credentials, 'gitlab'))
      out.push(
        issue(
          `registries[${i}]`,
          'ghcr needs credentials on GitLab: GITHUB_TOKEN is not supported on GitLab',
          'credentials: { username, password } naming GitLab CI/CD variables (a GitHub PAT with write:packages), or credentials: { gitlab: { username, password } } to keep GITHUB_TOKEN on GitHub',
          registry,
        ),
      );
  });
  return out;
}
