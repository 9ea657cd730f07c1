import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { renderGitlabTagsScript } from '../../../src/emit/gitlab/gitlab-tags-script.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { findExecutable } from '../../../src/validate/run-process.js';

const SHELLS = [['dash'], ['busybox', 'sh']].filter(([cmd]) => findExecutable(cmd) !== undefined);

function strategyOf(tags: unknown[], flavor?: Record<string, unknown>) {
  const result = validateConfig({ ci: ['gitlab'], image: { name: 'a/b' }, test: { commands: ['true'] }, tags, ...(flavor ? { flavor } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config).tags;
}

function runScript(shell: string[], script: string, env: Record<string, string>): string[] {
  const run = spawnSync(shell[0], [...shell.slice(1), '-euc', `${script}\nprintf '%s' "$DOCKYARD_TAG_LIST"`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${shell.join(' ')} failed: ${run.stderr}`);
  return run.stdout.split(' ').filter(Boolean);
}

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const DEFAULT_TAGS = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}', 'type=ref,event=branch', 'type=ref,event=pr', 'type=sha'];

const CASES: Array<{ name: string; tags?: unknown[]; flavor?: Record<string, unknown>; env: Record<string, string>; expected: string[] }> = [
  { name: 'push to main', env: { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: SHA }, expected: ['main', 'sha-860c190'] },
  { name: 'branch with a slash is sanitised', env: { CI_COMMIT_BRANCH: 'feature/Login_v2', CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: SHA }, expected: ['feature-Login_v2', 'sha-860c190'] },
  { name: 'release tag gets version, major.minor and latest', env: { CI_COMMIT_TAG: 'v1.2.3', CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: SHA }, expected: ['1.2.3', '1.2', 'sha-860c190', 'latest'] },
  { name: 'pre-release tag never gets latest or major.minor', env: { CI_COMMIT_TAG: 'v2.0.0-rc.1', CI_PIPELINE_SOURCE: 'push', CI_COMMIT_SHA: SHA }, expected: ['2.0.0-rc.1', 'sha-860c190'] },
  { name: 'build metadata is dropped from the version', env: { CI_COMMIT_TAG: 'v1.2.3+build.7', CI_COMMIT_SHA: SHA }, expected: ['1.2.3', '1.2', 'sha-860c190', 'latest'] },
  { name: 'non-semver tag produces no semver tags', env: { CI_COMMIT_TAG: 'release-2024', CI_COMMIT_SHA: SHA }, expected: ['sha-860c190'] },
  { name: 'merge request', env: { CI_MERGE_REQUEST_IID: '42', CI_PIPELINE_SOURCE: 'merge_request_event', CI_COMMIT_SHA: SHA }, expected: ['pr-42', 'sha-860c190'] },
  {
    name: 'ref tag with latest=auto, long sha, custom prefix',
    tags: ['type=ref,event=tag', 'type=sha,format=long,prefix=git-'],
    env: { CI_COMMIT_TAG: 'v3', CI_COMMIT_SHA: SHA },
    expected: ['v3', `git-${SHA}`, 'latest'],
  },
  {
    name: 'raw tag only on the default branch, edge, schedule',
    tags: ['type=schedule', 'type=edge', 'type=raw,value=stable,enable={{is_default_branch}}'],
    env: { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_SHA: SHA },
    expected: ['nightly', 'edge', 'stable'],
  },
  {
    name: 'raw tag disabled off the default branch',
    tags: ['type=raw,value=stable,enable={{is_default_branch}}', 'type=raw,value=preview,enable={{is_not_default_branch}}'],
    env: { CI_COMMIT_BRANCH: 'dev', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: SHA },
    expected: ['preview'],
  },
  {
    name: 'flavor prefix and suffix, onlatest',
    tags: ['type=semver,pattern={{version}}', 'type=ref,event=branch'],
    flavor: { prefix: 'api-', suffix: '-alpine', onlatest: true },
    env: { CI_COMMIT_TAG: 'v1.0.0', CI_COMMIT_SHA: SHA },
    expected: ['api-1.0.0-alpine', 'api-latest-alpine'],
  },
  {
    name: 'priority reorders tags; latest=false',
    tags: ['type=sha,priority=1000', 'type=semver,pattern={{raw}}'],
    flavor: { latest: false },
    env: { CI_COMMIT_TAG: 'v1.0.0', CI_COMMIT_SHA: SHA },
    expected: ['sha-860c190', 'v1.0.0'],
  },
  {
    name: 'latest=auto decided by the first tag by priority (a branch tag: no latest)',
    tags: ['type=ref,event=branch,priority=2000', 'type=semver,pattern={{version}}'],
    env: { CI_COMMIT_BRANCH: 'main', CI_COMMIT_SHA: SHA },
    expected: ['main'],
  },
];

describe.skipIf(SHELLS.length === 0)('GitLab tags script', () => {
  describe.each(SHELLS.map((s) => [s.join(' '), s] as const))('in %s', (_, shell) => {
    it.each(CASES)('$name', ({ tags, flavor, env, expected }) => {
      const script = renderGitlabTagsScript(strategyOf(tags ?? DEFAULT_TAGS, flavor));
      expect(runScript(shell, script, env)).toEqual(expected);
    });
  });
});

it('has dash and busybox sh to run the tags script in (installed by .ci/run)', () => {
  expect(SHELLS.map((s) => s[0])).toEqual(['dash', 'busybox']);
});
