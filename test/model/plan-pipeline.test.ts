import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { stagingRefOf } from '../../src/model/pipeline.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';

function plan(patch: Record<string, unknown> = {}) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

describe('planPipeline', () => {
  it('orders jobs by trust: metadata → build → test, scan → push → manifest', () => {
    const jobs = plan().jobs.map((j) => [j.id, j.needs, j.stage]);
    expect(jobs).toEqual([
      ['metadata', [], 'verify'],
      ['build', ['metadata'], 'verify'],
      ['test', ['build'], 'verify'],
      ['scan', ['build'], 'verify'],
      ['push', ['build', 'test', 'scan'], 'publish'],
      ['manifest', ['metadata', 'push'], 'publish'],
    ]);
  });

  it.each([
    ['registry', { contents: 'read', packages: 'write' }],
    ['gha', { contents: 'read' }],
    ['none', { contents: 'read' }],
  ])('grants the build job packages: write only when it writes a registry cache (%s)', (cache, permissions) => {
    expect(plan({ cache, ci: ['github'] }).jobs[1].permissions).toEqual(permissions);
  });

  it('verify jobs never get write permissions', () => {
    for (const job of plan().jobs.filter((j) => j.id === 'test' || j.id === 'scan'))
      expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('a test stage build reads the registry cache with read-only access', () => {
    const test = plan({ image: { name: 'a/b', target: 'prod' }, test: { target: 'test' } }).jobs[2];
    expect(test.permissions).toEqual({ contents: 'read', packages: 'read' });
    expect(test.logsInTo).toEqual([0]);
  });

  it("keeps the config's strategy and per-CI runners on each platform, for the targets to map", () => {
    const [platform] = plan({
      platforms: [
        { platform: 'linux/arm/v7', strategy: 'native', runner: { github: 'self-hosted-armv7', gitlab: 'armv7' } },
      ],
    }).platforms;
    expect(platform).toEqual({
      platform: 'linux/arm/v7',
      slug: 'linux-arm-v7',
      strategy: 'native',
      runners: { github: 'self-hosted-armv7', gitlab: 'armv7' },
    });
  });

  it.each([
    [['linux/amd64', 'linux/arm64'], undefined, ['linux/amd64']],
    [['linux/arm64', 'linux/arm/v7'], undefined, ['linux/arm64']],
    [
      ['linux/amd64', 'linux/arm64'],
      ['linux/amd64', 'linux/arm64'],
      ['linux/amd64', 'linux/arm64'],
    ],
  ])('tests %j on %j → %j', (platforms, testPlatforms, expected) => {
    const test = plan({
      platforms,
      test: { commands: ['true'], ...(testPlatforms ? { platforms: testPlatforms } : {}) },
    }).jobs.find((j) => j.id === 'test');
    expect(test?.platforms).toEqual(expected);
  });

  it('uses the CI system’s own registry when none is configured', () => {
    expect(plan().registries).toEqual([{ type: 'native' }]);
  });

  it('derives the Dockerfile from the context and normalises paths', () => {
    expect(plan({ image: { name: 'a/b', context: './svc/api/' } }).image).toMatchObject({
      context: 'svc/api',
      dockerfile: 'svc/api/Dockerfile',
    });
  });
});

describe('planPipeline: handoff', () => {
  const jobOf = (pipeline: ReturnType<typeof plan>, id: string) => pipeline.jobs.find((j) => j.id === id)!;

  it('hands the archive on by default: no job touches a staging repository', () => {
    const pipeline = plan();
    expect(pipeline.handoff).toEqual({ mode: 'artifact' });
    expect(pipeline.jobs.map((j) => j.staging)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(pipeline.artifacts.find((a) => a.id === 'candidate')?.description).toContain('OCI archive');
  });

  it('registry: build pushes to the staging repository in the first registry, test, scan and push pull from it, manifest does not use it', () => {
    const pipeline = plan({
      ci: ['github'],
      handoff: 'registry',
      cache: 'none',
      registries: [{ type: 'ghcr' }, { type: 'dockerhub' }],
    });
    expect(pipeline.handoff).toEqual({ mode: 'registry', staging: { registry: 0 } });
    expect(pipeline.jobs.map((j) => [j.id, j.staging, j.logsInTo])).toEqual([
      ['metadata', undefined, []],
      ['build', 'push', [0]],
      ['test', 'pull', [0]],
      ['scan', 'pull', [0]],
      ['push', 'pull', [0, 1]],
      ['manifest', undefined, [0, 1]],
    ]);
    expect(pipeline.artifacts.find((a) => a.id === 'candidate')?.description).toBe(
      'manifest digest of the candidate pushed, untagged, to the staging repository',
    );
  });

  it('keeps a named staging repository', () => {
    expect(plan({ handoff: { mode: 'registry', staging: { repository: 'acme/candidates' } } }).handoff).toEqual({
      mode: 'registry',
      staging: { registry: 0, repository: 'acme/candidates' },
    });
  });

  it.each([
    ['the native registry', undefined, 'none', ['write', 'read', 'read']],
    ['ghcr with GITHUB_TOKEN', [{ type: 'ghcr' }], 'none', ['write', 'read', 'read']],
    [
      'ghcr with a PAT',
      [{ type: 'ghcr', credentials: { username: 'U', password: 'P' } }],
      'none',
      [undefined, undefined, undefined],
    ],
    [
      'a generic registry',
      [{ type: 'generic', host: 'reg.example', credentials: { username: 'U', password: 'P' } }],
      'none',
      [undefined, undefined, undefined],
    ],
    [
      'a generic registry with the registry cache',
      [{ type: 'generic', host: 'reg.example', credentials: { username: 'U', password: 'P' } }],
      'registry',
      ['write', undefined, undefined],
    ],
  ])('staging on %s: GitHub packages permission of build, test, scan', (_, registries, cache, [build, test, scan]) => {
    const pipeline = plan({ ci: ['github'], handoff: 'registry', cache, ...(registries ? { registries } : {}) });
    expect(['build', 'test', 'scan'].map((id) => jobOf(pipeline, id).permissions.packages)).toEqual([
      build,
      test,
      scan,
    ]);
    expect(['build', 'test', 'scan'].map((id) => jobOf(pipeline, id).permissions.contents)).toEqual([
      'read',
      'read',
      'read',
    ]);
  });

  it.each([
    [{ registry: 0 }, { ref: 'ghcr.io/acme/api', host: 'ghcr.io' }, 'ghcr.io/acme/api/staging'],
    [{ registry: 0 }, { ref: '$CI_REGISTRY_IMAGE', host: '$CI_REGISTRY' }, '$CI_REGISTRY_IMAGE/staging'],
    [
      { registry: 0, repository: 'acme/api-staging' },
      { ref: 'docker.io/acme/api', host: 'docker.io' },
      'docker.io/acme/api-staging',
    ],
    [
      { registry: 0, repository: 'group/project/candidates' },
      { ref: '$CI_REGISTRY_IMAGE', host: '$CI_REGISTRY' },
      '$CI_REGISTRY/group/project/candidates',
    ],
  ])('stagingRefOf(%j, %j) is %s', (staging, registry, ref) => {
    expect(stagingRefOf(staging, registry)).toBe(ref);
  });
});
