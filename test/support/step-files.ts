import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isShellcheckAvailable } from '../../src/validate/check-shellcheck.js';
import { ROOT } from './paths.js';
import { skipWithoutTools } from './required-tools.js';

/** The package's step scripts folder, `templates/steps/`. */
export const STEPS = resolve(ROOT, 'templates', 'steps');

/** A platform's `DOCKYARD_PLATFORM` and `DOCKYARD_SLUG`, as the pipelines set them. */
export const PLATFORM = { DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64' };

/** A well-formed manifest digest. */
export const DIGEST = `sha256:${'ab'.repeat(32)}`;

/**
 * Whether the suites running step files under shellcheck and dash must be left out (see `skipWithoutTools`: a
 * failing test under `CI=true`). Call at a test file's top level.
 */
export function skipWithoutShellTools(suite: string): boolean {
  const dashMissing = spawnSync('dash', ['-c', 'true']).error !== undefined;
  return skipWithoutTools(suite, [
    ...(isShellcheckAvailable() ? [] : ['shellcheck']),
    ...(dashMissing ? ['dash'] : []),
  ]);
}

/**
 * Run the named step files of `templates/steps/`, in order, as one `dash -eu` script in `cwd`, with only `env` and
 * `path` as the environment (the files as they are, concatenated as the emitters join them).
 */
export function runStepFiles(
  cwd: string,
  files: readonly string[],
  env: Record<string, string> = {},
  path = process.env.PATH ?? '',
) {
  const script = files.map((f) => readFileSync(join(STEPS, f), 'utf8')).join('\n');
  return spawnSync('dash', ['-euc', script], { cwd, encoding: 'utf8', env: { PATH: path, ...env } });
}

/** The five fields of the result file `<cwd>/gates/<file>.tsv`. */
export function readGateResult(cwd: string, file: string): string[] {
  return readFileSync(join(cwd, 'gates', `${file}.tsv`), 'utf8')
    .replace(/\n$/, '')
    .split('\t');
}

/** Put an executable `name` (an sh script with `body`) into `<cwd>/bin`; returns a PATH with it first. */
export function stubCommand(cwd: string, name: string, body: string): string {
  const bin = join(cwd, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
  return `${bin}:${process.env.PATH ?? ''}`;
}
