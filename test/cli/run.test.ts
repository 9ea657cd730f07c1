import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { runRun } from '../../src/cli/commands/run.js';
import type { RunCommand } from '../../src/io/run-local-pipeline.js';
import { LOCAL_TOOLS, type LocalCommand } from '../../src/targets/local/index.js';
import { captureOutput } from '../support/capture-output.js';
import { EXAMPLES_DIR } from '../support/paths.js';

/*
 * `dockyard run` at the CLI: flag errors before anything runs, and the rim's behaviour with a recording command
 * runner (the real buildah run is test/e2e/local-run.test.ts): order, stopping at the first failure, the gate result
 * writers that always run, "not run" lines and the exit code.
 */
const STATUS_PAGE = resolve(EXAMPLES_DIR, 'status-page');
/** No tool is found on this PATH. */
const ENV = { ...process.env, PATH: '/nonexistent' };

async function cli(...args: string[]) {
  const io = captureOutput();
  const code = await runCli(['run', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Run with a fake runner that fails the first command of `failStep` (or none) and records what it ran. */
async function fakeRun(args: { platforms?: string[]; push?: boolean; override?: string }, failStep?: string) {
  const ran: LocalCommand[] = [];
  let failed = false;
  const run: RunCommand = (command) => {
    ran.push(command);
    if (!failed && command.step === failStep) {
      failed = true;
      return { status: 1, error: undefined };
    }
    return { status: 0, error: undefined };
  };
  const io = captureOutput();
  const code = await runRun(
    {
      dir: STATUS_PAGE,
      platforms: args.platforms ?? [],
      push: args.push ?? false,
      ...(args.override ? { 'registry-override': args.override } : {}),
    },
    io,
    ENV,
    run,
  );
  return { code, ran, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('dockyard run', () => {
  it.each([
    [['--push'], '--push needs --registry-override HOST: dockyard run never pushes to the config’s registries'],
    [['--platform', 'linux/s390'], '--platform: unknown platform; expected one of'],
    [
      ['--platform', 'linux/riscv64'],
      '--platform linux/riscv64: the pipeline does not build it; expected one of linux/amd64, linux/arm64',
    ],
  ])('%j is a usage error (exit 2) and runs nothing', async (args, message) => {
    const { code, stderr } = await cli('--dir', STATUS_PAGE, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('without tools on PATH nothing is built: "not run", never passed, and the run fails', async () => {
    const { code, ran, stdout } = await fakeRun({ platforms: ['linux/amd64'] });
    expect(ran.filter((c) => !c.always)).toEqual([]);
    expect(stdout).toContain('build [linux/amd64]: not run (buildah not found on PATH)');
    expect(stdout).toContain(
      'test [linux/amd64]: not run (needs build, which cannot run here (buildah not found on PATH))',
    );
    expect(stdout).not.toMatch(/(build|test|scan).*: passed/);
    expect(stdout).toContain('not verified here: 3 job(s) did not run');
    expect(code).toBe(1);
  });
});

describe('runLocalPipeline (with every tool found)', () => {
  // Every tool "found": executables that are never run (the recording runner stands in for spawning them).
  const bin = mkdtempSync(join(tmpdir(), 'dockyard-run-tools-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  for (const tool of LOCAL_TOOLS) {
    writeFileSync(join(bin, tool), '#!/bin/sh\nexit 99\n');
    chmodSync(join(bin, tool), 0o755);
  }
  const withTools = { ...process.env, PATH: bin };

  async function runWith(failStep?: string, push = false) {
    const ran: LocalCommand[] = [];
    const run: RunCommand = (command) => {
      ran.push(command);
      return { status: command.step === failStep && !command.always ? 1 : 0, error: undefined };
    };
    const io = captureOutput();
    const code = await runRun(
      {
        dir: STATUS_PAGE,
        platforms: ['linux/amd64'],
        push,
        ...(push ? { 'registry-override': '127.0.0.1:5000' } : {}),
      },
      io,
      withTools,
      run,
    );
    return { code, ran, stdout: io.stdout.join('\n') };
  }

  it('runs every job in order and passes', async () => {
    const { code, ran, stdout } = await runWith(undefined, true);
    expect(code).toBe(0);
    expect([...new Set(ran.map((c) => c.step))]).toEqual([
      'build',
      'fetch-candidate',
      'check',
      'push-by-digest',
      'merge-index',
    ]);
    expect(stdout.split('\n').filter((l) => l.includes(':'))).toEqual([
      'metadata: passed',
      'build [linux/amd64]: passed',
      'test [linux/amd64]: passed',
      'scan [linux/amd64]: passed',
      'push: passed',
      'manifest: passed',
    ]);
  });

  it('stops at the first failing job: exit 1, the later jobs "not run"', async () => {
    const { code, ran, stdout } = await runWith('check', true);
    expect(code).toBe(1);
    expect(ran.some((c) => c.step === 'push-by-digest')).toBe(false);
    expect(stdout).toContain('scan [linux/amd64]: failed (check exited with status 1)');
    expect(stdout).toContain('push: not run (scan [linux/amd64] failed)');
    expect(stdout).toContain('manifest: not run (scan [linux/amd64] failed)');
  });

  it('without --push the publish stage is "not run" and the run passes', async () => {
    const { code, stdout } = await runWith();
    expect(code).toBe(0);
    expect(stdout).toContain('push: not run (needs --push)');
  });
});
