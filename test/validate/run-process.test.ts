import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable, mapWithLimit, runProcess } from '../../src/validate/run-process.js';

const node = process.execPath;

describe('runProcess', () => {
  it.each<[string, string, string | undefined, { code: number; stdout: string; stderr: string }]>([
    ['stdout and exit 0', 'process.stdout.write("hi")', undefined, { code: 0, stdout: 'hi', stderr: '' }],
    [
      'stderr and exit 3',
      'process.stderr.write("bad"); process.exit(3)',
      undefined,
      { code: 3, stdout: '', stderr: 'bad' },
    ],
    [
      'stdin echoed back',
      'process.stdin.pipe(process.stdout)',
      'line 1\nline 2\n',
      { code: 0, stdout: 'line 1\nline 2\n', stderr: '' },
    ],
  ])('%s', async (_name, script, input, expected) => {
    expect(await runProcess(node, ['-e', script], { input })).toEqual(expected);
  });

  it('rejects with code ENOENT for a missing program', async () => {
    await expect(runProcess('/nonexistent/program', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('kills the child and rejects after timeoutMs', async () => {
    const started = Date.now();
    await expect(runProcess(node, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 })).rejects.toThrow(
      /did not finish within 300 ms and was killed/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('findExecutable', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-findexe-'));
  writeFileSync(path.join(dir, 'tool'), '#!/bin/sh\n');
  chmodSync(path.join(dir, 'tool'), 0o755);
  writeFileSync(path.join(dir, 'plain'), 'not executable');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[string, string, string, string | undefined]>([
    ['finds an executable', 'tool', `/nonexistent${path.delimiter}${dir}`, path.join(dir, 'tool')],
    ['ignores a file that is not executable', 'plain', dir, undefined],
    ['ignores a directory', path.basename(dir), path.dirname(dir), undefined],
    ['handles an empty PATH', 'tool', '', undefined],
  ])('%s', (_name, name, envPath, expected) => {
    expect(findExecutable(name, envPath)).toBe(expected);
  });
});

describe('mapWithLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 5));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('returns [] for no items and rejects with the first error', async () => {
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([]);
    await expect(
      mapWithLimit([1, 2], 1, async (n) => {
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
  });
});
