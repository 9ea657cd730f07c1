import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGitlabCi } from '../../../src/targets/gitlab/emit-gitlab-ci.js';
import { gitlabJobIdOf } from '../../../src/targets/gitlab/gitlab-platform-jobs.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { resolveGitlabCiLocalCommand } from '../../../src/validate/check-gitlab-ci-local.js';
import { findExecutable } from '../../../src/validate/run-process.js';
import { skipWithoutTools } from '../../support/required-tools.js';
import { stepScripts } from '../../support/step-scripts.js';

/*
 * On GitLab every per-platform job after the build is one job per platform that needs only its own platform's
 * build instance (`needs:parallel:matrix`), so it waits for and downloads that platform's archive only; before,
 * `needs: [build]` inside a `parallel: matrix` job fetched every platform's archive into every instance.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const BASE = {
  ci: ['gitlab'],
  image: { name: 'acme/api' },
  cache: 'none',
  tags: ['type=ref,event=branch', 'type=sha'],
};
const CONFIGS: Array<[string, Obj]> = [
  [
    'two platforms, test on amd64',
    { ...BASE, platforms: ['linux/amd64', 'linux/arm64'], test: { commands: ['true'] } },
  ],
  [
    'three platforms, test, smoke and size on two',
    {
      ...BASE,
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      test: { commands: ['true'], platforms: ['linux/amd64', 'linux/arm64'], smoke: {} },
      size: { limit: 200 },
    },
  ],
  [
    'registry handoff',
    { ...BASE, platforms: ['linux/amd64', 'linux/arm64'], handoff: 'registry', test: { commands: ['true'] } },
  ],
];

function emit(config: Obj): Obj {
  const result = validateConfig(config);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return emitGitlabCi(stepScripts, planPipeline(result.config), '.gitlab/dockyard-meta.mjs') as Obj;
}

/** The build instances: each `parallel: matrix` entry of the build job. */
function buildEntries(ci: Obj): Array<Record<string, string>> {
  return ((ci.build as Obj).parallel as { matrix: Array<Record<string, string>> }).matrix;
}

describe('GitLab jobs per platform: needs', () => {
  it.each(CONFIGS)(
    '%s: each platform job needs exactly its own platform\u2019s build instance, with every matrix variable',
    (_, config) => {
      const ci = emit(config);
      const entries = buildEntries(ci);
      const platformJobs = Object.entries(ci).filter(
        (e): e is [string, Obj] => isObj(e[1]) && typeof e[1].extends === 'string' && e[0] !== gitlabJobIdOf(e[0]),
      );
      expect(platformJobs.length).toBeGreaterThan(0);
      for (const [name, job] of platformJobs) {
        const platform = (job.variables as Obj).DOCKYARD_PLATFORM;
        expect(name, 'the name carries the platform').toContain(`[${String(platform)}`);
        const onBuild = (job.needs as unknown[]).filter((n) => (isObj(n) ? n.job : n) === 'build');
        expect(onBuild, `${name} needs one build instance`).toEqual([
          { job: 'build', parallel: { matrix: [entries.find((e) => e.DOCKYARD_PLATFORM === platform)] } },
        ]);
        // GitLab matches needs:parallel:matrix on the whole set of matrix variables (gitlab-org/gitlab!118839)
        expect(Object.keys((onBuild[0] as { parallel: { matrix: Obj[] } }).parallel.matrix[0]!)).toEqual(
          Object.keys(entries[0]!),
        );
      }
    },
  );

  it.each(CONFIGS)('%s: no job names a job that does not exist, and the build is the only matrix job', (_, config) => {
    const ci = emit(config);
    const jobs = Object.entries(ci).filter(
      (e): e is [string, Obj] => isObj(e[1]) && ('script' in e[1] || 'extends' in e[1]) && !e[0].startsWith('.'),
    );
    for (const [name, job] of jobs) {
      for (const need of (job.needs as unknown[] | undefined) ?? [])
        expect(Object.keys(ci), `${name} needs ${JSON.stringify(need)}`).toContain(isObj(need) ? need.job : need);
      if (name !== 'build') expect(job, name).not.toHaveProperty('parallel');
    }
  });
});

// --- behaviour under gitlab-ci-local: which artifacts each platform job receives ---------------------------

const glci = resolveGitlabCiLocalCommand();
const missing = [
  ...['git', 'rsync'].filter((t) => findExecutable(t) === undefined),
  ...(glci ? [] : ['gitlab-ci-local']),
];
const skip = skipWithoutTools('GitLab jobs per platform under gitlab-ci-local', missing);

/**
 * The emitted pipeline with every script replaced by a probe, keeping needs, extends, artifacts and rules: the build
 * writes its platform's `dockyard/<slug>/image.tar`; every other job lists the platform directories it received in
 * `dockyard/` and fails unless it holds exactly its own (a job that runs once may see every platform).
 */
function probePipeline(ci: Obj): Obj {
  const out: Obj = {};
  for (const [name, value] of Object.entries(ci)) {
    if (!isObj(value) || !('script' in value)) {
      out[name] = value;
      continue;
    }
    const { image: _image, after_script: _after, cache: _cache, services: _services, ...job } = value;
    const received =
      'got=$(cd dockyard 2>/dev/null && ls -d linux-* 2>/dev/null | tr "\\n" " " || true); echo "received: ${got:-none}"';
    const script =
      name === 'build'
        ? [
            'mkdir -p "dockyard/$DOCKYARD_SLUG" && echo "$DOCKYARD_PLATFORM" > "dockyard/$DOCKYARD_SLUG/image.tar" && echo sha256:0 > "dockyard/$DOCKYARD_SLUG/digest"',
          ]
        : [
            received,
            'if [ -n "${DOCKYARD_SLUG:-}" ] && [ "$got" != "$DOCKYARD_SLUG " ]; then echo "dockyard-probe: $DOCKYARD_SLUG got $got" >&2; exit 1; fi',
            'mkdir -p dockyard/gates dockyard/digests dockyard/sbom dockyard/coverage',
          ];
    out[name] = {
      ...job,
      script,
      artifacts: name === 'build' ? job.artifacts : { paths: ['dockyard/gates/'], when: 'always' },
    };
  }
  return out;
}

describe.skipIf(skip)('GitLab jobs per platform under gitlab-ci-local', () => {
  let project: string;
  let log: string;
  let status: number | null;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'dockyard-platform-jobs-'));
    const ci = probePipeline(emit(CONFIGS[1]![1]));
    // The probe runs in the shell executor: no workflow rules and the metadata helper are needed.
    delete ci.workflow;
    writeFileSync(join(project, '.gitlab-ci.yml'), stringify(ci));
    spawnSync('git', ['init', '-q', '-b', 'main', project]);
    spawnSync('git', ['-C', project, 'add', '-A']);
    spawnSync('git', [
      '-C',
      project,
      '-c',
      'user.email=ci@example.invalid',
      '-c',
      'user.name=ci',
      'commit',
      '-qm',
      'probe',
    ]);
    const jobs = Object.keys(ci).filter(
      (n) => ['build', 'test', 'smoke', 'size', 'scan', 'push'].includes(gitlabJobIdOf(n)) && !n.startsWith('.'),
    );
    const run = spawnSync(
      glci![0],
      [
        ...glci!.slice(1),
        '--force-shell-executor',
        '--shell-isolation',
        '--ignore-predefined-vars',
        'CI_COMMIT_REF_PROTECTED',
        '--variable',
        'CI_COMMIT_REF_PROTECTED=true',
        '--no-color',
        '--needs',
        ...jobs,
      ],
      {
        cwd: project,
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    status = run.status;
    log = `${run.stdout}${run.stderr}`;
  }, 320_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('every platform job of test, smoke, size and scan receives its own platform\u2019s archive and no other; the one push job every platform\u2019s', () => {
    expect(status, log.slice(-4000)).toBe(0);
    expect(log).not.toContain('> dockyard-probe:');
    const expected: Array<[string, string]> = [
      ['test: [linux/amd64]', 'linux-amd64'],
      ['test: [linux/arm64]', 'linux-arm64'],
      ['smoke: [linux/arm64]', 'linux-arm64'],
      ['size: [linux/arm/v7]', 'linux-arm-v7'],
      ['scan: [linux/arm/v7]', 'linux-arm-v7'],
      ['push', 'linux-amd64 linux-arm-v7 linux-arm64'],
    ];
    for (const [job, slug] of expected)
      expect(log, job).toMatch(new RegExp(`^${job.replace(/[[\]/]/g, '\\$&')}\\s+> received: ${slug}\\s*$`, 'm'));
  });
});
