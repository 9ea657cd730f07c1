import { type OwnRegistry, registryHostOf } from '../../config/config-helpers.js';
import type { Pipeline, RegistryTarget } from '../../model/pipeline.js';
import { useAction, type UsesStep } from './action-pins.js';

/** A registry resolved for GitHub Actions: image reference and login inputs. */
export interface GithubRegistry {
  /** `host/repository`, e.g. `ghcr.io/acme/api`. */
  readonly ref: string;
  readonly host: string;
  readonly username: string;
  readonly password: string;
}

/**
 * GitHub's own registry: ghcr, logged in to with `GITHUB_TOKEN` (`CiTarget.ownRegistry`).
 *
 * @see https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry
 */
export const GITHUB_OWN_REGISTRY: OwnRegistry = { type: 'ghcr', host: 'ghcr.io' };

/**
 * Resolve a registry for GitHub Actions. `native` and `ghcr` log in with `GITHUB_TOKEN` unless credentials
 * are given; the validator has already rejected the GitLab registry without host and credentials.
 *
 * @see https://docs.github.com/packages/managing-github-packages-using-github-actions-workflows/publishing-and-installing-a-package-with-github-actions
 */
export function resolveGithubRegistry(registry: RegistryTarget, imageName: string): GithubRegistry {
  const repository = ('repository' in registry && registry.repository) || imageName;
  const secret = (name: string) => `\${{ secrets.${name} }}`;
  switch (registry.type) {
    case 'native':
    case 'ghcr':
      return {
        ref: `ghcr.io/${repository}`,
        host: 'ghcr.io',
        username:
          registry.type === 'ghcr' && registry.credentials
            ? secret(registry.credentials.username)
            : '${{ github.actor }}',
        password:
          registry.type === 'ghcr' && registry.credentials
            ? secret(registry.credentials.password)
            : '${{ secrets.GITHUB_TOKEN }}',
      };
    case 'dockerhub':
      return {
        ref: `docker.io/${repository}`,
        host: 'docker.io',
        username: secret(registry.credentials.username),
        password: secret(registry.credentials.password),
      };
    case 'gitlab':
    case 'generic': {
      const host = registryHostOf(registry, GITHUB_OWN_REGISTRY);
      const creds = registry.credentials ?? { username: 'CI_REGISTRY_USER', password: 'CI_REGISTRY_PASSWORD' };
      return { ref: `${host}/${repository}`, host, username: secret(creds.username), password: secret(creds.password) };
    }
  }
}

/** All registries of the pipeline resolved for GitHub. */
export function resolveGithubRegistries(pipeline: Pipeline): GithubRegistry[] {
  return pipeline.registries.map((r) => resolveGithubRegistry(r, pipeline.image.name));
}

/**
 * docker/login-action steps for the given registries (password never echoed; the action pipes it to
 * `docker login --password-stdin`).
 *
 * @see https://github.com/docker/login-action#usage
 */
export function loginSteps(registries: readonly GithubRegistry[], condition?: string): UsesStep[] {
  return registries.map((r) =>
    useAction(
      'login',
      `Log in to ${r.host}`,
      { registry: r.host, username: r.username, password: r.password },
      condition ? { if: condition } : {},
    ),
  );
}
