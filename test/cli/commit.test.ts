import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommit } from '../../src/cli/commands/commit.js';
import type { CommitOptions } from '../../src/cli/commands/commit-args.js';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';

const CONFIG = `export default { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };\n`;
const GH = '.github/workflows/dockyard.yml';
const GL = '.gitlab-ci.yml';
const HELPER = '.gitlab/dockyard-meta.mjs';

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const commits = () => Number(git('rev-list', '--count', 'HEAD'));
const filesOf = (rev: string) => git('show', '--name-only', '--format=', rev).split('\n').filter(Boolean).sort();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-commit-'));
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Ada Lovelace');
  git('config', 'user.email', 'ada@example.com');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'dockyard.config.mjs'), CONFIG);
  writeFileSync(join(dir, 'README.md'), '# api\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'initial');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function commit(options: Partial<CommitOptions> = {}) {
  const io = captureOutput();
  const code = await runCommit({ dir, ...options }, io);
  return { code, io };
}

describe('dockyard commit (real git repositories)', () => {
  it('commits exactly the generated files, leaves other staged work staged, and a second run commits nothing', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'work in progress\n');
    git('add', 'notes.txt');
    const { code, io } = await commit();
    expect(code).toBe(0);
    expect(io.stdout.at(-1)).toMatch(new RegExp(`^committed [0-9a-f]{12}: ${GH}, ${GL}, ${HELPER}$`));
    expect(filesOf('HEAD')).toEqual([GH, GL, HELPER].sort());
    expect(git('log', '-1', '--format=%s%n%an')).toBe('ci: regenerate pipelines with dockyard\nAda Lovelace');
    expect(git('diff', '--cached', '--name-only')).toBe('notes.txt');
    expect(git('status', '--porcelain', '--', GH, GL, HELPER)).toBe('');
    const count = commits();
    const again = await commit();
    expect(again.code).toBe(0);
    expect(again.io.stdout).toEqual(['nothing to commit: HEAD already has the generated files']);
    expect(commits()).toBe(count);
  });

  it('after a config change commits only the file that changed, with -m as the message', async () => {
    await commit();
    writeFileSync(
      join(dir, 'dockyard.config.mjs'),
      CONFIG.replace("ci: ['github', 'gitlab']", "ci: ['github', 'gitlab'], platforms: ['linux/amd64', 'linux/arm64']"),
    );
    const { code } = await commit({ message: 'ci: build arm64 too' });
    expect(code).toBe(0);
    expect(filesOf('HEAD')).toEqual([GH, GL].sort());
    expect(git('log', '-1', '--format=%s')).toBe('ci: build arm64 too');
  });

  it('refuses, writing nothing, when a generated file has unrelated staged changes', async () => {
    await commit();
    writeFileSync(join(dir, 'dockyard.config.mjs'), CONFIG.replace("['true']", "['/bin/selftest']"));
    writeFileSync(join(dir, GL), `${readFileSync(join(dir, GL), 'utf8')}# my local tweak\n`);
    git('add', GL);
    const staged = readFileSync(join(dir, GH), 'utf8');
    const count = commits();
    const { code, io } = await commit({ force: true });
    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      `refused ${GL}: has staged changes that are not what dockyard generates; commit or unstage them first (git restore --staged ${GL})`,
      'Nothing was written or committed.',
    ]);
    expect(readFileSync(join(dir, GH), 'utf8')).toBe(staged);
    expect(commits()).toBe(count);
  });

  it('refuses a hand-edited generated file unless --force, and a staged earlier dockyard output is fine', async () => {
    await commit();
    writeFileSync(join(dir, GH), `${readFileSync(join(dir, GH), 'utf8')}# edit\n`);
    const refused = await commit();
    expect(refused.code).toBe(1);
    expect(refused.io.stderr[0]).toBe(
      `refused ${GH}: edited by hand (checksum mismatch); move the change into the config, or re-run with --force`,
    );
    expect((await commit({ force: true })).code).toBe(0);
    expect(git('status', '--porcelain')).toBe('');
    // An earlier, untouched output staged before the config changed is replaced, not refused.
    writeFileSync(join(dir, 'dockyard.config.mjs'), CONFIG.replace("['true']", "['/bin/a']"));
    await runCli(['synth', '--dir', dir], captureOutput());
    git('add', '.');
    writeFileSync(join(dir, 'dockyard.config.mjs'), CONFIG.replace("['true']", "['/bin/b']"));
    const { code } = await commit();
    expect(code).toBe(0);
    expect(git('show', `HEAD:${GH}`)).toContain('/bin/b');
  });

  it('works in a repository without any commit yet, and in a subdirectory (monorepo)', async () => {
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    git('init', '--quiet');
    git('config', 'user.name', 'Ada Lovelace');
    git('config', 'user.email', 'ada@example.com');
    mkdirSync(join(dir, 'services', 'api'), { recursive: true });
    writeFileSync(join(dir, 'services', 'api', 'dockyard.config.mjs'), CONFIG);
    const io = captureOutput();
    expect(await runCommit({ dir: join(dir, 'services', 'api') }, io)).toBe(0);
    expect(filesOf('HEAD')).toEqual([`services/api/${GH}`, `services/api/${GL}`, `services/api/${HELPER}`].sort());
  });

  it('--dry-run says what it would write and commit, and changes nothing', async () => {
    const { code, io } = await commit({ 'dry-run': true });
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      `would write ${GH}`,
      `would write ${GL}`,
      `would write ${HELPER}`,
      `would commit ${GH}, ${GL}, ${HELPER}: "ci: regenerate pipelines with dockyard"`,
      'dry run: nothing was changed',
    ]);
    expect(existsSync(join(dir, GH))).toBe(false);
    expect(commits()).toBe(1);
  });

  it('a failing pre-commit hook: exit 1 with git’s message, nothing committed, nothing left staged', async () => {
    writeFileSync(
      join(dir, '.git', 'hooks', 'pre-commit'),
      '#!/bin/sh\necho "lint failed: tabs in YAML" >&2\nexit 1\n',
    );
    chmodSync(join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    const { code, io } = await commit();
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain('lint failed: tabs in YAML');
    expect(io.stderr.at(-1)).toBe(
      'The files were written but not committed (and were unstaged); fix the problem and run `dockyard commit` again.',
    );
    expect(commits()).toBe(1);
    expect(git('diff', '--cached', '--name-only')).toBe('');
  });

  it.each([
    [
      'outside a git work tree',
      () => rmSync(join(dir, '.git'), { recursive: true, force: true }),
      'is not inside a git work tree',
    ],
    [
      'an invalid config',
      () =>
        writeFileSync(
          join(dir, 'dockyard.config.mjs'),
          "export default { ci: ['github'], image: { name: 'acme/api' }, cache: 'fast', test: { commands: ['true'] } };\n",
        ),
      'error dockyard.config.mjs: cache: unknown value',
    ],
  ])('%s: exit 1 with a clear message', async (_, setup, message) => {
    setup();
    const { code, io } = await commit();
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it('an empty -m is a usage error (exit 2)', async () => {
    const io = captureOutput();
    expect(await runCli(['commit', '--dir', dir, '-m', ''], io)).toBe(2);
  });
});
