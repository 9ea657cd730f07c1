import { describe, expect, it } from 'vitest';
import {
  checkWithShellcheck,
  isShellcheckAvailable,
  maskTemplateExpressions,
} from '../../src/validate/check-shellcheck.js';
import type { ExtractedScript } from '../../src/validate/extract-scripts.js';
import { skipWithoutTools } from '../support/required-tools.js';

const available = !skipWithoutTools('shellcheck checks', isShellcheckAvailable() ? [] : ['shellcheck']);

const script = (s: string, shell: 'bash' | 'sh' = 'bash', location = 'jobs.build.steps[0].run'): ExtractedScript => ({
  location,
  shell,
  script: s,
});

describe('maskTemplateExpressions', () => {
  it.each<[string, string]>([
    ['echo "${{ github.sha }}"', `echo "${'_'.repeat(17)}"`],
    ['a=${{ x }} b=${{ y }}', 'a=________ b=________'],
    ['echo ${{\n  x }}', 'echo ___\n______'],
    ['echo "$[[ inputs.tag ]]"', `echo "${'_'.repeat(17)}"`],
    ['echo "${HOME}" $((1+2))', 'echo "${HOME}" $((1+2))'],
  ])('%j', (input, expected) => {
    expect(maskTemplateExpressions(input)).toBe(expected);
    expect(maskTemplateExpressions(input)).toHaveLength(input.length);
  });
});

describe.skipIf(!available)('checkWithShellcheck', { timeout: 30_000 }, () => {
  it('passes clean bash and sh scripts, with GitHub expressions masked', async () => {
    const clean = [
      script('set -euo pipefail\nif [[ -n "${IMAGE:-}" ]]; then\n  docker push "$IMAGE:${{ github.sha }}"\nfi'),
      script('set -eu\nif [ -n "${CI_COMMIT_TAG:-}" ]; then\n  echo "tag $CI_COMMIT_TAG"\nfi', 'sh', 'release.script'),
    ];
    expect(await checkWithShellcheck(clean, 'ci.yml')).toEqual([]);
  });

  it('passes an empty list without running anything', async () => {
    expect(await checkWithShellcheck([], 'ci.yml')).toEqual([]);
  });

  it.each<[string, ExtractedScript, string, 'error' | 'warning']>([
    [
      'unquoted variable (SC2086)',
      script('echo start\ndocker push $IMAGE'),
      'jobs.build.steps[0].run:2:13: SC2086 (info): Double quote to prevent globbing and word splitting.',
      'warning',
    ],
    [
      '[[ ]] under sh (SC3010)',
      script('if [[ -n "$A" ]]; then echo a; fi', 'sh', 'build.script'),
      'build.script:1:4: SC3010 (warning): In POSIX sh, [[ ]] is undefined.',
      'warning',
    ],
    [
      'syntax error (SC1046)',
      script('if true; then\n  echo x\n', 'bash'),
      "jobs.build.steps[0].run:1:1: SC1046 (error): Couldn't find 'fi' for this 'if'.",
      'error',
    ],
    [
      'parse error at end of script (SC1047)',
      script('if true; then\n  echo x\n', 'bash'),
      "jobs.build.steps[0].run:3:1: SC1047 (error): Expected 'fi' matching previously mentioned 'if'.",
      'error',
    ],
    [
      'cd without exit handling (SC2164)',
      script('cd build\nmake', 'sh', 'build.script'),
      "build.script:1:1: SC2164 (warning): Use 'cd ... || exit' or 'cd ... || return' in case cd fails.",
      'warning',
    ],
  ])('reports %s', async (_name, s, message, severity) => {
    const findings = await checkWithShellcheck([s], '.gitlab-ci.yml');
    expect(findings).toContainEqual({ tool: 'shellcheck', file: '.gitlab-ci.yml', severity, message });
  });

  it('keeps findings in script order and honours severity and exclude', async () => {
    const scripts = [script('echo $A', 'sh', 'a.script'), script('cd x', 'sh', 'b.script')];
    const all = await checkWithShellcheck(scripts, 'f.yml');
    expect(all.map((f) => f.message.split(':')[0])).toEqual(['a.script', 'b.script']);
    expect(await checkWithShellcheck(scripts, 'f.yml', { severity: 'warning' })).toHaveLength(1);
    expect(await checkWithShellcheck(scripts, 'f.yml', { exclude: ['SC2086', 'SC2164'] })).toEqual([]);
  });

  it('throws a clear error when the program is missing', async () => {
    await expect(
      checkWithShellcheck([script('true')], 'f.yml', { command: '/nonexistent/shellcheck' }),
    ).rejects.toThrow(/shellcheck is not installed or not on PATH.*tried: \/nonexistent\/shellcheck/);
  });
});

describe('checkWithShellcheck without shellcheck on PATH', () => {
  it('throws "shellcheck is not installed or not on PATH"', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(checkWithShellcheck([script('true')], 'f.yml')).rejects.toThrow(
        /^shellcheck is not installed or not on PATH/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});
