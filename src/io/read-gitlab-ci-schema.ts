import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * GitLab's CI/CD JSON Schema (`ci.json` of gitlab-org/gitlab, MIT), shipped in the package as
 * `schema/gitlab-ci.json` (source, commit and license in `schema/gitlab-ci.SOURCE.md`): what `dockyard validate`
 * checks GitLab files with when neither gitlab-ci-local nor GitLab's CI Lint API is available.
 *
 * @throws {Error} when the file is missing from the installation (a broken package).
 * @see https://gitlab.com/gitlab-org/gitlab/-/blob/master/app/assets/javascripts/editor/schema/ci.json
 */
export function readGitlabCiSchema(): object {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL('../../schema/gitlab-ci.json', import.meta.url)), 'utf8'),
  ) as object;
}
