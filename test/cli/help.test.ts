import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_VERSION, runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import { ROOT } from '../support/paths.js';

/*
 * Each command's `--help`, as reviewed (test/cli/fixtures/help/<command>.txt; rewrite with UPDATE_GOLDEN=1): the
 * flags are defined in src/cli/commands/*-args.ts and src/cli/common-args.ts, and moving a definition must not
 * change what a user reads. The version is written `<version>` so a release does not touch the files.
 */
const COMMANDS = ['init', 'doctor', 'synth', 'validate', 'meta', 'plan', 'run', 'commit', 'pr', 'fleet', 'trigger'];
const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures', 'help');

describe('--help', () => {
  it.each(COMMANDS)('dockyard %s --help', async (command) => {
    const output = captureOutput();
    expect(await runCli([command, '--help'], output)).toBe(0);
    const text = `${output.stdout.join('\n').replaceAll(CLI_VERSION, '<version>')}\n`;
    const file = join(FIXTURES, `${command}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
