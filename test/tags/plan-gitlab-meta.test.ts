import { describe, expect, it } from 'vitest';
import { planGitlabMeta } from '../../src/tags/plan-gitlab-meta.js';

const SHA = '90dd6039b7c3ec6f4a8b3e1d5fd0f6bd8a1c2e3f';
const BRANCH_PUSH = {
  CI_PIPELINE_SOURCE: 'push',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
  CI_COMMIT_SHA: SHA,
  DOCKYARD_META_IMAGES: 'registry.example/acme/api',
};
const NOW = new Date('2026-11-22T10:00:00Z');

describe('planGitlabMeta', () => {
  it.each([
    {
      name: 'default paths, branch tag',
      argv: [],
      env: BRANCH_PUSH,
      paths: ['dockyard/meta.env', 'dockyard/meta.json'],
      dotenv: 'DOCKYARD_TAGS=registry.example/acme/api:main\n',
      log: ['version: main', 'tags:\n  registry.example/acme/api:main'],
    },
    {
      name: 'paths from the arguments, extra arguments ignored',
      argv: ['out/a.env', 'out/b.json', 'ignored'],
      env: BRANCH_PUSH,
      paths: ['out/a.env', 'out/b.json'],
      dotenv: 'DOCKYARD_VERSION=main\n',
      log: ['version: main'],
    },
    {
      name: 'no images: bare tags',
      argv: [],
      env: { ...BRANCH_PUSH, DOCKYARD_META_IMAGES: '' },
      paths: ['dockyard/meta.env', 'dockyard/meta.json'],
      dotenv: 'DOCKYARD_TAGS=main\n',
      log: ['version: main', 'tags:\n  main'],
    },
    {
      name: 'undefined entries ignored, tag lines split on newlines',
      argv: [],
      env: { ...BRANCH_PUSH, CI_COMMIT_TAG: undefined, DOCKYARD_META_TAGS: 'type=sha\n\n type=ref,event=branch ' },
      paths: ['dockyard/meta.env', 'dockyard/meta.json'],
      dotenv: `DOCKYARD_TAGS=registry.example/acme/api:main\\nregistry.example/acme/api:sha-${SHA.slice(0, 7)}\n`,
      log: ['version: main'],
    },
  ])('$name', ({ argv, env, paths, dotenv, log }) => {
    const run = planGitlabMeta(argv, env, NOW);
    expect(run.files.map((file) => file.path)).toEqual(paths);
    expect(run.files[0]!.text).toContain(dotenv);
    expect(JSON.parse(run.files[1]!.text)).toMatchObject({ version: { main: expect.any(String) } });
    expect(run.files[1]!.text.endsWith('}\n')).toBe(true);
    for (const line of log) expect(run.log).toContain(line);
  });

  it.each([
    {
      name: 'SOURCE_DATE_EPOCH (seconds) wins over the clock',
      epoch: '1700000000',
      created: '2023-11-14T22:13:20.000Z',
    },
    { name: 'a blank SOURCE_DATE_EPOCH means now', epoch: ' ', created: NOW.toISOString() },
  ])('$name', ({ epoch, created }) => {
    const run = planGitlabMeta([], { ...BRANCH_PUSH, SOURCE_DATE_EPOCH: epoch }, NOW);
    expect(run.files[0]!.text).toContain(`org.opencontainers.image.created=${created}`);
  });

  it('logs the warnings last, each prefixed', () => {
    const run = planGitlabMeta([], { ...BRANCH_PUSH, DOCKYARD_META_TAGS: 'type=semver,pattern={{version}}' }, NOW);
    const first = run.log.findIndex((line) => line.startsWith('warning: '));
    expect(first).toBeGreaterThan(1);
    expect(run.log.slice(first).every((line) => line.startsWith('warning: '))).toBe(true);
  });

  it.each([
    { name: 'an unknown tag type', env: { DOCKYARD_META_TAGS: 'type=nope' }, message: /nope/ },
    {
      name: 'a bad short SHA length',
      env: { DOCKER_METADATA_SHORT_SHA_LENGTH: '0' },
      message: /DOCKER_METADATA_SHORT_SHA_LENGTH is not a positive integer/,
    },
  ])('throws for $name, naming it', ({ env, message }) => {
    expect(() => planGitlabMeta([], { ...BRANCH_PUSH, ...env }, NOW)).toThrow(message);
  });
});
