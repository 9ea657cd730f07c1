import { describe, expect, it } from 'vitest';
import { emitGitlabScenario, gitlabJobOf } from '../../support/emit-gitlab-scenario.js';

/* Which GitLab jobs select a runner by tag (gitlab-runners.ts): those that build or run the candidate, when the platforms need different runners. */
describe('GitLab emitter: runner tags', () => {
  it.each([
    ['one runner tag for every platform: no tags', 'minimal-gitlab', 'build', undefined],
    ['a platform on its own runner: one tag per matrix entry', 'full-both', 'build', ['$DOCKYARD_RUNNER_TAG']],
    ['the test job of a platform runs on its runner', 'full-both', 'test: [linux/amd64]', ['saas-linux-small-amd64']],
    ['a scan runs on any runner', 'full-both', 'scan: [linux/arm64]', undefined],
  ])('%s', (_, scenario, name, tags) => {
    expect(gitlabJobOf(emitGitlabScenario(scenario), name).tags).toEqual(tags);
  });

  it("the matrix entry of a platform with its own runner names that runner's tag", () => {
    const parallel = gitlabJobOf(emitGitlabScenario('full-both'), 'build').parallel;
    expect(typeof parallel === 'object' && parallel.matrix.map((e) => e.DOCKYARD_RUNNER_TAG)).toEqual([
      'saas-linux-small-amd64',
      'arm64-large',
      'saas-linux-small-amd64',
    ]);
  });
});
