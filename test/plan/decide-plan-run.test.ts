import { describe, expect, it } from 'vitest';
import type { TriggerSpec } from '../../src/model/pipeline.js';
import { decidePlanRun, type PlanRunDecision } from '../../src/plan/decide-plan-run.js';
import { matchesGithubFilter } from '../../src/targets/github/match-github-filter.js';

/** The triggers of a typical service: publish main and release branches, v* tags, PRs, a nightly rebuild, manual runs. */
const SERVICE: TriggerSpec = {
  branches: ['main', 'release/*'],
  tags: ['v*'],
  pullRequests: true,
  schedules: ['0 3 * * 1'],
  manual: true,
};
const MINIMAL: TriggerSpec = { branches: ['main'], tags: [], pullRequests: false, schedules: [], manual: false };
const TAGS_ONLY: TriggerSpec = {
  branches: [],
  tags: ['v*.*.*'],
  pullRequests: true,
  schedules: [],
  manual: false,
  dispatch: { eventType: 'dockyard-build' },
};

type Row = [string, TriggerSpec, 'github' | 'gitlab', string, string, PlanRunDecision, string?];
const run = (reason: string): PlanRunDecision => ({ runs: true, published: true, reason });
const verify = (reason: string): PlanRunDecision => ({ runs: true, published: false, reason });
const skip = (reason: string): PlanRunDecision => ({ runs: false, published: false, reason });

describe('decidePlanRun', () => {
  it.each<Row>([
    [
      'feature branch push',
      SERVICE,
      'github',
      'push',
      'refs/heads/feature-x',
      skip(
        'refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push',
      ),
    ],
    [
      'feature branch push (GitLab)',
      SERVICE,
      'gitlab',
      'push',
      'refs/heads/feature-x',
      skip(
        'refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push',
      ),
    ],
    ['main push', SERVICE, 'github', 'push', 'refs/heads/main', run('refs/heads/main is a publishing branch')],
    [
      'release branch push',
      SERVICE,
      'gitlab',
      'push',
      'refs/heads/release/1.x',
      run('refs/heads/release/1.x is a publishing branch'),
    ],
    [
      'release/* is one segment',
      SERVICE,
      'github',
      'push',
      'refs/heads/release/1.x/hotfix',
      skip(
        'refs/heads/release/1.x/hotfix is not a publishing branch (main, release/*); the pipeline does not run for this push',
      ),
    ],
    ['tag push', SERVICE, 'github', 'push', 'refs/tags/v1.2.3', run('refs/tags/v1.2.3 is a publishing tag')],
    [
      'non-matching tag',
      SERVICE,
      'github',
      'push',
      'refs/tags/nightly',
      skip('refs/tags/nightly is not a publishing tag (v*); the pipeline does not run for this push'),
    ],
    [
      'no tags configured',
      MINIMAL,
      'github',
      'push',
      'refs/tags/v1.0.0',
      skip('refs/tags/v1.0.0 is not a publishing tag (none configured); the pipeline does not run for this push'),
    ],
    [
      'tags only: a branch push does not run',
      TAGS_ONLY,
      'github',
      'push',
      'refs/heads/main',
      skip('refs/heads/main is not a publishing branch (none configured); the pipeline does not run for this push'),
    ],
    [
      'pull request to main',
      SERVICE,
      'github',
      'pull_request',
      'refs/pull/7/merge',
      verify('the publish stage does not run for pull requests'),
    ],
    [
      'merge request to main',
      SERVICE,
      'gitlab',
      'pull_request',
      'refs/pull/7/merge',
      verify('the publish stage does not run for merge requests'),
    ],
    [
      'pull request to develop',
      SERVICE,
      'github',
      'pull_request',
      'refs/pull/7/merge',
      skip('pull requests targeting develop do not run the pipeline (only those targeting main, release/*)'),
      'develop',
    ],
    [
      'pull requests off',
      MINIMAL,
      'github',
      'pull_request',
      'refs/pull/7/merge',
      skip('pull requests do not run the pipeline (triggers.pullRequests is false)'),
    ],
    [
      'pull requests with no branch filter',
      TAGS_ONLY,
      'github',
      'pull_request',
      'refs/pull/7/merge',
      verify('the publish stage does not run for pull requests'),
    ],
    [
      'schedule on the default branch',
      SERVICE,
      'github',
      'schedule',
      'refs/heads/main',
      run('scheduled runs publish like a branch push'),
    ],
    [
      'GitHub schedule elsewhere',
      SERVICE,
      'github',
      'schedule',
      'refs/heads/release/1.x',
      skip('scheduled GitHub workflows run only on the default branch (refs/heads/main), not refs/heads/release/1.x'),
    ],
    [
      'GitLab schedule on any branch',
      SERVICE,
      'gitlab',
      'schedule',
      'refs/heads/release/1.x',
      run('scheduled runs publish like a branch push'),
    ],
    [
      'no schedule',
      MINIMAL,
      'github',
      'schedule',
      'refs/heads/main',
      skip('no schedule is configured (triggers.schedule), so no scheduled pipeline runs'),
    ],
    [
      'manual run on a feature branch',
      SERVICE,
      'github',
      'workflow_dispatch',
      'refs/heads/feature-x',
      run('manual runs publish unless started with push=false'),
    ],
    [
      'manual runs off',
      MINIMAL,
      'gitlab',
      'workflow_dispatch',
      'refs/heads/main',
      skip('manual runs are off (triggers.manual is false)'),
    ],
    [
      'dispatch',
      TAGS_ONLY,
      'github',
      'repository_dispatch',
      'refs/heads/main',
      run('dispatched runs publish unless started with push=false'),
    ],
    [
      'dispatch off',
      SERVICE,
      'github',
      'repository_dispatch',
      'refs/heads/main',
      skip('external triggers are off (triggers.dispatch is not set)'),
    ],
  ])('%s', (_name, triggers, ci, event, ref, expected, baseBranch) => {
    expect(
      decidePlanRun(triggers, ci, { event, ref, defaultBranch: 'main', ...(baseBranch ? { baseBranch } : {}) }),
    ).toEqual(expected);
  });

  it('follows the default branch it is given (trunk), not main', () => {
    const trunk: TriggerSpec = { ...SERVICE, branches: ['trunk'] };
    expect(
      decidePlanRun(trunk, 'github', { event: 'schedule', ref: 'refs/heads/trunk', defaultBranch: 'trunk' }).published,
    ).toBe(true);
    expect(
      decidePlanRun(trunk, 'github', { event: 'schedule', ref: 'refs/heads/main', defaultBranch: 'trunk' }).runs,
    ).toBe(false);
    expect(
      decidePlanRun(trunk, 'github', { event: 'pull_request', ref: 'refs/pull/1/merge', defaultBranch: 'trunk' }).runs,
    ).toBe(true);
  });
});

describe('matchesGithubFilter (the filter pattern cheat sheet)', () => {
  it.each([
    ['main', 'main', true],
    ['main', 'mainline', false],
    ['release/*', 'release/1.x', true],
    ['release/*', 'release/1.x/rc', false],
    ['release/**', 'release/1.x/rc', true],
    ['v*', 'v1.2.3', true],
    ['v*.*.*', 'v1.2.3', true],
    ['v*.*.*', 'v1.2', false],
    ['v2*', 'v2', true],
    ['*', 'feature/x', false],
    ['**', 'feature/x', true],
    ['v1.?', 'v1.', true],
    ['v1.?', 'v1', true],
    ['v1.0+', 'v1.000', true],
    ['v1.0+', 'v1.', false],
    ['?', '?', true],
  ])('%s ~ %s → %s', (pattern, name, expected) => {
    expect(matchesGithubFilter(pattern, name)).toBe(expected);
  });
});
