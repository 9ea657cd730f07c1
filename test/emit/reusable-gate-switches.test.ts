import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateConfig } from '../../src/config/validate-config.js';
import { switchGithubGates } from '../../src/targets/github/github-gate-switches.js';
import { switchGitlabGates } from '../../src/targets/gitlab/gitlab-gate-switches.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles, type GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { isGitlabCiLocalAvailable, listGitlabCiLocalJobs } from '../../src/validate/check-gitlab-ci-local.js';
import { splitComponentTemplate } from '../../src/validate/check-gitlab-component.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { renderReusableScenario } from '../support/render-scenario.js';
import { validateGeneratedFile } from '../support/validate-generated.js';
import { skipWithoutTools } from '../support/required-tools.js';

const NO_GITLAB_CI_LOCAL = skipWithoutTools(
  'the component under gitlab-ci-local with switch and severity inputs',
  isGitlabCiLocalAvailable() ? [] : ['gitlab-ci-local or git'],
);

type Obj = Record<string, any>;

const { content, reusable, component } = renderReusableScenario('reusable-both');
const body = component.body as Obj;

describe('switchGithubGates', () => {
  it.each([
    ['a gate job', 'scan', '${{ inputs.scan && !cancelled() && !failure() }}'],
    ['a gate job with no needs', 'lint', '${{ inputs.lint }}'],
    ['a job needing a gate (build needs lint)', 'build', '${{ !cancelled() && !failure() }}'],
    ['a job needing a gate only transitively (test needs build)', 'test', '${{ !cancelled() && !failure() }}'],
    // (and, with more than one platform, also waits for the platforms job: reusable-platforms.test.ts)
    [
      'a job with its own status function keeps it',
      'gates',
      "${{ (!cancelled()) && needs.platforms.result == 'success' }}",
    ],
    [
      'a job with a condition gets it in parentheses',
      'push',
      "${{ !cancelled() && !failure() && (github.event_name != 'pull_request' && !(github.event.inputs.push == 'false') && needs.metadata.outputs.publishes == 'true') }}",
    ],
    ['a job needing no gate is unchanged', 'metadata', undefined],
  ])('%s', (_, job, expected) => {
    expect(reusable.jobs[job].if).toBe(expected);
  });

  it('declares one boolean input per present gate job, default true, and none without gate jobs', () => {
    const inputs = reusable.on.workflow_call.inputs as Obj;
    expect(['lint', 'scan', 'size'].map((g) => inputs[g])).toEqual(
      Array(3).fill(expect.objectContaining({ type: 'boolean', default: true })),
    );
    expect(inputs.test).toBeUndefined();
    expect(switchGithubGates({ build: { needs: [] }, test: { needs: ['build'] } }).inputs).toEqual([]);
  });
});

describe('switchGitlabGates', () => {
  it.each([
    [
      'a gate job (the hidden job its platform jobs extend) gets a first never-rule on its input',
      '.scan',
      { rules: [{ if: '"$[[ inputs.scan ]]" != "true"', when: 'never' }, { when: 'on_success' }] },
    ],
    ['each platform job of a gate inherits the never-rule', 'scan: [linux/arm64]', { extends: '.scan' }],
    [
      'its dependents need each of its platform jobs optionally',
      'push',
      {
        needs: expect.arrayContaining([
          { job: 'scan: [linux/amd64]', optional: true },
          { job: 'scan: [linux/arm64]', optional: true },
          { job: 'size: [linux/amd64]', optional: true },
          'gates',
        ]),
      },
    ],
    [
      'the summary gets the switches',
      'gates',
      {
        variables: expect.objectContaining({
          DOCKYARD_GATE_SWITCHES: 'lint=$[[ inputs.lint ]] scan=$[[ inputs.scan ]] size=$[[ inputs.size ]]',
        }),
      },
    ],
  ])('%s', (_, job, expected) => {
    expect(body[job]).toMatchObject(expected);
  });

  it("leaves the platform jobs without rules of their own, so they inherit the hidden job's", () => {
    for (const name of ['scan: [linux/amd64]', 'scan: [linux/arm64]', 'size: [linux/amd64]'])
      expect(body[name], name).not.toHaveProperty('rules');
  });

  it('puts the never-rule before existing rules', () => {
    const { config } = switchGitlabGates({ scan: { script: ['x'], rules: [{ if: '$A', when: 'never' }] } });
    expect((config.scan as Obj).rules).toEqual([
      { if: '"$[[ inputs.scan ]]" != "true"', when: 'never' },
      { if: '$A', when: 'never' },
    ]);
  });
});

/** Run a gate summary script in a scratch directory holding `results` as result files. */
function runSummary(shell: 'bash' | 'dash', script: string, results: readonly string[], env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-switch-'));
  try {
    const gates = join(dir, 'dockyard', 'gates');
    mkdirSync(gates, { recursive: true });
    for (const name of results) writeFileSync(join(gates, `${name}.tsv`), `${name.split('-')[0]}\t-\tpass\tok\t-\n`);
    const run = spawnSync(shell, ['-euc', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: dir, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), ...env },
    });
    return { status: run.status, out: run.stdout, err: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILES = 'lint test-linux-amd64 scan-linux-amd64 scan-linux-arm64 size-linux-amd64 size-linux-arm64';
const githubSummary = (reusable.jobs.gates.steps as Obj[]).find((s) => s.name === 'Summarise the gates')!.run as string;
const gitlabSummary = (body.gates.script as string[]).find((s) => s.includes('no result file'))!;
describe.each([
  ['GitHub (bash)', 'bash' as const, githubSummary],
  ['GitLab (dash)', 'dash' as const, gitlabSummary],
])('the %s gate summary with switches, run for real', (_, shell, script) => {
  it.each([
    ['every gate on, every result there', 'lint=true scan=true size=true', FILES.split(' '), 0, [], []],
    [
      'scan off, no scan results',
      'lint=true scan=false size=true',
      ['lint', 'test-linux-amd64', 'size-linux-amd64', 'size-linux-arm64'],
      0,
      ['| scan-linux-amd64 | - | skipped | switched off by input | - |'],
      ['missing'],
    ],
    [
      'lint and size off',
      'lint=false scan=true size=false',
      ['test-linux-amd64', 'scan-linux-amd64', 'scan-linux-arm64'],
      0,
      ['| lint | - | skipped |', '| size-linux-arm64 | - | skipped |'],
      ['missing'],
    ],
    [
      'scan on but its results missing',
      'lint=true scan=true size=true',
      ['lint', 'test-linux-amd64', 'size-linux-amd64', 'size-linux-arm64'],
      1,
      ['| scan-linux-amd64 | - | missing |'],
      ['skipped'],
    ],
    [
      'test has no switch: its missing results fail',
      'lint=false scan=false size=false',
      [],
      1,
      ['| test-linux-amd64 | - | missing |', '| lint | - | skipped |'],
      [],
    ],
  ])('%s', (_, switches, results, status, present, absent) => {
    const run = runSummary(shell, script, results, { DOCKYARD_GATE_FILES: FILES, DOCKYARD_GATE_SWITCHES: switches });
    expect(run.status, run.err).toBe(status);
    for (const text of present) expect(run.out).toContain(text);
    for (const text of absent) expect(run.out).not.toContain(text);
  });
});

describe.skipIf(NO_GITLAB_CI_LOCAL)('the component through gitlab-ci-local with switch and severity inputs', () => {
  const path = 'templates/image.yml';
  const created = async (inputs: Obj) => {
    const jobs = await listGitlabCiLocalJobs(stringify({ include: [{ local: path, inputs }] }), {
      extraFiles: { [path]: content(path) },
    });
    return jobs.filter((j) => j.when !== 'never').map((j) => j.name.replace(/: \[.*\]$/, ''));
  };
  it.each([
    // push and manifest run only on protected refs, which the local run is not.
    ['the defaults', {}, ['lint', 'build', 'test', 'scan', 'size', 'gates'], []],
    ['scan off', { scan: false }, ['lint', 'build', 'test', 'size', 'gates'], ['scan']],
    [
      'lint and size off',
      { lint: false, size: false, scan_severities: 'LOW,CRITICAL' },
      ['build', 'test', 'scan', 'gates'],
      ['lint', 'size'],
    ],
  ])('%s', async (_, inputs, present, absent) => {
    const names = await created(inputs);
    for (const name of present) expect(names).toContain(name);
    for (const name of absent) expect(names).not.toContain(name);
  });

  it('rejects severities outside Trivy’s names', async () => {
    await expect(created({ scan_severities: 'SEVERE' })).rejects.toThrow(
      /`scan_severities` input: `SEVERE` does not match required regex/,
    );
  });
});

describe('every gate, deploy and notify in reusable mode (the full scenario)', () => {
  const full = validateConfig({
    ...GOLDEN_SCENARIOS['full-gates-deploy-notify-both'],
    output: { mode: 'reusable', reusable: { name: 'image' } },
  });
  if (!full.ok) throw new Error(JSON.stringify(full.errors));
  const rendered = renderPipelineFiles(
    full.config,
    { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
    readRenderAssets(),
  );
  const workflow = parse(rendered.find((f) => f.path === '.github/workflows/image.yml')!.content) as Obj;
  const template = splitComponentTemplate(rendered.find((f) => f.path === 'templates/image.yml')!.content)!;

  it('declares a switch for each optional gate job on both platforms, the same on both', () => {
    const github = Object.entries(workflow.on.workflow_call.inputs as Obj)
      .filter(([, i]) => i.type === 'boolean')
      .map(([n]) => n);
    const gitlab = Object.entries((template.header as Obj).spec.inputs as Obj)
      .filter(([, i]) => i.type === 'boolean')
      .map(([n]) => n);
    expect(github).toEqual(['lint', 'scan', 'smoke', 'size', 'sbom']);
    expect(gitlab).toEqual(github);
  });

  it.each(['push', 'manifest', 'sign', 'deploy-staging', 'deploy-production', 'notify-success'].map((j) => [j]))(
    'GitHub %s still runs when a gate is skipped',
    (job) => {
      expect(workflow.jobs[job], Object.keys(workflow.jobs).join(', ')).toBeDefined();
      expect(workflow.jobs[job].if).toContain('!cancelled() && !failure()');
      expect(workflow.jobs[job].if).not.toContain('success()');
    },
  );

  it('GitHub notify-failure keeps failure(): a skipped gate is no failure', () => {
    expect(workflow.jobs['notify-failure'].if).toContain('failure()');
  });

  it.each(rendered.filter((f) => f.kind === 'pipeline').map((f) => [f.path, f]))(
    '%s passes the validators',
    async (_, f) => {
      const findings = await validateGeneratedFile(f as GeneratedFile, rendered);
      expect(findings.filter((x) => x.severity === 'error').map((x) => `${x.file}: ${x.message}`)).toEqual([]);
    },
    120_000,
  );
});
