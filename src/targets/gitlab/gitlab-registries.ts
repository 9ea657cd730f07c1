import { gitlabRegistryHostOn, type OwnRegistry } from '../../config/config-helpers.js';
import type { Pipeline, RegistryTarget } from '../../model/pipeline.js';

/** A registry resolved for GitLab CI: image reference and login variables. */
export interface GitlabRegistry {
  /** Image reference, possibly with CI/CD variables, e.g. `$CI_REGISTRY_IMAGE` or `docker.io/acme/api`. */
  readonly ref: string;
  /** Registry host (possibly `$CI_REGISTRY`). */
  readonly host: string;
  /** Names of the CI/CD variables holding username and password. */
  readonly usernameVar: string;
  readonly passwordVar: string;
}

/** The host of the GitLab registry when a GitLab CI job does not name one: GitLab's predefined variable. */
export const GITLAB_CI_REGISTRY_HOST = '$CI_REGISTRY';

/**
 * GitLab's own registry: the project's container registry at `$CI_REGISTRY`, logged in to with
 * `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD` (`CiTarget.ownRegistry`).
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export const GITLAB_OWN_REGISTRY: OwnRegistry = { type: 'gitlab', host: GITLAB_CI_REGISTRY_HOST };

/**
 * Resolve a registry for GitLab CI. `native` and `gitlab` use the predefined `CI_REGISTRY*` variables; the
 * validator has already rejected ghcr without credentials.
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function resolveGitlabRegistry(registry: RegistryTarget, imageName: string): GitlabRegistry {
  switch (registry.type) {
    case 'native':
    case 'gitlab': {
      const creds = registry.type === 'gitlab' ? registry.credentials : undefined;
      const host = gitlabRegistryHostOn(registry.type === 'gitlab' ? registry.host : undefined, GITLAB_OWN_REGISTRY);
      const repository = registry.type === 'gitlab' ? registry.repository : undefined;
      return {
        ref: repository
          ? `${host}/${repository}`
          : host === GITLAB_CI_REGISTRY_HOST
            ? '$CI_REGISTRY_IMAGE'
            : `${host}/${imageName}`,
        host,
        usernameVar: creds?.username ?? 'CI_REGISTRY_USER',
        passwordVar: creds?.password ?? 'CI_REGISTRY_PASSWORD',
      };
    }
    case 'ghcr':
    case 'dockerhub':
    case 'generic': {
      const host = registry.type === 'ghcr' ? 'ghcr.io' : registry.type === 'dockerhub' ? 'docker.io' : registry.host;
      const creds = registry.credentials ?? { username: 'GHCR_USERNAME', password: 'GHCR_TOKEN' };
      return {
        ref: `${host}/${registry.repository ?? imageName}`,
        host,
        usernameVar: creds.username,
        passwordVar: creds.password,
      };
    }
  }
}

/** All registries of the pipeline resolved for GitLab. */
export function resolveGitlabRegistries(pipeline: Pipeline): GitlabRegistry[] {
  return pipeline.registries.map((r) => resolveGitlabRegistry(r, pipeline.image.name));
}

/**
 * Shell lines logging `tool` (buildah, skopeo or cosign, whose `login` is crane's) in to each registry, the password piped through stdin.
 * With `optional`, a registry whose password variable is unset (e.g. a protected variable on an unprotected
 * branch) is skipped instead of failing the job: used for reading a build cache.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-login.1.md
 */
export function loginScript(
  tool: 'buildah' | 'skopeo' | 'cosign',
  registries: readonly GitlabRegistry[],
  optional = false,
): string[] {
  return registries.map((r) => {
    const login = `printf '%s' "$${r.passwordVar}" | ${tool} login --username "$${r.usernameVar}" --password-stdin "${r.host}"`;
    return optional ? `if [ -n "\${${r.passwordVar}:-}" ]; then ${login}; fi` : login;
  });
}
