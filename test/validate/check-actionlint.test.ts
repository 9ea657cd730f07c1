import { describe, expect, it } from 'vitest';
import { checkWithActionlint } from '../../src/validate/check-actionlint.js';
import { breakWorkflow, VALID_WORKFLOW } from './fixtures/github-workflows.js';

const FILE = '.github/workflows/image.yml';

// The first call instantiates the 9.5 MB wasm module (V8 then tiers it up for ~1 s).
describe('checkWithActionlint', { timeout: 30_000 }, () => {
  it('passes a valid workflow', async () => {
    expect(await checkWithActionlint(VALID_WORKFLOW, FILE)).toEqual([]);
  });

  it.each<[string, string, string, number | undefined, number | undefined]>([
    [
      'untrusted input inside run:',
      breakWorkflow('echo "building for: $TITLE"', 'echo "building for: ${{ github.event.pull_request.title }}"'),
      '"github.event.pull_request.title" is potentially untrusted. avoid using it directly in inline scripts.',
      // actionlint positions text inside a `run: |` block scalar relative to the `run:` line.
      28,
      38,
    ],
    [
      'needs an unknown job',
      breakWorkflow('needs: test', 'needs: [test, tset]'),
      'job "build" needs job "tset" which does not exist in this workflow [job-needs]',
      17,
      3,
    ],
    [
      'unknown runner label',
      breakWorkflow('  build:\n    runs-on: ubuntu-latest', '  build:\n    runs-on: ubuntu-lates'),
      'label "ubuntu-lates" is unknown',
      18,
      14,
    ],
    [
      'unknown action input',
      breakWorkflow(
        '      - uses: docker/setup-buildx-action@v3\n',
        '      - uses: actions/checkout@v4\n        with:\n          fetch-dept: 0\n',
      ),
      'input "fetch-dept" is not defined in action "actions/checkout@v4"',
      26,
      11,
    ],
    [
      'invalid YAML',
      breakWorkflow('    needs: test', '    needs: [test'),
      "could not parse as YAML: yaml: line 18: did not find expected ',' or ']' [syntax-check]",
      18,
      undefined,
    ],
  ])('fails on %s', async (_name, content, message, line, column) => {
    const findings = await checkWithActionlint(content, FILE);
    expect(findings).toContainEqual({
      tool: 'actionlint',
      file: FILE,
      severity: 'error',
      line,
      column,
      message: expect.stringContaining(message),
    });
  });

  it('gives the same answers to concurrent calls on the shared wasm instance', async () => {
    const bad = breakWorkflow('needs: test', 'needs: [test, tset]');
    const [a, b, c] = await Promise.all([
      checkWithActionlint(bad, 'a.yml'),
      checkWithActionlint(VALID_WORKFLOW, 'b.yml'),
      checkWithActionlint(bad, 'c.yml'),
    ]);
    expect(a.map((f) => f.message)).toEqual(c.map((f) => f.message));
    expect(a).toHaveLength(1);
    expect(b).toEqual([]);
    expect(c[0]?.file).toBe('c.yml');
  });
});
