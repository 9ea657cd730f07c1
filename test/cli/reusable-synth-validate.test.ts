import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { isGitlabCiLocalAvailable } from '../../src/validate/check-gitlab-ci-local.js';
import { skipWithoutTools } from '../support/required-tools.js';

const NO_GITLAB_CI_LOCAL = skipWithoutTools(
  'dockyard validate of reusable outputs with gitlab-ci-local',
  isGitlabCiLocalAvailable() ? [] : ['gitlab-ci-local or git'],
);

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), color: createColors(false) };
}

const CONFIG = `export default {
  ci: ['github', 'gitlab'],
  image: { name: 'acme/api' },
  test: { commands: ['true'] },
  size: { limit: 250 },
  output: { mode: 'reusable', reusable: { name: 'image' } },
};\n`;

describe('dockyard synth and validate with output mode "reusable"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-reusable-'));
  writeFileSync(join(dir, 'dockyard.config.mjs'), CONFIG);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the reusable workflow, the component and both callers', async () => {
    const io = capture();
    expect(await runCli(['synth', '--dir', dir], io)).toBe(0);
    expect(io.stdout).toEqual([
      'wrote .github/workflows/image.yml',
      'wrote .github/workflows/dockyard.yml',
      'wrote templates/image.yml',
      'wrote .gitlab-ci.yml',
      'wrote .gitlab/dockyard-meta.mjs',
    ]);
  });

  it.skipIf(NO_GITLAB_CI_LOCAL)('validate checks all four files and passes', async () => {
    const io = capture();
    const code = await runCli(['validate', '--dir', dir], io);
    expect(io.stdout, io.stderr.join('\n')).toEqual([]);
    expect(code).toBe(0);
  });

  it.skipIf(NO_GITLAB_CI_LOCAL)('validate reports a caller input the component rejects', async () => {
    const caller = join(dir, '.gitlab-ci.yml');
    const original = readFileSync(caller, 'utf8');
    writeFileSync(
      caller,
      original.replace('@$CI_COMMIT_SHA', '@$CI_COMMIT_SHA\n    inputs:\n      size_limit_mb: lots'),
    );
    try {
      const io = capture();
      expect(await runCli(['validate', '--dir', dir], io)).toBe(1);
      expect(io.stdout.join('\n')).toContain('size_limit_mb` input: provided value is not a number');
    } finally {
      writeFileSync(caller, original);
    }
  });
});
