import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_SCRIPT_FILES } from '../../src/emit/step-scripts.js';
import { readStepScripts } from '../../src/io/read-step-scripts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-read-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const folder = () => pathToFileURL(`${dir}/`);

describe('readStepScripts', () => {
  it('reads every file of the folder into its field, header removed', () => {
    for (const [field, name] of Object.entries(STEP_SCRIPT_FILES)) writeFileSync(join(dir, name), `# h\n\n${field}\n`);
    const scripts = readStepScripts(folder());
    expect(scripts.gateResult).toBe('gateResult');
    expect(scripts.imageSizeProgram).toBe('imageSizeProgram');
  });

  it.each([
    ['a missing file', (name: string) => name === 'lint.sh', undefined, /ENOENT.*lint\.sh/],
    ['a malformed file', () => false, 'coverage.sh', /templates\/steps\/coverage\.sh: needs a header/],
  ])('fails on %s', (_, omit, malformed, message) => {
    for (const name of Object.values(STEP_SCRIPT_FILES)) {
      if (!omit(name)) writeFileSync(join(dir, name), name === malformed ? 'echo\n' : '# h\n\nx\n');
    }
    expect(() => readStepScripts(folder())).toThrow(message);
  });
});
