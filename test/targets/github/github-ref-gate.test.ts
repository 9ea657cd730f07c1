import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TriggerSpec } from '../../../src/model/pipeline.js';
import {
  checkRefPublishesStep,
  githubFilterPatternToRegex,
  githubPublishRefsRegex,
} from '../../../src/targets/github/github-ref-gate.js';
import { matchesGithubPattern } from '../../support/github-filter-match.js';

/** Run the metadata job's ref check with sh, as the runner does, and read its `publishes` output. */
function runRefCheck(triggers: TriggerSpec, ref: string): string {
  const step = checkRefPublishesStep(triggers);
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-ref-gate-'));
  try {
    const output = join(dir, 'output');
    execFileSync('sh', ['-eu', '-c', step.run ?? ''], {
      env: { PATH: process.env.PATH, ...step.env, GITHUB_REF: ref, GITHUB_OUTPUT: output },
      stdio: 'pipe',
    });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TRIGGERS: TriggerSpec = {
  branches: ['main', 'release/*', 'hotfix/**'],
  tags: ['v*.*.*', 'api-v?.*'],
  pullRequests: true,
  schedules: [],
  manual: true,
  paths: [],
};

describe('githubFilterPatternToRegex (GitHub filter pattern cheat sheet)', () => {
  // Examples from https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
  it.each<[string, string[], string[]]>([
    ['feature/*', ['feature/my-branch', 'feature/your-branch'], ['feature/a/b', 'feature']],
    ['feature/**', ['feature/beta-a/my-branch', 'feature/your-branch', 'feature/mona/the/octocat'], ['features/x']],
    ['main', ['main'], ['main2', 'xmain', 'releases/mona-the-octocat']],
    ['*', ['main', 'releases'], ['releases/10', 'feature/x']],
    ['**', ['all/the/branches', 'every/tag'], []],
    ['*feature', ['mona-feature', 'feature', 'ver-10-feature'], ['feature/x']],
    ['v2*', ['v2', 'v2.0', 'v2.9'], ['v1.0', 'v2/x']],
    ['v1.+', ['v1.', 'v1..'], ['v1']],
    ['api-v?.*', ['api-v.1', 'api-.1'], ['api-v1.2', 'api-vv.1']],
    ['**/README', ['README', 'docs/README', 'a/b/README'], ['READMEx']],
  ])('%s', (pattern, matches, misses) => {
    const regex = new RegExp(githubFilterPatternToRegex(pattern));
    for (const name of matches) expect(regex.test(name), `${pattern} should match ${name}`).toBe(true);
    for (const name of misses) expect(regex.test(name), `${pattern} should not match ${name}`).toBe(false);
  });

  it('joins branches and tags under their ref prefixes', () => {
    expect(githubPublishRefsRegex(TRIGGERS)).toBe(
      '^refs/heads/(main|release/[^/]*|hotfix/.*)$|^refs/tags/(v[^/]*\\.[^/]*\\.[^/]*|api-v?\\.[^/]*)$',
    );
    expect(githubPublishRefsRegex({ ...TRIGGERS, branches: [], tags: [] })).toBeUndefined();
  });
});

describe('checkRefPublishesStep (run with sh and grep -E)', () => {
  it.each<[string, TriggerSpec, string, boolean]>([
    ['a configured branch', TRIGGERS, 'refs/heads/main', true],
    ['a branch under release/', TRIGGERS, 'refs/heads/release/1.x', true],
    ['a nested branch under release/ (* stops at /)', TRIGGERS, 'refs/heads/release/1/x', false],
    ['a nested hotfix branch (** crosses /)', TRIGGERS, 'refs/heads/hotfix/a/b', true],
    ['an unconfigured branch', TRIGGERS, 'refs/heads/feature/login', false],
    ['a branch named like a tag', TRIGGERS, 'refs/heads/v1.2.3', false],
    ['a matching tag', TRIGGERS, 'refs/tags/v1.2.3', true],
    ['a tag that does not match', TRIGGERS, 'refs/tags/v1', false],
    ['a tag named like a branch', TRIGGERS, 'refs/tags/main', false],
    ['a pull request merge ref', TRIGGERS, 'refs/pull/7/merge', false],
    ['nothing configured', { ...TRIGGERS, branches: [], tags: [] }, 'refs/heads/main', false],
  ])('%s: %s', (_, triggers, ref, publishes) => {
    expect(runRefCheck(triggers, ref)).toBe(`publishes=${publishes}\n`);
    const regex = githubPublishRefsRegex(triggers);
    expect(regex !== undefined && new RegExp(regex).test(ref)).toBe(publishes);
  });
});

describe("the regex and the event table's independent matcher (test/support/github-filter-match.ts) agree", () => {
  const patterns = ['main', 'release/*', 'release/**', '**/x', 'v*', 'v*.*.*', 'api-v?.*', 'v1.+', '*', '**', 'a?b+c*'];
  const names = [
    'main',
    'release/1',
    'release/1/2',
    'x',
    'a/x',
    'v1',
    'v1.2.3',
    'v1/2',
    'api-v.1',
    'api-.1',
    'api-v1.2',
    'v1.',
    'v1..',
    'abc',
    'bbbc',
    'abbcdd',
    'ac',
    '',
  ];
  it.each(patterns)('%s', (pattern) => {
    const regex = new RegExp(githubFilterPatternToRegex(pattern));
    expect(names.filter((n) => regex.test(n))).toEqual(names.filter((n) => matchesGithubPattern(pattern, n)));
  });
});
