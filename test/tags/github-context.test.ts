import { describe, expect, it } from 'vitest';
import { contextFromGithub, readMetaOptionsFromEnv } from '../../src/tags/github-context.js';
import { MetaInputError } from '../../src/tags/meta-error.js';

const MERGE_SHA = 'a9c8c5828b91be19d9728548b24759e352367ef1';
const HEAD_SHA = '3370e228f2209994d57af4427fe64e71bb79ac96';
const REPO = {
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  description: 'This your first repo!',
  html_url: 'https://github.com/octocat/Hello-World',
  default_branch: 'master',
  license: { key: 'mit', spdx_id: 'MIT' },
};

const pushEnv = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/dev', GITHUB_SHA: MERGE_SHA };
const prEvent = {
  number: 15,
  repository: { default_branch: 'master' },
  pull_request: { number: 15, head: { sha: HEAD_SHA, ref: 'test-pr' }, base: { ref: 'master' } },
};

describe('contextFromGithub', () => {
  it('maps a branch push', () => {
    const event = {
      ref: 'refs/heads/dev',
      repository: { default_branch: 'master' },
      head_commit: { id: MERGE_SHA, timestamp: '2022-04-19T11:27:24+02:00' },
    };
    expect(contextFromGithub(pushEnv, event, REPO)).toEqual({
      eventName: 'push',
      ref: 'refs/heads/dev',
      sha: MERGE_SHA,
      defaultBranch: 'master',
      commitDate: '2022-04-19T09:27:24.000Z',
      repo: {
        name: 'Hello-World',
        fullName: 'octocat/Hello-World',
        description: 'This your first repo!',
        url: 'https://github.com/octocat/Hello-World',
        license: 'MIT',
        defaultBranch: 'master',
      },
    });
  });

  it.each([
    [
      'commits entry of the SHA',
      {
        commits: [
          { id: 'other', timestamp: '2021-01-01T00:00:00Z' },
          { id: MERGE_SHA, timestamp: '2022-01-02T03:04:05Z' },
        ],
      },
      '2022-01-02T03:04:05.000Z',
    ],
    [
      'head_commit of the SHA',
      { commits: [], head_commit: { id: MERGE_SHA, timestamp: '2022-01-02T03:04:05-01:00' } },
      '2022-01-02T04:04:05.000Z',
    ],
    ['head_commit of another commit', { head_commit: { id: 'other', timestamp: '2022-01-02T03:04:05Z' } }, undefined],
    ['no commit in the payload', {}, undefined],
  ])('takes the commit date from the %s', (_what, event, commitDate) => {
    expect(contextFromGithub(pushEnv, event, REPO).commitDate).toBe(commitDate);
  });

  it.each([
    ['pull_request', 'refs/pull/15/merge', undefined, MERGE_SHA],
    ['pull_request', 'refs/pull/15/merge', 'true', HEAD_SHA],
    ['pull_request', 'refs/pull/15/merge', 'TRUE', HEAD_SHA],
    ['pull_request', 'refs/pull/15/merge', 'false', MERGE_SHA],
    ['pull_request_target', 'refs/heads/master', 'true', HEAD_SHA],
    ['push', 'refs/heads/master', 'true', MERGE_SHA],
  ])('%s with DOCKER_METADATA_PR_HEAD_SHA=%s uses the right SHA', (eventName, ref, flag, sha) => {
    const env: Record<string, string> = { GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref, GITHUB_SHA: MERGE_SHA };
    if (flag !== undefined) env.DOCKER_METADATA_PR_HEAD_SHA = flag;
    const context = contextFromGithub(env, prEvent, REPO);
    expect(context.sha).toBe(sha);
  });

  it('maps a pull request', () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/15/merge', GITHUB_SHA: MERGE_SHA };
    expect(contextFromGithub(env, prEvent, REPO)).toMatchObject({
      ref: 'refs/pull/15/merge',
      baseRef: 'master',
      headRef: 'test-pr',
      prNumber: 15,
      prHeadSha: HEAD_SHA,
    });
  });

  it('points pull_request_target at the pull request ref, not the base branch', () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REF: 'refs/heads/master', GITHUB_SHA: MERGE_SHA };
    expect(contextFromGithub(env, prEvent, REPO).ref).toBe('refs/pull/15/merge');
  });

  it.each([
    ['refs/tags/v1.1.1', { base_ref: 'refs/heads/release/1.x' }, 'release/1.x'],
    ['refs/tags/v1.1.1', { base_ref: null }, undefined],
    ['refs/heads/dev', { base_ref: 'refs/heads/master' }, undefined],
  ])('base ref of %s with %o is %s', (ref, event, baseRef) => {
    expect(contextFromGithub({ ...pushEnv, GITHUB_REF: ref }, event, REPO).baseRef).toBe(baseRef);
  });

  it('reads the default branch from the payload, not from the repository', () => {
    const event = { repository: { default_branch: 'trunk' } };
    const context = contextFromGithub(pushEnv, event, REPO);
    expect(context.defaultBranch).toBe('trunk');
    expect(context.repo.defaultBranch).toBe('master');
    expect(contextFromGithub(pushEnv, {}, REPO).defaultBranch).toBeUndefined();
  });

  it('accepts a license given as an SPDX id and a null description', () => {
    const repo = { ...REPO, license: 'Apache-2.0', description: null };
    expect(contextFromGithub(pushEnv, {}, repo).repo).toMatchObject({ license: 'Apache-2.0', description: '' });
  });

  it('derives the repository from the environment without repository data', () => {
    const env = { ...pushEnv, GITHUB_REPOSITORY: 'acme/app', GITHUB_SERVER_URL: 'https://ghe.example.com/' };
    expect(contextFromGithub(env, { repository: { default_branch: 'main' } }).repo).toEqual({
      name: 'app',
      fullName: 'acme/app',
      description: '',
      url: 'https://ghe.example.com/acme/app',
      license: '',
      defaultBranch: 'main',
    });
  });

  it('maps an empty environment to an empty event', () => {
    expect(contextFromGithub({}, {})).toMatchObject({ eventName: '', ref: '', sha: '' });
  });
});

describe('readMetaOptionsFromEnv', () => {
  it.each([
    [{}, {}],
    [{ DOCKER_METADATA_SHORT_SHA_LENGTH: '12' }, { shortShaLength: 12 }],
    [{ DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest, index' }, { annotationLevels: ['manifest', 'index'] }],
  ])('%o → %o', (env, options) => {
    expect(readMetaOptionsFromEnv(env)).toEqual(options);
  });

  it.each(['abc', '0', '-3', '7.5'])('rejects DOCKER_METADATA_SHORT_SHA_LENGTH=%s', (value) => {
    expect(() => readMetaOptionsFromEnv({ DOCKER_METADATA_SHORT_SHA_LENGTH: value })).toThrow(MetaInputError);
    expect(() => readMetaOptionsFromEnv({ DOCKER_METADATA_SHORT_SHA_LENGTH: value })).toThrow(
      'is not a positive integer',
    );
  });
});
