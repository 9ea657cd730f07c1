/**
 * The config rules of the GitHub target beyond its capability tables: registries whose credentials GitHub Actions
 * does not provide, and where a reusable workflow and its caller may live.
 */
import { posix } from 'node:path';
import { credentialsOf } from '../../config/config-helpers.js';
import { describeValue, type ConfigIssue, configIssue as issue } from '../../config/format-issues.js';
import type { DockyardConfig } from '../../config/schema/index.js';
import { DEFAULT_REUSABLE_NAME } from '../reusable-name.js';

/**
 * A `type: 'gitlab'` registry on GitHub needs its host, repository and credentials: the `CI_REGISTRY_*` variables
 * exist only in GitLab jobs.
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
function checkGithubRegistries(config: DockyardConfig): ConfigIssue[] {
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

/**
 * In reusable mode the caller must sit directly in `.github/workflows/` (GitHub finds reusable workflows only there,
 * no subdirectories) and the reusable workflow (`<name>.yml`) must not overwrite it.
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows#creating-a-reusable-workflow
 */
function checkGithubReusable(config: DockyardConfig): ConfigIssue[] {
  const { output } = config;
  if (output.mode !== 'reusable') return [];
  const name = output.reusable?.name ?? DEFAULT_REUSABLE_NAME;
  const out: ConfigIssue[] = [];
  if (posix.dirname(posix.normalize(output.github)) !== '.github/workflows')
    out.push(
      issue(
        'output.github',
        'a reusable workflow and its caller must be directly in .github/workflows/ (GitHub finds reusable workflows only there)',
        'a path like ".github/workflows/image.yml"',
        output.github,
      ),
    );
  if (posix.basename(output.github) === `${name}.yml`)
    out.push(
      issue(
        'output.reusable.name',
        `the reusable workflow ${name}.yml would overwrite the caller ${output.github}`,
        'a name different from the caller file name',
        name,
      ),
    );
  return out;
}

/** Every config rule of the GitHub target: its registries, then its reusable output. */
export function checkGithubConfig(config: DockyardConfig): ConfigIssue[] {
  return [...checkGithubRegistries(config), ...checkGithubReusable(config)];
}
