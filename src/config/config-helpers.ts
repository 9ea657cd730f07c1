import type { HandoffMode } from './schema/handoff.js';
import type { CacheConfig, CacheMode, HandoffConfig, PlatformConfig, RegistryConfig } from './schema/index.js';
import type { CiSystem } from './schema/primitives.js';
import { isGitlabRegistry, type RegistryType } from './schema/registry.js';
import type { PlatformId } from './schema/primitives.js';

/** The `os/arch[/variant]` string of a platform entry. */
export function platformIdOf(platform: PlatformConfig): PlatformId {
  return typeof platform === 'string' ? platform : platform.platform;
}

/**
 * A CI system's own registry (`CiTarget.ownRegistry`): the registry kind whose default login that CI system
 * provides, where `native` publishes, and the host an entry of that kind without a `host` is reached at there.
 */
export interface OwnRegistry {
  /** The config's registry kind of it: `ghcr` (GitHub) or `gitlab` (GitLab). */
  readonly type: RegistryType;
  /** Its host as the pipeline writes it: `ghcr.io`, or GitLab CI's run-time `$CI_REGISTRY` (a variable jobs expand). */
  readonly host: string;
}

/** The host of the GitLab registry outside GitLab CI when the config names none: GitLab.com's registry. */
export const GITLAB_COM_REGISTRY_HOST = 'registry.gitlab.com';

/**
 * The host a GitLab registry entry (`type: "gitlab"`) is reached at on one CI system: the configured `host`;
 * without one, the CI system's own registry host when that is the GitLab registry (GitLab CI: the run-time
 * `$CI_REGISTRY`, the instance's registry, set in every job), elsewhere `registry.gitlab.com` (there is no GitLab
 * variable to read; the GitHub target asks for a host anyway). The one place this is decided: the validator's
 * duplicate and handoff checks and both targets' registries use it (through {@link registryHostOf}).
 *
 * @param host the entry's `host`, if any (lower case, optional `:port`, as the schema checks it).
 * @param own the own registry of the CI system whose pipeline logs in and pushes (`targetOf(ci).ownRegistry`).
 * @returns a host name, or the literal `$CI_REGISTRY` for the GitLab CI shell and `image:` keys to expand.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (`CI_REGISTRY`)
 * @see ../../docs/registries.md
 */
export function gitlabRegistryHostOn(host: string | undefined, own: OwnRegistry): string {
  return host ?? (isGitlabRegistry(own) ? own.host : GITLAB_COM_REGISTRY_HOST);
}

/** The fields of a registry entry that decide its host: `type`, and `host` where the kind has one. */
export type RegistryHostFields = RegistryConfig extends infer R
  ? R extends RegistryConfig
    ? Pick<R, Extract<keyof R, 'type' | 'host'>>
    : never
  : never;

/**
 * The host a registry entry publishes to on one CI system (`ghcr.io`, `docker.io`, the GitLab registry's host as
 * {@link gitlabRegistryHostOn} decides it, or a generic entry's `host`).
 *
 * @param own the own registry of that CI system (`targetOf(ci).ownRegistry`).
 */
export function registryHostOf(registry: RegistryHostFields, own: OwnRegistry): string {
  if (isGitlabRegistry(registry)) return gitlabRegistryHostOn(registry.host, own);
  switch (registry.type) {
    case 'ghcr':
      return 'ghcr.io';
    case 'dockerhub':
      return 'docker.io';
    case 'generic':
      return registry.host;
  }
}

/**
 * `host/repository` identity on one CI system, used to find duplicate registries (`*` for a defaulted repository).
 *
 * @param own the own registry of that CI system (`targetOf(ci).ownRegistry`).
 */
export function registryIdentity(registry: RegistryConfig, own: OwnRegistry): string {
  return `${registryHostOf(registry, own)}/${registry.repository ?? '*'}`;
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
