import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleTemporaries,
  TEMP_INFIX,
  UnsafeWritePathError,
  writeFilesAtomically,
} from '../../src/io/write-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFilesAtomically', () => {
  it('writes every file, creating directories', async () => {
    await writeFilesAtomically(dir, [
      { path: '.github/workflows/dockyard.yml', content: 'a' },
      { path: '.gitlab-ci.yml', content: 'b' },
    ]);
    expect(readFileSync(join(dir, '.github/workflows/dockyard.yml'), 'utf8')).toBe('a');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe('b');
  });

  it('writes nothing and restores previous content when one file fails', async () => {
    writeFileSync(join(dir, 'first.yml'), 'old');
    mkdirSync(join(dir, 'blocked.yml')); // a directory where a file should go: rename fails
    writeFileSync(join(dir, 'blocked.yml', 'keep'), 'x');
    await expect(
      writeFilesAtomically(dir, [
        { path: 'first.yml', content: 'new' },
        { path: 'blocked.yml', content: 'new' },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(join(dir, 'first.yml'), 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.includes('dockyard-tmp'))).toEqual([]);
  });

  it('removes files it created when a later one fails', async () => {
    mkdirSync(join(dir, 'blocked.yml'));
    writeFileSync(join(dir, 'blocked.yml', 'keep'), 'x');
    await expect(
      writeFilesAtomically(dir, [
        { path: 'created.yml', content: 'new' },
        { path: 'blocked.yml', content: 'new' },
      ]),
    ).rejects.toThrow();
    expect(existsSync(join(dir, 'created.yml'))).toBe(false);
  });
});

describe('writeFilesAtomically: paths that leave the project', () => {
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'dockyard-outside-'));
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it.each([
    ['an absolute path', () => join(outside, 'x.yml'), 'it is an absolute path'],
    ['a .. path', () => '../escape.yml', 'it leaves the project through ..'],
  ])('refuses %s and writes nothing', async (_name, path, why) => {
    const error = await writeFilesAtomically(dir, [
      { path: 'ok.yml', content: 'a' },
      { path: path(), content: 'b' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeWritePathError);
    expect((error as Error).message).toContain(
      `refusing to write ${path()}: ${why}; expected a path inside the project`,
    );
    expect(existsSync(join(dir, 'ok.yml'))).toBe(false);
  });

  it.each([
    ['a symlinked .github (workflows missing)', false],
    ['a symlinked .github (workflows present outside)', true],
  ])('refuses to write through %s', async (_name, withWorkflows) => {
    if (withWorkflows) mkdirSync(join(outside, 'workflows'));
    symlinkSync(outside, join(dir, '.github'));
    await expect(writeFilesAtomically(dir, [{ path: '.github/workflows/dockyard.yml', content: 'x' }])).rejects.toThrow(
      /refusing to write \.github\/workflows\/dockyard\.yml: \.github(\/workflows)? resolves to .* \(a symlink out of the project\)/,
    );
    expect(readdirSync(outside)).toEqual(withWorkflows ? ['workflows'] : []);
    if (withWorkflows) expect(readdirSync(join(outside, 'workflows'))).toEqual([]);
  });

  it('refuses a target that is itself a symlink', async () => {
    writeFileSync(join(outside, 'victim'), 'keep');
    symlinkSync(join(outside, 'victim'), join(dir, '.gitlab-ci.yml'));
    await expect(writeFilesAtomically(dir, [{ path: '.gitlab-ci.yml', content: 'x' }])).rejects.toThrow(
      'it is a symlink to',
    );
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('keep');
  });

  it('writes through a symlink that stays inside the project', async () => {
    mkdirSync(join(dir, 'ci'));
    symlinkSync(join(dir, 'ci'), join(dir, '.github'));
    await writeFilesAtomically(dir, [{ path: '.github/workflows/dockyard.yml', content: 'x' }]);
    expect(readFileSync(join(dir, 'ci/workflows/dockyard.yml'), 'utf8')).toBe('x');
  });
});

describe('writeFilesAtomically: recovery after a kill between renames', () => {
  it('removes temporaries of dead processes and keeps those of running ones', async () => {
    // A pid above the kernel's pid_max (4194304 at most, see proc(5)) cannot be running.
    const dead = 99_999_999;
    writeFileSync(join(dir, `.gitlab-ci.yml${TEMP_INFIX}${dead}`), 'half');
    mkdirSync(join(dir, '.gitlab'));
    writeFileSync(join(dir, `.gitlab/dockyard-meta.mjs${TEMP_INFIX}${dead}`), 'half');
    const running = `.gitlab-ci.yml${TEMP_INFIX}${process.ppid}`;
    writeFileSync(join(dir, running), 'busy');
    await writeFilesAtomically(dir, [
      { path: '.gitlab-ci.yml', content: 'new' },
      { path: '.gitlab/dockyard-meta.mjs', content: 'new' },
    ]);
    expect(readdirSync(dir).filter((f) => f.includes(TEMP_INFIX))).toEqual([running]);
    expect(readdirSync(join(dir, '.gitlab'))).toEqual(['dockyard-meta.mjs']);
  });

  it('removeStaleTemporaries asks isAlive for each temporary', async () => {
    writeFileSync(join(dir, `a.yml${TEMP_INFIX}12`), '');
    writeFileSync(join(dir, `b.yml${TEMP_INFIX}34`), '');
    writeFileSync(join(dir, 'c.yml'), '');
    const removed = await removeStaleTemporaries(dir, (pid) => pid === 34);
    expect(removed).toEqual([join(dir, `a.yml${TEMP_INFIX}12`)]);
    expect(readdirSync(dir).sort()).toEqual([`b.yml${TEMP_INFIX}34`, 'c.yml']);
  });
});
