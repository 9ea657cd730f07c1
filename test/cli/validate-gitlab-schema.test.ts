import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';

// An installed package without its devDependencies: no gitlab-ci-local (and no Lint API flags).
vi.mock('../../src/validate/check-gitlab-ci-local.js', async (original) => ({
  ...(await original<typeof import('../../src/validate/check-gitlab-ci-local.js')>()),
  isGitlabCiLocalAvailable: () => false,
}));

const dir = mkdtempSync(join(tmpdir(), 'dockyard-validate-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'dockyard.config.json'),
  JSON.stringify({ ci: ['gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } }),
);

describe("dockyard validate without gitlab-ci-local: GitLab's CI JSON Schema shipped in the package", () => {
  it('passes a generated file, saying which check ran', async () => {
    expect(await runCli(['synth', '--dir', dir], captureOutput())).toBe(0);
    const io = captureOutput();
    expect(await runCli(['validate', '--dir', dir], io)).toBe(0);
    expect(io.stderr).toContain(
      "skipped .gitlab-ci.yml: checked with GitLab's CI JSON Schema only (keys, types, values); for GitLab's full check (includes, needs, rules) install gitlab-ci-local, or pass --gitlab-url and --gitlab-project with GITLAB_TOKEN set",
    );
  });

  it.each([
    [
      'a job with a misspelt key',
      (text: string) => text.replace(/^( {2})script:/m, '$1scirpt:'),
      /\[json-schema\] gitlab-ci\.json: /,
    ],
    [
      'a bad when value',
      (text: string) => text.replace(/^( {2,})when: (\S+)$/m, '$1when: sometimes'),
      /\[json-schema\] gitlab-ci\.json: .*(must be equal to one of the allowed values|must match)/,
    ],
  ])('fails on %s (exit 1, the finding named)', async (_name, breakIt, finding) => {
    expect(await runCli(['synth', '--dir', dir, '--force'], captureOutput())).toBe(0);
    const file = join(dir, '.gitlab-ci.yml');
    const broken = breakIt(readFileSync(file, 'utf8'));
    expect(broken).not.toBe(readFileSync(file, 'utf8'));
    writeFileSync(file, broken);
    const io = captureOutput();
    expect(await runCli(['validate', '--dir', dir], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(finding);
  });
});
