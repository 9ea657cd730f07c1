/**
 * The config rules of the GitLab target beyond its capability tables: what buildah's registry cache and GitLab's
 * CI/CD variables cannot provide.
 */
import { cacheModeOf, cachePathOf, credentialsOf, handoffOf } from '../../config/config-helpers.js';
import { posix } from 'node:path';
import { type ConfigIssue, configIssue as issue } from '../../config/format-issues.js';
import type { DockyardConfig } from '../../config/schema/index.js';

/**
 * - The registry cache with Docker Hub as the first registry: buildah keeps the cache in a repository of its own
 *   (`<repository>/buildcache-<platform>`), and Docker Hub has no nested repositories.
 * - ghcr without credentials: `GITHUB_TOKEN` exists only in GitHub Actions.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md (--cache-to: a repository)
 */
function checkGitlabRegistries(config: DockyardConfig): ConfigIssue[] {
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

/**
 * The GitLab `container_scanning` report (`scan.report`) needs Trivy (Grype has no GitLab security report format)
 * and the candidate archive (with the registry handoff only the digest travels between jobs).
 *
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscontainer_scanning
 */
function checkGitlabScanReport(config: DockyardConfig): ConfigIssue[] {
  if (!config.scan.report) return [];
  const out: ConfigIssue[] = [];
  if (handoffOf(config.handoff).mode === 'registry')
    out.push(
      issue(
        'scan.report',
        'the GitLab container_scanning report is not supported with handoff "registry" yet: it reads the candidate archive, and with the registry handoff only the digest travels between jobs',
        'handoff "artifact", report false, or ci without "gitlab"',
        config.scan.report,
      ),
    );
  if (config.scan.scanner === 'grype')
    out.push(
      issue(
        'scan.report',
        'the container_scanning report with scanner "grype" is not supported on GitLab: Grype has no GitLab security report format (Trivy ships one)',
        'scanner "trivy", report false, or ci without "gitlab"',
        config.scan.report,
      ),
    );
  return out;
}

/** In reusable mode the including pipeline must not be inside `templates/`: GitLab publishes every file there as a component. */
function checkGitlabReusable(config: DockyardConfig): ConfigIssue[] {
  const { output } = config;
  if (output.mode !== 'reusable' || !posix.normalize(output.gitlab).startsWith('templates/')) return [];
  return [
    issue(
      'output.gitlab',
      'the caller must not be inside templates/: every file there is published as a component',
      'a path outside templates/, e.g. ".gitlab-ci.yml"',
      output.gitlab,
    ),
  ];
}

/** Every config rule of the GitLab target: registries and cache, the scan report, the reusable output. */
export function checkGitlabConfig(config: DockyardConfig): ConfigIssue[] {
  return [...checkGitlabRegistries(config), ...checkGitlabScanReport(config), ...checkGitlabReusable(config)];
}
