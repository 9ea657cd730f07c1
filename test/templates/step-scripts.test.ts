import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_SCRIPT_FILES, type StepScripts } from '../../src/emit/step-scripts.js';
import { ROOT } from '../support/paths.js';
import {
  PLATFORM,
  readGateResult,
  runStepFiles,
  skipWithoutShellTools,
  STEPS,
  stubCommand,
} from '../support/step-files.js';
import { stepScripts } from '../support/step-scripts.js';

/*
 * The step scripts as files (templates/steps/): each .sh passes shellcheck and `dash -n` as it is, and runs under
 * dash with the variables the pipelines give it (the files themselves, concatenated in the order the emitters join
 * them, no TypeScript in between): here the gates' files; step-scripts-publish.test.ts has the publishing and deploy
 * ones, image-size-program.test.ts the size gate's program. What the emitters add around the files (directories,
 * the hadolint command) is tested beside them in test/emit/.
 */

const COVERAGE_FIXTURES = resolve(ROOT, 'test', 'emit', 'fixtures', 'coverage-reports');
const SH_FILES = readdirSync(STEPS)
  .filter((f) => f.endsWith('.sh'))
  .sort();
const skip = skipWithoutShellTools('step scripts under shellcheck and dash');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runSteps = (files: readonly string[], env?: Record<string, string>, path?: string) =>
  runStepFiles(dir, files, env, path);
const result = (file: string) => readGateResult(dir, file);
const stub = (name: string, body: string) => stubCommand(dir, name, body);

describe('templates/steps', () => {
  it('holds exactly the files StepScripts names', () => {
    expect(readdirSync(STEPS).sort()).toEqual(Object.values(STEP_SCRIPT_FILES).sort());
  });

  it.each(Object.entries(STEP_SCRIPT_FILES))('%s (%s): the embedded body has no header left', (field) => {
    const body = stepScripts[field as keyof StepScripts];
    expect(body.length).toBeGreaterThan(0);
    expect(body.startsWith('#!')).toBe(false);
    expect(body.endsWith('\n')).toBe(false);
  });

  it('image-size.cjs: its body holds no single quote (the pipelines embed it in sh single quotes)', () => {
    expect(stepScripts.imageSizeProgram).not.toContain("'");
    expect(spawnSync('node', ['--check', join(STEPS, 'image-size.cjs')]).status).toBe(0);
  });
});

describe.skipIf(skip)('every .sh under shellcheck and dash', () => {
  it.each(SH_FILES)('%s passes shellcheck -s sh and dash -n', (file) => {
    const lint = spawnSync('shellcheck', ['-s', 'sh', join(STEPS, file)], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const parse = spawnSync('dash', ['-n', join(STEPS, file)], { encoding: 'utf8' });
    expect(parse.status, parse.stderr).toBe(0);
  });
});

describe.skipIf(skip)('gate-result.sh', () => {
  it.each([
    ['a per-platform result', ['sbom-linux-amd64', 'sbom', 'linux/amd64', 'pass', 'spdx-json', 'generated']],
    ['tabs and newlines in the figure flattened', ['lint', 'lint', '-', 'fail', '2\tfinding(s)\nmore', 'none']],
  ])('writes %s', (_, args) => {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const run = spawnSync(
      'dash',
      ['-euc', `${readFileSync(join(STEPS, 'gate-result.sh'), 'utf8')}\ngate_result ${quoted}`],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', gates: 'gates' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(result(args[0])).toEqual([...args.slice(1, 4), args[4].replace(/[\t\n]/g, ' '), args[5]]);
  });
});

describe.skipIf(skip)('coverage.sh (after gate-result.sh)', () => {
  const coverage = (env: Record<string, string>) =>
    runSteps(['gate-result.sh', 'coverage.sh'], { gates: 'gates', ...PLATFORM, ...env });

  it.each([
    ['coverage-py.cobertura.xml', 'cobertura', '69.23', 0, '69.23%', 'pass'],
    ['coverage-py.cobertura.xml', 'cobertura', '69.24', 1, '69.23%', 'fail'],
    ['coverage-py.cobertura.xml', 'cobertura', '80', 1, '69.23%', 'fail'],
    ['line-rate-only.cobertura.xml', 'cobertura', '69', 0, '69.23%', 'pass'],
    ['line-rate-only.cobertura.xml', 'cobertura', '69.5', 1, '69.23%', 'fail'],
    ['node-test.lcov.info', 'lcov', '53.84', 0, '53.84%', 'pass'],
    ['node-test.lcov.info', 'lcov', '53.85', 1, '53.84%', 'fail'],
    ['node-test.lcov.info', 'lcov', '0', 0, '53.84%', 'pass'],
  ])('%s (%s), minimum %s: exit %i, figure %s, %s', (fixture, format, minimum, status, figure, verdict) => {
    copyFileSync(join(COVERAGE_FIXTURES, fixture), join(dir, 'report'));
    const summary = join(dir, 'summary.md');
    const run = coverage({
      DOCKYARD_COVERAGE_FILE: join(dir, 'report'),
      DOCKYARD_COVERAGE_FORMAT: format,
      DOCKYARD_COVERAGE_MINIMUM: minimum,
      DOCKYARD_SUMMARY: summary,
    });
    expect(run.status, run.stderr).toBe(status);
    // The line GitLab's coverage regex reads, and GitHub's step summary line.
    expect(run.stdout).toContain(`dockyard: coverage ${figure} (minimum ${minimum}%)`);
    expect(/dockyard: coverage \d+(?:\.\d+)?%/.exec(run.stdout)?.[0]).toBe(`dockyard: coverage ${figure}`);
    expect(readFileSync(summary, 'utf8')).toBe(`dockyard: coverage ${figure} (minimum ${minimum}%) on linux/amd64\n`);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', verdict, figure, `>= ${minimum}%`]);
    if (status !== 0) expect(run.stderr).toContain(`coverage ${figure} is below the minimum of ${minimum}%`);
  });

  it.each([
    ['a missing report', undefined, 'cobertura', 'no coverage report at', 'no report'],
    [
      'an HTML page given as Cobertura',
      '<html><body>coverage</body></html>',
      'cobertura',
      'is not a Cobertura report',
      'unreadable report',
    ],
    [
      'a Cobertura report without line counts',
      '<coverage version="1"></coverage>',
      'cobertura',
      'has no line counts',
      'unreadable report',
    ],
    [
      'an LCOV file without LF/LH records',
      'TN:\nSF:a.js\nend_of_record\n',
      'lcov',
      'counts no coverable lines',
      'no lines',
    ],
    [
      'an LCOV file with no coverable lines',
      'TN:\nSF:a.js\nLF:0\nLH:0\nend_of_record\n',
      'lcov',
      'counts no coverable lines',
      'no lines',
    ],
    ['an unknown format', 'x', 'jacoco', 'unknown coverage format jacoco', 'unknown format'],
  ])('fails on %s', (_, content, format, message, figure) => {
    if (content !== undefined) writeFileSync(join(dir, 'report'), content);
    const run = coverage({
      DOCKYARD_COVERAGE_FILE: join(dir, 'report'),
      DOCKYARD_COVERAGE_FORMAT: format,
      DOCKYARD_COVERAGE_MINIMUM: '80',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^dockyard: coverage gate failed: /);
    expect(run.stderr).toContain(message);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', 'fail', figure, '>= 80%']);
  });
});

describe.skipIf(skip)('lint.sh (after gate-result.sh), with a hadolint stand-in', () => {
  it.each([
    ['no finding', 'exit 0', 0, 'pass', '0 finding(s)'],
    [
      'findings at the threshold',
      "echo 'Dockerfile:3 DL3008 warning: Pin versions'; echo 'Dockerfile:7 SC2086 info: Quote'; exit 1",
      1,
      'fail',
      '2 finding(s)',
    ],
  ])('%s (stand-in: %s): exit %i, %s', (_, body, status, verdict, figure) => {
    const path = stub('hadolint', `echo "$@" > args\n${body}`);
    const run = runSteps(
      ['gate-result.sh', 'lint.sh'],
      {
        gates: 'gates',
        DOCKYARD_DOCKERFILE: 'Dockerfile',
        DOCKYARD_LINT_THRESHOLD: 'warning',
        DOCKYARD_LINT_IGNORE: 'DL3007 DL3018',
      },
      path,
    );
    expect(run.status, run.stderr).toBe(status);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe(
      '--no-color --failure-threshold warning --ignore DL3007 --ignore DL3018 Dockerfile\n',
    );
    expect(result('lint')).toEqual(['lint', '-', verdict, figure, 'no finding >= warning']);
    if (status !== 0) {
      expect(run.stdout).toContain('Dockerfile:3 DL3008');
      expect(run.stderr).toContain('dockyard: hadolint found problems at or above warning in Dockerfile');
    }
  });
});

describe.skipIf(skip)('gate-summary.sh', () => {
  const write = (file: string, fields: string[]) => {
    mkdirSync(join(dir, 'gates'), { recursive: true });
    writeFileSync(join(dir, 'gates', `${file}.tsv`), `${fields.join('\t')}\n`);
  };
  const summary = (env: Record<string, string> = {}) =>
    runSteps(['gate-summary.sh'], { gates: 'gates', out: 'summary.md', ...env });

  it('renders every result file as one table and passes when every gate passed or warned', () => {
    write('size-linux-amd64', ['size', 'linux/amd64', 'warn', '12 MB | big', '<= 10 MB']);
    write('lint', ['lint', '-', 'pass', '0 finding(s)', 'none']);
    const run = summary({ DOCKYARD_GATE_FILES: 'lint size-linux-amd64' });
    expect(run.status, run.stderr).toBe(0);
    const table = [
      '### dockyard gates',
      '',
      '| gate | platform | result | figure | threshold |',
      '| --- | --- | --- | --- | --- |',
      '| lint | - | pass | 0 finding(s) | none |',
      '| size | linux/amd64 | warn | 12 MB \\| big | <= 10 MB |',
      '',
    ].join('\n');
    expect(run.stdout).toBe(table);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(table);
  });

  it.each([
    ['a failed gate', [['lint', ['lint', '-', 'fail', '2 finding(s)', 'none']]], '', '| lint | - | fail |'],
    ['a listed gate without a result file', [], 'smoke-linux-amd64', '| smoke-linux-amd64 | - | missing |'],
  ] as const)('fails on %s', (_, files, listed, row) => {
    for (const [file, fields] of files) write(file, [...fields]);
    const run = summary({ DOCKYARD_GATE_FILES: listed });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(row);
    expect(run.stderr).toBe('dockyard: a gate failed or reported no result; nothing is published\n');
  });
});
