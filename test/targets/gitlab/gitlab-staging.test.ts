import { describe, expect, it } from 'vitest';
import { emitGitlabScenario, gitlabJobOf } from '../../support/emit-gitlab-scenario.js';

/* The registry handoff on GitLab (gitlab-staging.ts): the jobs that touch the candidate name the staging repository. */
describe('GitLab emitter: the registry handoff', () => {
  const ci = emitGitlabScenario('registry-handoff-both');
  it.each([
    ['build', 'build'],
    ['test', 'test: [linux/amd64]'],
    ['push', 'push'],
  ])('the %s job names the staging repository', (_, name) => {
    expect(gitlabJobOf(ci, name).variables?.DOCKYARD_STAGING).toBe('$CI_REGISTRY_IMAGE/staging');
  });

  it('hands on only the digest: the archive stays on the runner', () => {
    expect(gitlabJobOf(ci, 'build').artifacts?.exclude).toEqual(['dockyard/*/image.tar']);
  });
});
