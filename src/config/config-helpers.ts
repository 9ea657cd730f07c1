import type { HandoffMode } from './schema/handoff.js';
import type { CacheConfig, CacheMode, HandoffConfig, PlatformConfig, RegistryConfig } from './schema/index.js';
import type { CiSystem } from './schema/primitives.js';
import type { PlatformId } from './schema/primitives.js';

/** The `os/arch[/variant]` string of a platform entry. */
export function platformIdOf(platform: PlatformConfig): PlatformId {
  return typeof platform === 'string' ? platform : platform.platform;
}

/** The host of the GitLab registry when a GitLab CI job does not name one: GitLab's predefined variable. */
export const GITLAB_CI_REGISTRY_HOST = '$CI_REGISTRY';

/** The host of the GitLab registry outside GitLab CI when the config names none: GitLab.com's registry. */
export const GITLAB_COM_REGISTRY_HOST = 'registry.gitlab.com';

/**
 * The host a `type: 'gitlab'` registry entry is reached at on one CI system: the configured `host`; without one,
 * on GitLab CI the run-time `$CI_REGISTRY` (the instance's registry, set in every job), elsewhere
 * `registry.gitlab.com` (there is no GitLab variable to read; the validator asks for a host on GitHub anyway).
 * The one place this is decided: the validator's duplicate and handoff checks and both emitters use it.
 *
 * @param host the entry's `host`, if any (lower case, optional `:port`, as the schema checks it).
 * @param ci the CI system whose pipeline logs in and pushes.
 * @returns a host name, or the literal `$CI_REGISTRY` for the GitLab CI shell and `image:` keys to expand.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (`CI_REGISTRY`)
 * @see ../../docs/registries.md
 */
export function gitlabRegistryHostOn(host: string | undefined, ci: CiSystem): string {
  return host ?? (ci === 'gitlab' ? GITLAB_CI_REGISTRY_HOST : GITLAB_COM_REGISTRY_HOST);
}

/**
 * The host a registry entry publishes to on one CI system (`ghcr.io`, `docker.io`, the GitLab registry's host as
 * {@link gitlabRegistryHostOn} decides it, or a generic entry's `host`).
 */
export function registryHostOf(registry: RegistryConfig, ci: CiSystem): string {
  switch (registry.type) {
    case 'ghcr':
      return 'ghcr.io';
    case 'dockerhub':
      return 'docker.io';
    case 'gitlab':
      return gitlabRegistryHostOn(registry.host, ci);
    case 'generic':
      return registry.host;
  }
}

/** `host/repository` identity on one CI system, used to find duplicate registries (`*` for a defaulted repository). */
export function registryIdentity(registry: RegistryConfig, ci: CiSystem): string {
  return `${registryHostOf(registry, ci)}/${registry.repository ?? '*'}`;
}

/**
 * The cache mode of one CI system: the config's one mode, or its entry for `ci` (`registry` when left out).
 *
 * @example `cacheModeOf({ github: 'gha' }, 'gitlab')` → `'registry'`
 */
export function cacheModeOf(cache: CacheConfig, ci: CiSystem): CacheMode {
  return typeof cache === 'string' ? cache : (cache[ci] ?? 'registry');
}

/**
 * The credentials of a registry on one CI system: the config's `{ username, password }`, or its entry for `ci` in
 * the per-CI form; undefined for the registry's default login on that CI system.
 */
export function credentialsOf(
  credentials:
    | { username: string; password: string }
    | { github?: { username: string; password: string }; gitlab?: { username: string; password: string } }
    | undefined,
  ci: CiSystem,
): { username: string; password: string } | undefined {
  if (credentials === undefined) return undefined;
  return 'username' in credentials ? credentials : credentials[ci];
}

/** The config path of the cache mode of `ci`: `cache`, or `cache.<ci>` for a mode per CI system. */
export function cachePathOf(cache: CacheConfig, ci: CiSystem): string {
  return typeof cache === 'string' ? 'cache' : `cache.${ci}`;
}

/** A validated `handoff` in its object form: the mode, and the staging repository if one was named. */
export interface HandoffSetting {
  readonly mode: HandoffMode;
  readonly staging?: { readonly repository?: string };
}

/** The `handoff` of a config in its object form (`"registry"` → `{ mode: "registry" }`). */
export function handoffOf(handoff: HandoffConfig): HandoffSetting {
  return typeof handoff === 'string' ? { mode: handoff } : handoff;
}
