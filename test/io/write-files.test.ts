import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../src/io/write-files.js';

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
