import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  coverageCheckScript,
  gateSummaryScript,
  lintScript,
  recordGateResultScript,
  recordJobResultsScript,
  recordPassScript,
} from '../../src/emit/gate-scripts.js';
import { quoteShellWord } from '../../src/emit/shell-quote.js';
import { ROOT } from '../support/paths.js';
import { stepScripts } from '../support/step-scripts.js';

const FIXTURES = resolve(ROOT, 'test', 'emit', 'fixtures', 'coverage-reports');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-gates-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PLATFORM = { DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64' };

function sh(shell: 'dash' | 'bash', script: string, env: Record<string, string> = {}) {
  return spawnSync(shell, ['-euc', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

const result = (file: string) =>
  readFileSync(join(dir, 'gates', `${file}.tsv`), 'utf8')
    .replace(/\n$/, '')
    .split('\t');

// The coverage check itself (every report format and failure) runs as templates/steps/coverage.sh in
// test/templates/step-scripts.test.ts; here, what the emitters add: the gates directory and the writer, once.
describe.each(['dash', 'bash'] as const)('coverageCheckScript (%s)', (shell) => {
  it.each([
    [false, 1],
    [true, 0],
  ])('writerDefined %s: defines gate_result %i time(s) and writes into the gates directory given', (defined, count) => {
    copyFileSync(join(FIXTURES, 'node-test.lcov.info'), join(dir, 'report'));
    const script = coverageCheckScript(stepScripts, '"$PWD/results"', defined);
    expect(script.split('\n').filter((line) => line === 'gate_result() {')).toHaveLength(count);
    const run = sh(shell, `${defined ? `${stepScripts.gateResult}\n` : ''}${script}`, {
      ...PLATFORM,
      DOCKYARD_COVERAGE_FILE: join(dir, 'report'),
      DOCKYARD_COVERAGE_FORMAT: 'lcov',
      DOCKYARD_COVERAGE_MINIMUM: '50',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'results', 'coverage-linux-amd64.tsv'), 'utf8')).toBe(
      'coverage\tlinux/amd64\tpass\t53.84%\t>= 50%\n',
    );
  });
});

describe('recordJobResultsScript and recordPassScript', () => {
  const gates = [
    { gate: 'test', perPlatform: true, threshold: 'every test passes' },
    { gate: 'coverage', perPlatform: true, threshold: '>= 80%' },
  ];

  it.each([
    ['success', 'pass', 'passed'],
    ['failure', 'fail', 'job failure, see its log'],
    ['failed', 'fail', 'job failed, see its log'],
  ])('job status %s writes %s for every gate without a result', (status, verdict, figure) => {
    const run = sh('dash', recordJobResultsScript(stepScripts, 'gates', gates), {
      ...PLATFORM,
      DOCKYARD_JOB_STATUS: status,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(result('test-linux-amd64')).toEqual(['test', 'linux/amd64', verdict, figure, 'every test passes']);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', verdict, figure, '>= 80%']);
  });

  it("keeps a result the gate's own check wrote: tests passed, then coverage failed", () => {
    expect(
      sh(
        'dash',
        recordPassScript(stepScripts, 'gates', 'test', 'stage test and 2 command(s) passed', 'every test passes'),
        PLATFORM,
      ).status,
    ).toBe(0);
    mkdirSync(join(dir, 'gates'), { recursive: true });
    writeFileSync(join(dir, 'gates', 'coverage-linux-amd64.tsv'), 'coverage\tlinux/amd64\tfail\t61.00%\t>= 80%\n');
    const run = sh('dash', recordJobResultsScript(stepScripts, 'gates', gates), {
      ...PLATFORM,
      DOCKYARD_JOB_STATUS: 'failure',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(result('test-linux-amd64')).toEqual([
      'test',
      'linux/amd64',
      'pass',
      'stage test and 2 command(s) passed',
      'every test passes',
    ]);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', 'fail', '61.00%', '>= 80%']);
  });

  it.each(['dash', 'bash'] as const)(
    'recordGateResultScript (%s): the one writer, with a command substitution as figure (the sign job) and tabs/newlines flattened',
    (shell) => {
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'published'), 'docker.io/acme/api@sha256:1\nregistry.example/api@sha256:2\n');
      const script = recordGateResultScript(stepScripts, '"$PWD/gates"', {
        file: 'sign',
        gate: 'sign',
        platform: '-',
        result: 'pass',
        figure: '"$(grep -c . out/published || true) indexes"',
        threshold: quoteShellWord("signed and attested (it's keyless)"),
      });
      expect(sh(shell, script, {}).status).toBe(0);
      expect(result('sign')).toEqual(['sign', '-', 'pass', '2 indexes', "signed and attested (it's keyless)"]);
      const flattened = recordGateResultScript(stepScripts, 'gates', {
        file: '"sbom-$DOCKYARD_SLUG"',
        gate: 'sbom',
        platform: '"$DOCKYARD_PLATFORM"',
        result: 'pass',
        figure: '"$FIGURE"',
        threshold: 'generated',
      });
      expect(sh(shell, flattened, { ...PLATFORM, FIGURE: 'spdx\tjson\nx' }).status).toBe(0);
      expect(result('sbom-linux-amd64')).toEqual(['sbom', 'linux/amd64', 'pass', 'spdx json x', 'generated']);
    },
  );

  it('writes a gate that runs once without a platform', () => {
    const run = sh(
      'dash',
      recordJobResultsScript(stepScripts, 'gates', [
        { gate: 'lint', perPlatform: false, threshold: 'no finding >= warning' },
      ]),
      { DOCKYARD_JOB_STATUS: 'success' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(result('lint')).toEqual(['lint', '-', 'pass', 'passed', 'no finding >= warning']);
  });
});

describe.each(['dash', 'bash'] as const)('gateSummaryScript (%s)', (shell) => {
  const files: Record<string, string> = {
    lint: 'lint\t-\tpass\t2 finding(s)\tno finding >= warning',
    'test-linux-amd64': 'test\tlinux/amd64\tpass\tstage test and 2 command(s) passed\tevery test passes',
    'coverage-linux-amd64': 'coverage\tlinux/amd64\tpass\t84.21%\t>= 80%',
    'size-linux-amd64':
      'size\tlinux/amd64\twarn\t612.40 MB compressed, 1500.00 MB uncompressed\t<= 500 MB compressed (warn)',
    'size-linux-arm64':
      'size\tlinux/arm64\tpass\t480.00 MB compressed, 1400.00 MB uncompressed\t<= 500 MB compressed (warn)',
  };
  const write = (entries: Record<string, string>) => {
    mkdirSync(join(dir, 'gates'), { recursive: true });
    for (const [name, line] of Object.entries(entries)) writeFileSync(join(dir, 'gates', `${name}.tsv`), `${line}\n`);
  };
  const run = (expected: string) =>
    sh(shell, gateSummaryScript(stepScripts, 'gates', '"$PWD/summary.md"'), { DOCKYARD_GATE_FILES: expected });

  it('renders every result file as one table (sorted by file name) and passes when every gate passed or warned', () => {
    write(files);
    const out = run(Object.keys(files).join(' '));
    expect(out.status, out.stderr).toBe(0);
    const table = [
      '### dockyard gates',
      '',
      '| gate | platform | result | figure | threshold |',
      '| --- | --- | --- | --- | --- |',
      '| coverage | linux/amd64 | pass | 84.21% | >= 80% |',
      '| lint | - | pass | 2 finding(s) | no finding >= warning |',
      '| size | linux/amd64 | warn | 612.40 MB compressed, 1500.00 MB uncompressed | <= 500 MB compressed (warn) |',
      '| size | linux/arm64 | pass | 480.00 MB compressed, 1400.00 MB uncompressed | <= 500 MB compressed (warn) |',
      '| test | linux/amd64 | pass | stage test and 2 command(s) passed | every test passes |',
      '',
    ].join('\n');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(table);
    expect(out.stdout).toBe(table);
  });

  it('fails on a failed gate, and shows a missing result as missing', () => {
    write({ ...files, 'coverage-linux-amd64': 'coverage\tlinux/amd64\tfail\t61.00%\t>= 80%' });
    const out = run(`${Object.keys(files).join(' ')} smoke-linux-amd64`);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('a gate failed or reported no result; nothing is published');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| coverage | linux/amd64 | fail | 61.00% | >= 80% |');
    expect(summary.trimEnd().split('\n').at(-1)).toBe('| smoke-linux-amd64 | - | missing | no result file | - |');
  });

  it('escapes | in a field and includes result files of gates it does not know (e.g. a scan written later)', () => {
    write({ 'scan-linux-amd64': 'scan\tlinux/amd64\tpass\t0 CRITICAL | 0 HIGH\tnone of CRITICAL,HIGH' });
    const out = run('');
    expect(out.status, out.stderr).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(
      '| scan | linux/amd64 | pass | 0 CRITICAL \\| 0 HIGH | none of CRITICAL,HIGH |',
    );
  });

  it('the final table (sign job) fails without claiming that nothing is published', () => {
    write({ sign: 'sign\t-\tfail\tjob failure, see its log\tsigned and attested' });
    const out = sh(shell, gateSummaryScript(stepScripts, 'gates', '"$PWD/summary.md"', 'final'), {
      DOCKYARD_GATE_FILES: 'sign',
    });
    expect(out.status).toBe(1);
    expect(out.stderr.split('\n')).toContain('dockyard: a gate failed or reported no result');
    expect(out.stderr).not.toContain('nothing is published');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(
      '| sign | - | fail | job failure, see its log | signed and attested |',
    );
  });

  it('fails when no gate reported at all', () => {
    const out = run('lint');
    expect(out.status).toBe(1);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('| lint | - | missing | no result file | - |');
  });
});

describe('lintScript', () => {
  /** A stand-in hadolint (hadolint cannot be installed here) that logs its arguments and prints tty findings. */
  function fakeHadolint(findings: string[], status: number) {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'hadolint'),
      `#!/bin/sh\necho "$@" > "${join(dir, 'args')}"\nprintf '%s\\n' ${findings.map((f) => `'${f}'`).join(' ')}\nexit ${status}\n`,
    );
    chmodSync(join(bin, 'hadolint'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }

  it.each([
    [[], 0, 'pass', '0 finding(s)'],
    [
      [
        'Dockerfile:3 DL3008 warning: Pin versions in apt get install',
        'Dockerfile:9 DL3059 info: Multiple consecutive RUN',
      ],
      1,
      'fail',
      '2 finding(s)',
    ],
    [['Dockerfile:9 DL3059 info: Multiple consecutive RUN'], 0, 'pass', '1 finding(s)'],
  ])('findings %j, hadolint exit %i → %s', (findings, status, verdict, figure) => {
    const run = sh('dash', lintScript(stepScripts, 'hadolint', 'gates'), {
      PATH: fakeHadolint(findings, status),
      DOCKYARD_DOCKERFILE: 'Dockerfile',
      DOCKYARD_LINT_THRESHOLD: 'warning',
      DOCKYARD_LINT_IGNORE: 'DL3018 DL3006',
    });
    expect(run.status).toBe(status);
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe(
      '--no-color --failure-threshold warning --ignore DL3018 --ignore DL3006 Dockerfile',
    );
    for (const finding of findings) expect(run.stdout).toContain(finding);
    expect(result('lint')).toEqual(['lint', '-', verdict, figure, 'no finding >= warning']);
    expect(readdirSync(join(dir, 'gates'))).toEqual(['lint.tsv']);
  });
});

describe('the words the emitters replace in a step file', () => {
  it.each([
    [
      'lint.sh without its hadolint line',
      () => lintScript({ ...stepScripts, lint: 'true' }, 'hadolint', 'gates'),
      'dockyard: a step script lacks /^hadolint /m',
    ],
    [
      "gate-summary.sh without '; nothing is published' (final table)",
      () => gateSummaryScript({ ...stepScripts, gateSummary: 'exit 1' }, 'gates', 'out', 'final'),
      'dockyard: a step script lacks /; nothing is published"/',
    ],
  ])('fail on %s', (_, render, message) => {
    expect(render).toThrow(message);
  });
});
