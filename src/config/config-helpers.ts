import type { PlatformConfig, RegistryConfig } from './schema/index.js';
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
