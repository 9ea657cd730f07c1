import { describe, expect, it } from 'vitest';
import { gitlabRegistryHostOn, registryHostOf, registryIdentity } from '../../src/config/config-helpers.js';
import type { RegistryConfig } from '../../src/config/schema/index.js';
import { resolveGithubRegistry } from '../../src/targets/github/github-registries.js';
import { resolveGitlabRegistry } from '../../src/targets/gitlab/gitlab-registries.js';
import type { RegistryTarget } from '../../src/model/pipeline.js';

const CREDS = { username: 'GL_USER', password: 'GL_TOKEN' };

describe('gitlabRegistryHostOn', () => {
  it.each([
    { host: undefined, ci: 'gitlab', expected: '$CI_REGISTRY' },
    { host: undefined, ci: 'github', expected: 'registry.gitlab.com' },
    { host: 'registry.gitlab.com', ci: 'gitlab', expected: 'registry.gitlab.com' },
    { host: 'registry.gitlab.example:5050', ci: 'gitlab', expected: 'registry.gitlab.example:5050' },
    { host: 'registry.gitlab.example:5050', ci: 'github', expected: 'registry.gitlab.example:5050' },
  ] as const)('host $host on $ci → $expected', ({ host, ci, expected }) => {
    expect(gitlabRegistryHostOn(host, ci)).toBe(expected);
    const registry = { type: 'gitlab', ...(host ? { host } : {}) } as RegistryConfig;
    expect(registryHostOf(registry, ci)).toBe(expected);
    expect(registryIdentity(registry, ci)).toBe(`${expected}/*`);
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
    expect(resolved.host).toBe(gitlabRegistryHostOn(host, ci));
    expect(resolved.ref).toBe(ref);
  });
});

describe('registryHostOf', () => {
  it.each([
    { registry: { type: 'ghcr' }, host: 'ghcr.io' },
    { registry: { type: 'dockerhub', credentials: CREDS }, host: 'docker.io' },
    { registry: { type: 'generic', host: 'harbor.acme.example', credentials: CREDS }, host: 'harbor.acme.example' },
  ])('$registry.type → $host on either CI system', ({ registry, host }) => {
    for (const ci of ['github', 'gitlab'] as const) expect(registryHostOf(registry as RegistryConfig, ci)).toBe(host);
  });
});
