import { afterAll, beforeAll } from 'vitest';
import { MockGithub } from './mock-github/mock-github-server.js';
import { MockGitlab } from './mock-gitlab/mock-gitlab-server.js';

/**
 * The mock GitHub and GitLab APIs for the test file that calls this (at its top level): started on 127.0.0.1
 * before its tests, stopped after them. The returned objects are usable inside the tests.
 */
export function useMockHosts(): { readonly github: MockGithub; readonly gitlab: MockGitlab } {
  const hosts = { github: new MockGithub(), gitlab: new MockGitlab() };
  beforeAll(async () => {
    await hosts.github.start();
    await hosts.gitlab.start();
  });
  afterAll(async () => {
    await hosts.github.stop();
    await hosts.gitlab.stop();
  });
  return hosts;
}

/** Forget every request, violation, interceptor, repository and project of both mock hosts (before each test). */
export function resetMockHosts(hosts: { readonly github: MockGithub; readonly gitlab: MockGitlab }): void {
  for (const mock of [hosts.github, hosts.gitlab]) {
    mock.requests.length = 0;
    mock.violations.length = 0;
    mock.intercept = undefined;
  }
  hosts.github.repos.clear();
  hosts.gitlab.projects.clear();
}
