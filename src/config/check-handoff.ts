import { handoffOf, registryHostOf } from './config-helpers.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig, RegistryConfig } from './schema/index.js';
import { isGitlabRegistry } from './schema/registry.js';
import { targetOf } from '../targets/registry.js';

/**
 * Rules of `handoff` the schema cannot express: a staging repository only with mode `registry`; a staging
 * repository that can exist (Docker Hub has no nested repositories, so its default `<repository>/staging` cannot);
 * and one that differs from every repository the image is published to (published platform manifests are
 * untagged too, so a cleanup of untagged manifests in a shared repository would delete them). Pure.
 *
 * @see https://docs.docker.com/docker-hub/repos/create/
 */
export function checkHandoff(config: DockyardConfig): ConfigIssue[] {
  const handoff = handoffOf(config.handoff);
  if (handoff.mode === 'artifact') {
    return handoff.staging === undefined
      ? []
      : [
          issue(
            'handoff.staging',
            'a staging repository is used only by handoff mode "registry"',
            'mode "registry", or no staging',
            handoff.staging,
          ),
        ];
  }
  const first = config.registries?.[0];
  const repository = handoff.staging?.repository;
  if (repository === undefined) {
    return first?.type === 'dockerhub'
      ? [
          issue(
            'handoff.staging.repository',
            `Docker Hub has no nested repositories, so the default staging repository ${first.repository ?? config.image.name}/staging cannot exist`,
            'a Docker Hub repository of its own for the untagged candidates, e.g. "acme/api-staging"',
            undefined,
          ),
        ]
      : [];
  }
  const published = publishedRepositoriesOnHostOf(config, first);
  return published.includes(repository)
    ? [
        issue(
          'handoff.staging.repository',
          `the staging repository must not be a repository the image is published to (${repository}): its untagged candidates would mix with the published images, and a cleanup of untagged manifests would delete published platform images`,
          'a repository of its own, e.g. the default "<repository>/staging"',
          repository,
        ),
      ]
    : [];
}

/** Repository paths the image is published to on the staging registry's host, where they are known at synth time. */
function publishedRepositoriesOnHostOf(config: DockyardConfig, first: RegistryConfig | undefined): string[] {
  // Without registries, each CI system publishes to its own registry (native), as an entry of that kind without host
  // or repository would: ghcr.io/<image.name> on GitHub; GitLab's $CI_REGISTRY_IMAGE is not known here.
  if (first === undefined)
    return config.ci.some((ci) => !defaultsToProjectPath({ type: targetOf(ci).ownRegistry.type }))
      ? [config.image.name]
      : [];
  // The hosts are compared on each CI system the config targets (the GitLab registry's host depends on it).
  const published = config.ci.flatMap((ci) => {
    const own = targetOf(ci).ownRegistry;
    return (config.registries ?? [])
      .filter((r) => registryHostOf(r, own) === registryHostOf(first, own))
      .flatMap((r) =>
        r.repository !== undefined ? [r.repository] : defaultsToProjectPath(r) ? [] : [config.image.name],
      );
  });
  return [...new Set(published)];
}

/**
 * Whether a registry without `repository` publishes to a path only known at run time: the GitLab registry without
 * `host` (`$CI_REGISTRY_IMAGE`, the project path) rather than `image.name`.
 */
function defaultsToProjectPath(registry: { readonly type: string; readonly host?: string }): boolean {
  return isGitlabRegistry(registry) && registry.host === undefined;
}
