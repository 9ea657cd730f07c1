import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { planGithubCache, registryCacheRefPrefix } from '../../../src/targets/github/github-cache.js';
import { resolveGithubRegistries } from '../../../src/targets/github/github-registries.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';

function pipelineWith(registries: unknown[]) {
  const result = validateConfig({
    ci: ['github'],
    image: { name: 'acme/api' },
    cache: 'registry',
    test: { commands: ['true'] },
    ...(registries.length > 0 ? { registries } : {}),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

describe('the GitHub registry cache lives beside the image, not among its tags', () => {
  it.each([
    ['ghcr (native)', [], 'ghcr.io/acme/api/buildcache:'],
    [
      'a generic registry',
      [
        {
          type: 'generic',
          host: 'registry.acme.example:5000',
          repository: 'team/api',
          credentials: { username: 'U', password: 'P' },
        },
      ],
      'registry.acme.example:5000/team/api/buildcache:',
    ],
    [
      'Docker Hub (no nested repositories): a tag of the image repository',
      [{ type: 'dockerhub', repository: 'acme/api' }],
      'docker.io/acme/api:buildcache-',
    ],
  ])('%s', (_, registries, prefix) => {
    const pipeline = pipelineWith(registries);
    const resolved = resolveGithubRegistries(pipeline);
    expect(registryCacheRefPrefix(resolved[0])).toBe(prefix);
    const cache = planGithubCache(pipeline, resolved, true);
    expect(cache.cacheFrom).toBe(`type=registry,ref=${prefix}\${{ matrix.slug }}`);
    expect(cache.cacheTo).toBe(
      `\${{ github.event_name != 'pull_request' && format('type=registry,ref=${prefix}{0},mode=max', matrix.slug) || '' }}`,
    );
    // The read-only use (the test job) reads the same place and writes nothing.
    const readOnly = planGithubCache(pipeline, resolved, false);
    expect(readOnly.cacheFrom).toBe(cache.cacheFrom);
    expect(readOnly).not.toHaveProperty('cacheTo');
  });
});
