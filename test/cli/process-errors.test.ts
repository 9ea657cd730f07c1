import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFileSystemError } from '../../src/cli/describe-file-system-error.js';
import { runCli } from '../../src/cli/main.js';
import { BROKEN_PIPE_EXIT } from '../../src/cli/run-process.js';
import { captureOutput } from '../support/capture-output.js';
import { DOCKYARD_PROCESS } from '../support/dockyard-process.js';

const root = mkdtempSync(join(tmpdir(), 'dockyard-process-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CONFIG = JSON.stringify({ ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } });

function project(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dockyard.config.json'), CONFIG);
  return dir;
}

/** Run the real executable into a reader that exits at once (`| true`): every write after that fails with EPIPE. */
function runIntoClosedPipe(dir: string, args: readonly string[]): { status: number; stderr: string } {
  const command = [...DOCKYARD_PROCESS, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const script = `{ ${command} 2> "$1/stderr"; echo $? > "$1/status"; } | true`;
  execFileSync('sh', ['-c', script, 'sh', dir], { cwd: dir });
  const read = (f: string) => execFileSync('cat', [join(dir, f)], { encoding: 'utf8' });
  return { status: Number(read('status').trim()), stderr: read('stderr') };
}

describe('a closed output pipe (dockyard … | head -1)', () => {
  it.each([
    ['plan --mermaid', ['plan', '--mermaid']],
    ['synth --stdout', ['synth', '--stdout']],
    ['meta', ['meta', '--ci', 'gitlab']],
  ])(`%s exits ${BROKEN_PIPE_EXIT} quietly, without a stack trace`, (_name, args) => {
    const dir = project(`pipe-${args[0]}`);
    const { status, stderr } = runIntoClosedPipe(dir, args);
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(status).toBe(BROKEN_PIPE_EXIT);
  });
});

describe('disk errors: the path and the problem, exit 1', () => {
  it.each([
    [
      'a file where the workflows directory goes (ENOTDIR)',
      (dir: string) => writeFileSync(join(dir, '.github'), 'not a directory\n'),
      /^dockyard: cannot write \.github\/workflows: a parent of it is not a directory \(ENOTDIR\)$/,
    ],
    [
      'a directory where the workflow file goes (EISDIR)',
      (dir: string) => mkdirSync(join(dir, '.github/workflows/dockyard.yml'), { recursive: true }),
      /^dockyard: cannot write \.github\/workflows\/dockyard\.yml: it is a directory \(EISDIR\)$/,
    ],
  ])('synth into %s', (name, prepare, message) => {
    const dir = project(`disk-${name.replace(/\W+/g, '-')}`);
    prepare(dir);
    const result = spawnSync(DOCKYARD_PROCESS[0], [...DOCKYARD_PROCESS.slice(1), 'synth'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr).not.toContain('    at ');
    expect(result.status).toBe(1);
  });

  it('in-process too (runCli), for init', async () => {
    const dir = project('init-enotdir');
    rmSync(join(dir, 'dockyard.config.json'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20 AS runtime\n');
    writeFileSync(join(dir, '.github'), '');
    const io = captureOutput();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await runCli(['init', '--yes', '--ci', 'github'], io)).toBe(1);
    } finally {
      process.chdir(cwd);
    }
    expect(io.stderr.at(-1)).toBe(
      'dockyard: cannot write .github/workflows: a parent of it is not a directory (ENOTDIR)',
    );
  });
});

describe('describeFileSystemError', () => {
  const error = (code: string, path: string, syscall: string) =>
    Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, path, syscall });
  it.each([
    [
      error('EACCES', '/repo/.github/workflows/dockyard.yml.dockyard-tmp-4242', 'open'),
      'cannot write .github/workflows/dockyard.yml: permission denied (EACCES)',
    ],
    [
      error('ENOSPC', '/repo/.gitlab-ci.yml.dockyard-tmp-7', 'write'),
      'cannot write .gitlab-ci.yml: no space left on the device (ENOSPC)',
    ],
    [error('EROFS', '/repo/.gitlab-ci.yml', 'rename'), 'cannot write .gitlab-ci.yml: read-only file system (EROFS)'],
    [error('EACCES', '/repo/dockyard.config.ts', 'read'), 'cannot read dockyard.config.ts: permission denied (EACCES)'],
    [error('EACCES', '/elsewhere/out.yml', 'open'), 'cannot write /elsewhere/out.yml: permission denied (EACCES)'],
  ])('%s', (e, line) => {
    expect(describeFileSystemError(e, '/repo')).toBe(line);
  });

  it('leaves other errors alone', () => {
    expect(describeFileSystemError(new Error('boom'), '/repo')).toBeUndefined();
    expect(describeFileSystemError(Object.assign(new Error('x'), { code: 'E_UNKNOWN' }), '/repo')).toBeUndefined();
  });
});
