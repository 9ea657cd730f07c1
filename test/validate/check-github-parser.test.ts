import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWithWorkflowParser } from '../../src/validate/check-github-parser.js';
import { breakWorkflow, VALID_WORKFLOW } from './fixtures/github-workflows.js';

const FILE = '.github/workflows/image.yml';
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('checkWithWorkflowParser', () => {
  it('passes a valid workflow', async () => {
    expect(await checkWithWorkflowParser(VALID_WORKFLOW, FILE)).toEqual([]);
  });

  it.each<[string, string, string, number, number]>([
    [
      'unknown job key',
      breakWorkflow('    needs: test\n', '    needs: test\n    bogus: 1\n'),
      "Unexpected value 'bogus'",
      20,
      5,
    ],
    [
      'needs an unknown job',
      breakWorkflow('needs: test', 'needs: [test, tset]'),
      "Job 'build' depends on unknown job 'tset'.",
      19,
      19,
    ],
    [
      'needs cycle (no root job left)',
      breakWorkflow('  test:\n    runs-on: ubuntu-latest\n', '  test:\n    runs-on: ubuntu-latest\n    needs: build\n'),
      'The workflow must contain at least one job with no dependencies.',
      10,
      3,
    ],
    [
      'missing on',
      breakWorkflow('on:\n  push:\n    branches: [main]\n  pull_request:\n', ''),
      'Required property is missing: on',
      1,
      1,
    ],
    [
      'broken expression',
      breakWorkflow('${{ github.sha }}', '${{ github.sha == }}'),
      "Unexpected end of expression: '=='",
      30,
      35,
    ],
    [
      'invalid YAML',
      breakWorkflow('    runs-on: ubuntu-latest\n    needs: test', '    runs-on: [ubuntu-latest\n    needs: test'),
      'Flow sequence in block collection must be sufficiently indented and end with a ] at line 19, column 5',
      19,
      5,
    ],
  ])('fails on %s', async (_name, content, message, line, column) => {
    const findings = await checkWithWorkflowParser(content, FILE);
    expect(findings).toContainEqual({
      tool: 'workflow-parser',
      file: FILE,
      severity: 'error',
      line,
      column,
      message: expect.stringContaining(message),
    });
    expect(findings.every((f) => !f.message.includes('\n'))).toBe(true);
  });

  it('reports both schema and conversion errors of one file', async () => {
    const content = breakWorkflow('    needs: test\n', '    needs: [test, nope]\n    bogus: 1\n');
    const messages = (await checkWithWorkflowParser(content, FILE)).map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining(["Unexpected value 'bogus'", "Job 'build' depends on unknown job 'nope'."]),
    );
  });

  it('loads outside vitest too (jiti under plain node + tsx)', { timeout: 60_000 }, () => {
    const script = [
      "import { checkWithWorkflowParser } from './src/validate/check-github-parser.ts';",
      "const f = await checkWithWorkflowParser('on: push\\njobs:\\n  a:\\n    runs-on: x\\n    bogus: 1\\n    steps: [{run: echo}]\\n', 'w.yml');",
      'console.log(JSON.stringify(f));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      {
        tool: 'workflow-parser',
        file: 'w.yml',
        line: 5,
        column: 5,
        severity: 'error',
        message: "Unexpected value 'bogus'",
      },
    ]);
  });
});
