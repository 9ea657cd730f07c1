import type { HandoffMode } from './schema/handoff.js';
import type { CacheConfig, CacheMode, HandoffConfig, PlatformConfig, RegistryConfig } from './schema/index.js';
import type { CiSystem } from './schema/primitives.js';
import type { PlatformId } from './schema/primitives.js';

/** The `os/arch[/variant]` string of a platform entry. */
export function platformIdOf(platform: PlatformConfig): PlatformId {
  return typeof platform === 'string' ? platform : platform.platform;
}

/** Host a registry entry publishes to, or a symbolic `$CI_REGISTRY` for the GitLab registry without host. */
export function registryHostOf(registry: RegistryConfig): string {
  switch (registry.type) {
    case 'ghcr':
      return 'ghcr.io';
    case 'dockerhub':
      return 'docker.io';
    case 'gitlab':
      return registry.host ?? '$CI_REGISTRY';
    case 'generic':
      return registry.host;
  }
}

/** `host/repository` identity used to find duplicate registries (`*` for a defaulted repository). */
export function registryIdentity(registry: RegistryConfig): string {
  return `${registryHostOf(registry)}/${registry.repository ?? '*'}`;
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
