import { describe, expect, it } from 'vitest';
import { gitlabRegistryHostOn, registryHostOf, registryIdentity } from '../../src/config/config-helpers.js';
import type { RegistryConfig } from '../../src/config/schema/index.js';
import { hasPerCiCredentials, isGitlabRegistry } from '../../src/config/schema/registry.js';
import { resolveGithubRegistry } from '../../src/targets/github/github-registries.js';
import { resolveGitlabRegistry } from '../../src/targets/gitlab/gitlab-registries.js';
import type { RegistryTarget } from '../../src/model/pipeline.js';
import { targetOf } from '../../src/targets/registry.js';

const CREDS = { username: 'GL_USER', password: 'GL_TOKEN' };

describe('gitlabRegistryHostOn', () => {
  it.each([
    { host: undefined, ci: 'gitlab', expected: '$CI_REGISTRY' },
    { host: undefined, ci: 'github', expected: 'registry.gitlab.com' },
    { host: 'registry.gitlab.com', ci: 'gitlab', expected: 'registry.gitlab.com' },
    { host: 'registry.gitlab.example:5050', ci: 'gitlab', expected: 'registry.gitlab.example:5050' },
    { host: 'registry.gitlab.example:5050', ci: 'github', expected: 'registry.gitlab.example:5050' },
  ] as const)('host $host on $ci → $expected', ({ host, ci, expected }) => {
    const own = targetOf(ci).ownRegistry;
    expect(gitlabRegistryHostOn(host, own)).toBe(expected);
    const registry = { type: 'gitlab', ...(host ? { host } : {}) } as RegistryConfig;
    expect(registryHostOf(registry, own)).toBe(expected);
    expect(registryIdentity(registry, own)).toBe(`${expected}/*`);
  });

  it.each([
    { host: undefined, ci: 'gitlab', ref: '$CI_REGISTRY_IMAGE' },
    { host: 'registry.gitlab.example', ci: 'gitlab', ref: 'registry.gitlab.example/acme/api' },
    { host: undefined, ci: 'github', ref: 'registry.gitlab.com/acme/api' },
    { host: 'registry.gitlab.example', ci: 'github', ref: 'registry.gitlab.example/acme/api' },
  ] as const)('the $ci emitter logs in to the same host (host $host; image $ref)', ({ host, ci, ref }) => {
    const registry = { type: 'gitlab', credentials: CREDS, ...(host ? { host } : {}) } as RegistryTarget;
    const resolved =
      ci === 'gitlab' ? resolveGitlabRegistry(registry, 'acme/api') : resolveGithubRegistry(registry, 'acme/api');
    expect(resolved.host).toBe(gitlabRegistryHostOn(host, targetOf(ci).ownRegistry));
    expect(resolved.ref).toBe(ref);
  });
});

describe('registryHostOf', () => {
  it.each([
    { registry: { type: 'ghcr' }, host: 'ghcr.io' },
    { registry: { type: 'dockerhub', credentials: CREDS }, host: 'docker.io' },
    { registry: { type: 'generic', host: 'harbor.acme.example', credentials: CREDS }, host: 'harbor.acme.example' },
  ])('$registry.type → $host on either CI system', ({ registry, host }) => {
    for (const ci of ['github', 'gitlab'] as const)
      expect(registryHostOf(registry as RegistryConfig, targetOf(ci).ownRegistry)).toBe(host);
  });
});

describe('the own registry of each target', () => {
  it.each([
    { ci: 'github', own: { type: 'ghcr', host: 'ghcr.io' } },
    { ci: 'gitlab', own: { type: 'gitlab', host: '$CI_REGISTRY' } },
  ] as const)('$ci: $own.type at $own.host, the host its emitter logs in to for native', ({ ci, own }) => {
    expect(targetOf(ci).ownRegistry).toEqual(own);
    const native = { type: 'native' } as RegistryTarget;
    const resolved =
      ci === 'gitlab' ? resolveGitlabRegistry(native, 'acme/api') : resolveGithubRegistry(native, 'acme/api');
    expect(resolved.host).toBe(own.host);
  });
});

describe('registry kind predicates', () => {
  it.each([
    { type: 'ghcr', perCi: true, gitlab: false },
    { type: 'dockerhub', perCi: false, gitlab: false },
    { type: 'gitlab', perCi: true, gitlab: true },
    { type: 'generic', perCi: false, gitlab: false },
    { type: 'native', perCi: false, gitlab: false },
  ])('$type: per-CI credentials $perCi, GitLab registry $gitlab', ({ type, perCi, gitlab }) => {
    expect(hasPerCiCredentials({ type })).toBe(perCi);
    expect(isGitlabRegistry({ type })).toBe(gitlab);
  });
});
