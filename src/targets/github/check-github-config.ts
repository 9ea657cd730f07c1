/**
 * The config rules of the GitHub target beyond its capability tables: registries whose credentials GitHub Actions
 * does not provide.
 */
import { credentialsOf } from '../../config/config-helpers.js';
import { describeValue, type ConfigIssue } from '../../config/format-issues.js';
import type { DockyardConfig } from '../../config/schema/index.js';

/**
 * A `type: 'gitlab'` registry on GitHub needs its host, repository and credentials: the `CI_REGISTRY_*` variables
 * exist only in GitLab jobs.
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function checkGithubConfig(config: DockyardConfig): ConfigIssue[] {
  return (config.registries ?? []).flatMap((registry, i): ConfigIssue[] =>
    registry.type === 'gitlab' &&
    (!credentialsOf(registry.credentials, 'github') || !registry.host || !registry.repository)
      ? [
          {
            path: `registries[${i}]`,
            problem:
              'the GitLab registry needs host, repository and credentials on GitHub: CI_REGISTRY_* variables are not supported on GitHub',
            expected:
              '{ type: "gitlab", host: "registry.gitlab.com", repository: "group/project", credentials: { username, password } } (or credentials: { github: { username, password } } to keep CI_REGISTRY_* on GitLab)',
            received: describeValue(registry),
            severity: 'error',
          },
        ]
      : [],
  );
}
