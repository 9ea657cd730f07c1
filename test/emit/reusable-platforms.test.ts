import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  GITLAB_PLATFORM_FILTER,
  GITLAB_PLATFORM_GUARD,
  selectGithubPlatforms,
  selectGitlabPlatforms,
} from '../../src/emit/reusable-platforms.js';
import {
  isGitlabCiLocalAvailable,
  listGitlabCiLocalJobs,
  previewGitlabCiLocal,
} from '../../src/validate/check-gitlab-ci-local.js';
import { renderReusableScenario } from '../support/render-scenario.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { gitlabPlatformJobsOf } from '../support/gitlab-jobs.js';

const NO_GITLAB_CI_LOCAL = skipWithoutTools(
  'the component under gitlab-ci-local with the platforms input',
  isGitlabCiLocalAvailable() ? [] : ['gitlab-ci-local or git'],
);

type Obj = Record<string, any>;

const { content, reusable, component } = renderReusableScenario('reusable-both');
const body = component.body as Obj;
const header = component.header as Obj;

const AMD = { platform: 'linux/amd64', slug: 'linux-amd64' };
const ARM = { platform: 'linux/arm64', slug: 'linux-arm64' };
const AMD_BUILD = { ...AMD, runner: 'ubuntu-24.04', qemu: false };
const ARM_BUILD = { ...ARM, runner: 'ubuntu-24.04-arm', qemu: false };

describe('the platforms input on both platforms', () => {
  it('is declared the same on both, defaulting to every configured platform', () => {
    const github = reusable.on.workflow_call.inputs.platforms;
    const gitlab = header.spec.inputs.platforms;
    expect(github).toMatchObject({ type: 'string', default: 'linux/amd64,linux/arm64' });
    expect(gitlab).toMatchObject({ type: 'string', default: github.default, description: github.description });
    expect(gitlab.regex).toBe('^(linux\\/amd64|linux\\/arm64)(,(linux\\/amd64|linux\\/arm64))*$');
  });

  it('is not declared for one platform', () => {
    const one = {
      build: { name: 'b', 'runs-on': 'x', strategy: { 'fail-fast': true, matrix: { include: [AMD] } }, steps: [] },
    };
    expect(selectGithubPlatforms(one).inputs).toEqual([]);
    expect(
      selectGitlabPlatforms({ build: { script: ['x'], parallel: { matrix: [{ DOCKYARD_PLATFORM: 'linux/amd64' }] } } })
        .inputs,
    ).toEqual([]);
  });

  it.each(['build', 'test', 'scan', 'size'].map((j) => [j]))(
    'GitHub %s takes its matrix from the platforms job',
    (job) => {
      expect(reusable.jobs[job].needs[0]).toBe('platforms');
      expect(reusable.jobs[job].strategy.matrix).toBe(`\${{ fromJSON(needs.platforms.outputs.${job}) }}`);
    },
  );

  it('GitHub push (one job) pushes the selected slugs and downloads only their candidates', () => {
    const push = reusable.jobs.push as Obj;
    expect(push.strategy).toBeUndefined();
    expect(push.needs[0]).toBe('platforms');
    const steps = push.steps as Obj[];
    expect(steps.find((s) => s.env?.DOCKYARD_SLUGS)?.env.DOCKYARD_SLUGS).toBe('${{ needs.platforms.outputs.slugs }}');
    const downloads = steps.filter((s) => String(s.with?.name ?? '').startsWith('dockyard-candidate-'));
    expect(downloads.map((s) => [s.with.name, s.if])).toEqual([
      [
        'dockyard-candidate-linux-amd64',
        "${{ contains(format(' {0} ', needs.platforms.outputs.slugs), ' linux-amd64 ') }}",
      ],
      [
        'dockyard-candidate-linux-arm64',
        "${{ contains(format(' {0} ', needs.platforms.outputs.slugs), ' linux-arm64 ') }}",
      ],
    ]);
  });

  it('GitHub gates and manifest read the selected gate files and slugs', () => {
    const env = (job: string) => Object.assign({}, ...(reusable.jobs[job].steps as Obj[]).map((s) => s.env ?? {}));
    expect(env('gates').DOCKYARD_GATE_FILES).toBe('${{ needs.platforms.outputs.gate_files }}');
    expect(env('manifest').DOCKYARD_SLUGS).toBe('${{ needs.platforms.outputs.slugs }}');
    expect(reusable.jobs.gates.needs).toContain('platforms');
    expect(reusable.jobs.manifest.needs).toContain('platforms');
  });

  it('GitHub jobs that run whatever their needs did wait for an accepted platforms input', () => {
    // The gate summary runs unless cancelled: after a rejected input it would summarise an empty gate list as passed.
    expect(reusable.jobs.gates.if).toBe("${{ (!cancelled()) && needs.platforms.result == 'success' }}");
    for (const [id, job] of Object.entries(reusable.jobs as Record<string, Obj>)) {
      const condition = String(job.if ?? '');
      if (/\b(always|cancelled)\(\)/.test(condition) && (job.needs as string[] | undefined)?.includes('platforms')) {
        expect(condition.includes('!failure()') || condition.includes("needs.platforms.result == 'success'"), id).toBe(
          true,
        );
      }
    }
  });

  it('GitLab push (one job) narrows its slugs to the selected platforms first', () => {
    const push = body.push as Obj;
    expect(push.script[0]).toBe(GITLAB_PLATFORM_FILTER);
    expect(push.variables.DOCKYARD_SLUGS).toBe('linux-amd64 linux-arm64');
  });

  it.each(['build', 'test', 'scan', 'size'].map((j) => [j]))(
    'GitLab %s (every job per platform) starts its script with the guard',
    (job) => {
      const jobs = job === 'build' ? [body.build as Obj] : gitlabPlatformJobsOf(body, job).map(([, j]) => j);
      expect(jobs.length).toBeGreaterThan(0);
      for (const j of jobs) {
        expect(j.script[0]).toBe(GITLAB_PLATFORM_GUARD);
        if (j.after_script) expect(j.after_script[0]).toBe(GITLAB_PLATFORM_GUARD);
      }
    },
  );
});

/** Run the GitHub platforms step with bash; outputs parsed (matrices as JSON). */
function runSelect(platforms: string) {
  const step = (reusable.jobs.platforms.steps as Obj[])[0];
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-platforms-'));
  try {
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const env = { ...step.env, DOCKYARD_PLATFORMS: platforms, GITHUB_OUTPUT: output, PATH: process.env.PATH ?? '' };
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', step.run], { encoding: 'utf8', env });
    const outputs: Obj = {};
    for (const line of readFileSync(output, 'utf8').split('\n').filter(Boolean)) {
      const [key, ...rest] = line.split('=');
      outputs[key] = rest.join('=');
    }
    return { status: run.status, out: run.stdout, err: run.stderr, outputs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the GitHub platforms step, run for real with bash', () => {
  it.each([
    [
      'every platform',
      'linux/amd64,linux/arm64',
      [AMD_BUILD, ARM_BUILD],
      [AMD_BUILD],
      [AMD, ARM],
      'lint test-linux-amd64 scan-linux-amd64 scan-linux-arm64 size-linux-amd64 size-linux-arm64',
      'linux-amd64 linux-arm64',
    ],
    [
      'amd64 only',
      'linux/amd64',
      [AMD_BUILD],
      [AMD_BUILD],
      [AMD],
      'lint test-linux-amd64 scan-linux-amd64 size-linux-amd64',
      'linux-amd64',
    ],
    [
      'both, reversed: config order kept',
      'linux/arm64,linux/amd64',
      [AMD_BUILD, ARM_BUILD],
      [AMD_BUILD],
      [AMD, ARM],
      'lint test-linux-amd64 scan-linux-amd64 scan-linux-arm64 size-linux-amd64 size-linux-arm64',
      'linux-amd64 linux-arm64',
    ],
  ])('%s', (_, platforms, build, test, scan, gateFiles, slugs) => {
    const run = runSelect(platforms);
    expect(run.status, run.err + run.out).toBe(0);
    expect(JSON.parse(run.outputs.build)).toEqual({ include: build });
    expect(JSON.parse(run.outputs.test)).toEqual({ include: test });
    expect(JSON.parse(run.outputs.scan)).toEqual({ include: scan });
    expect(run.outputs.push).toBeUndefined();
    expect(run.outputs.gate_files).toBe(gateFiles);
    expect(run.outputs.slugs).toBe(slugs);
  });

  it.each([
    [
      'an unknown platform',
      'linux/amd64,linux/s390x',
      '::error::platforms: expected a comma-separated subset of linux/amd64, linux/arm64; got "linux/amd64,linux/s390x"',
    ],
    [
      'an empty selection',
      '',
      '::error::platforms: expected a comma-separated subset of linux/amd64, linux/arm64; got ""',
    ],
    [
      'a job left with no platform (test runs on amd64 only)',
      'linux/arm64',
      '::error::platforms: job test runs on none of the selected platforms (linux/arm64)',
    ],
  ])('fails on %s', (_, platforms, message) => {
    const run = runSelect(platforms);
    expect(run.status).toBe(1);
    expect(run.out).toContain(message);
  });
});

function dash(script: string, env: Record<string, string>) {
  const run = spawnSync('dash', ['-euc', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('the GitLab guard and filter, run for real with dash', () => {
  it.each([
    ['a selected platform runs on', 'linux/amd64,linux/arm64', 'linux/arm64', 'ran\n'],
    ['the only selected platform runs on', 'linux/amd64', 'linux/amd64', 'ran\n'],
    [
      'an unselected platform is skipped',
      'linux/amd64',
      'linux/arm64',
      'dockyard: linux/arm64 is not in the platforms input (linux/amd64); skipped\n',
    ],
  ])('%s', (_, platforms, platform, out) => {
    const run = dash(`${GITLAB_PLATFORM_GUARD}\necho ran`, {
      DOCKYARD_PLATFORMS: platforms,
      DOCKYARD_PLATFORM: platform,
    });
    expect(run).toMatchObject({ status: 0, out });
  });

  const FILES = 'lint test-linux-amd64 scan-linux-amd64 scan-linux-arm64 size-linux-amd64 size-linux-arm64';
  it.each([
    ['every platform', 'linux/amd64,linux/arm64', FILES, 'linux-amd64 linux-arm64'],
    ['amd64 only', 'linux/amd64', 'lint test-linux-amd64 scan-linux-amd64 size-linux-amd64', 'linux-amd64'],
  ])('the filter keeps %s', (_, platforms, files, slugs) => {
    const env = {
      DOCKYARD_PLATFORMS: platforms,
      DOCKYARD_ALL_SLUGS: 'linux-amd64 linux-arm64',
      DOCKYARD_GATE_FILES: FILES,
      DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
    };
    const run = dash(`${GITLAB_PLATFORM_FILTER}\necho "$DOCKYARD_GATE_FILES|$DOCKYARD_SLUGS"`, env);
    expect(run).toMatchObject({ status: 0, out: `${files}|${slugs}\n` });
  });

  it('the filter fails when a gate job keeps no platform', () => {
    const env = {
      DOCKYARD_PLATFORMS: 'linux/arm64',
      DOCKYARD_ALL_SLUGS: 'linux-amd64 linux-arm64',
      DOCKYARD_GATE_FILES: FILES,
    };
    const run = dash(GITLAB_PLATFORM_FILTER, env);
    expect(run.status).toBe(1);
    expect(run.err).toContain('dockyard: platforms: job test runs on none of the selected platforms (linux/arm64)');
  });

  it('the manifest has no gate files: only its slugs are filtered', () => {
    const run = dash(`${GITLAB_PLATFORM_FILTER}\necho "$DOCKYARD_SLUGS"`, {
      DOCKYARD_PLATFORMS: 'linux/arm64',
      DOCKYARD_ALL_SLUGS: 'linux-amd64 linux-arm64',
      DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
    });
    expect(run).toMatchObject({ status: 0, out: 'linux-arm64\n' });
  });
});

describe.skipIf(NO_GITLAB_CI_LOCAL)('the component through gitlab-ci-local with the platforms input', () => {
  const path = 'templates/image.yml';
  const caller = (inputs: Obj) => stringify({ include: [{ local: path, inputs }] });
  const opts = { extraFiles: { [path]: content(path) } };

  it('accepts a subset and interpolates it into DOCKYARD_PLATFORMS', async () => {
    const jobs = await listGitlabCiLocalJobs(caller({ platforms: 'linux/amd64' }), opts);
    // Every matrix job is still created (matrix variables stay out of rules); the guard skips unselected ones.
    expect(jobs.map((j) => j.name)).toEqual(
      expect.arrayContaining([
        'build: [linux/amd64,linux-amd64,saas-linux-small-amd64]',
        'build: [linux/arm64,linux-arm64,saas-linux-small-arm64]',
      ]),
    );
    const preview = parse(await previewGitlabCiLocal(caller({ platforms: 'linux/amd64' }), opts)) as Obj;
    expect(preview.variables.DOCKYARD_PLATFORMS).toBe('linux/amd64');
  });

  it('defaults to every platform', async () => {
    const preview = parse(await previewGitlabCiLocal(caller({}), opts)) as Obj;
    expect(preview.variables.DOCKYARD_PLATFORMS).toBe('linux/amd64,linux/arm64');
  });

  it.each([['linux/s390x'], ['linux/amd64,'], ['linux/amd64;linux/arm64']])('rejects %s', async (value) => {
    await expect(listGitlabCiLocalJobs(caller({ platforms: value }), opts)).rejects.toThrow(
      /`platforms` input: .* does not match required regex/,
    );
  });
});
