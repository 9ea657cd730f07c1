import { describe, expect, it } from 'vitest';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const HEAD = 'a9fd9ba1ed29e2e6d6fbd8c3b1f2a1f3e3f2c1d0';
const project = {
  CI_PROJECT_NAME: 'api',
  CI_PROJECT_PATH: 'acme/api',
  CI_PROJECT_URL: 'https://gitlab.example/acme/api',
  CI_PROJECT_DESCRIPTION: 'The API',
  CI_DEFAULT_BRANCH: 'main',
  CI_COMMIT_SHA: SHA,
};

describe('contextFromGitlab', () => {
  it.each([
    [
      'branch push',
      { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'feature/x', CI_COMMIT_REF_NAME: 'feature/x' },
      { eventName: 'push', ref: 'refs/heads/feature/x', sha: SHA },
    ],
    [
      'tag push',
      { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: 'v1.2.3', CI_COMMIT_REF_NAME: 'v1.2.3', DOCKYARD_BASE_REF: 'main' },
      { eventName: 'push', ref: 'refs/tags/v1.2.3', baseRef: 'main' },
    ],
    [
      'merge request',
      {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '42',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'fix',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: HEAD,
      },
      {
        eventName: 'pull_request',
        ref: 'refs/pull/42/merge',
        prNumber: 42,
        baseRef: 'main',
        headRef: 'fix',
        prHeadSha: HEAD,
        sha: SHA,
      },
    ],
    [
      'merge request with the PR head sha option',
      {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '42',
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: HEAD,
        DOCKER_METADATA_PR_HEAD_SHA: 'true',
      },
      { sha: HEAD },
    ],
    [
      'schedule',
      { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main' },
      { eventName: 'schedule', ref: 'refs/heads/main' },
    ],
    ['"Run pipeline"', { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_BRANCH: 'main' }, { eventName: 'workflow_dispatch' }],
    [
      'API trigger',
      { CI_PIPELINE_SOURCE: 'trigger', CI_COMMIT_REF_NAME: 'dev' },
      { eventName: 'workflow_dispatch', ref: 'refs/heads/dev' },
    ],
  ])('%s', (_, vars, expected) => {
    expect(contextFromGitlab({ ...project, ...vars })).toMatchObject(expected);
  });

  it('maps project metadata, default branch and commit timestamp', () => {
    const context = contextFromGitlab({
      ...project,
      CI_COMMIT_TIMESTAMP: '2022-04-19T11:04:39+02:00',
      DOCKYARD_PROJECT_LICENSE: 'Apache-2.0',
    });
    expect(context.repo).toEqual({
      name: 'api',
      fullName: 'acme/api',
      description: 'The API',
      url: 'https://gitlab.example/acme/api',
      license: 'Apache-2.0',
      defaultBranch: 'main',
    });
    expect(context.defaultBranch).toBe('main');
    expect(context.commitDate).toBe('2022-04-19T09:04:39.000Z');
  });

  it('ignores empty variables and unparseable timestamps', () => {
    const context = contextFromGitlab({
      CI_PIPELINE_SOURCE: 'push',
      CI_COMMIT_TAG: '',
      CI_COMMIT_BRANCH: 'main',
      CI_COMMIT_TIMESTAMP: 'yesterday',
    });
    expect(context.ref).toBe('refs/heads/main');
    expect(context.commitDate).toBeUndefined();
  });
});
