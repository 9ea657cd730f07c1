import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { readDefaultBranch } from '../../src/io/read-default-branch.js';
import { captureOutput } from '../support/capture-output.js';

/** A project whose triggers publish only main and release/* (as in the issue), in a clone whose default branch is trunk. */
const root = mkdtempSync(join(tmpdir(), 'dockyard-plan-triggers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CONFIG = {
  ci: ['github', 'gitlab'],
  image: { name: 'acme/api' },
  test: { commands: ['true'] },
  triggers: { branches: ['trunk', 'main', 'release/*'], tags: ['v*'], schedule: [{ cron: '0 3 * * 1' }] },
};

function project(name: string, originHead?: string): string {
  const dir = join(root, name);
  execFileSync('git', ['init', '-q', dir]);
  if (originHead)
    execFileSync('git', ['-C', dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', `refs/remotes/origin/${originHead}`]);
  writeFileSync(
    join(dir, 'dockyard.config.json'),
    JSON.stringify({
      ...CONFIG,
      triggers: { ...CONFIG.triggers, branches: name === 'plain' ? ['main', 'release/*'] : CONFIG.triggers.branches },
    }),
  );
  return dir;
}
const cloned = project('cloned', 'trunk');
const plain = project('plain');

async function plan(dir: string, ...args: string[]) {
  const io = captureOutput();
  const code = await runCli(['plan', '--dir', dir, ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('dockyard plan follows the triggers and the default branch', () => {
  it.each([
    [
      'a feature branch is not published',
      plain,
      ['--event', 'push', '--ref', 'refs/heads/feature-x'],
      'not published: refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push',
    ],
    [
      'a release branch is',
      plain,
      ['--event', 'push', '--ref', 'refs/heads/release/2.0'],
      'published to ghcr.io/acme/api: refs/heads/release/2.0 is a publishing branch',
    ],
    [
      'a tag outside v*',
      plain,
      ['--event', 'push', '--ref', 'refs/tags/nightly'],
      'not published: refs/tags/nightly is not a publishing tag (v*); the pipeline does not run for this push',
    ],
    [
      'GitLab: a feature branch',
      plain,
      ['--ci', 'gitlab', '--event', 'push', '--ref', 'refs/heads/feature-x'],
      'not published: refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push',
    ],
    [
      'GitLab: main, on a protected branch',
      plain,
      ['--ci', 'gitlab', '--event', 'push', '--ref', 'refs/heads/main'],
      'published to $CI_REGISTRY_IMAGE (on a protected branch or tag; on an unprotected one the unprotected-ref job fails the pipeline instead): refs/heads/main is a publishing branch',
    ],
    [
      'a pull request',
      plain,
      ['--event', 'pull_request'],
      'not published: the publish stage does not run for pull requests',
    ],
    [
      "the schedule on git's default branch (trunk)",
      cloned,
      ['--event', 'schedule'],
      'published to ghcr.io/acme/api: scheduled runs publish like a branch push',
    ],
    [
      'the schedule on main when the default branch is trunk',
      cloned,
      ['--event', 'schedule', '--ref', 'refs/heads/main'],
      'not published: scheduled GitHub workflows run only on the default branch (refs/heads/trunk), not refs/heads/main',
    ],
    [
      '--default-branch over git',
      cloned,
      ['--event', 'schedule', '--ref', 'refs/heads/main', '--default-branch', 'main'],
      'published to ghcr.io/acme/api: scheduled runs publish like a branch push',
    ],
  ])('%s', async (_name, dir, args, line) => {
    const { code, stdout } = await plan(dir, ...args);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toContain(`  ${line}`);
  });

  it('says which default branch it took when git has none', async () => {
    const { code, stderr } = await plan(plain, '--event', 'push', '--ref', 'refs/heads/main');
    expect(code).toBe(0);
    expect(stderr).toBe(
      'dockyard plan: --default-branch: no refs/remotes/origin/HEAD in git to read it from; took main',
    );
    expect((await plan(cloned, '--event', 'push')).stderr).toBe('');
  });

  it('--json carries runs, published and the reason', async () => {
    const { stdout } = await plan(plain, '--json', '--event', 'push', '--ref', 'refs/heads/feature-x');
    expect(JSON.parse(stdout).tags).toMatchObject({
      runs: false,
      published: false,
      reason:
        'refs/heads/feature-x is not a publishing branch (main, release/*); the pipeline does not run for this push',
    });
  });
});

describe('readDefaultBranch', () => {
  it.each([
    ['origin/HEAD → trunk', cloned, 'trunk'],
    ['no origin/HEAD', plain, undefined],
    ['not a repository', root, undefined],
  ])('%s', async (_name, dir, expected) => {
    expect(await readDefaultBranch(dir)).toBe(expected);
  });

  it('a branch with slashes', async () => {
    const dir = project('slashes', 'release/main');
    expect(await readDefaultBranch(dir)).toBe('release/main');
  });
});
