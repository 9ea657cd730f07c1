import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGitlabCi } from '../../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { resolveGitlabCiLocalCommand } from '../../../src/validate/check-gitlab-ci-local.js';
import { findExecutable } from '../../../src/validate/run-process.js';
import { stepScripts } from '../../support/step-scripts.js';

/*
 * A GitLab pipeline on an unprotected ref must not go green while publishing nothing: the publish jobs need
 * `CI_COMMIT_REF_PROTECTED == "true"`, so the `unprotected-ref` job takes their place there and fails, saying why.
 * GitLab's own rule evaluation and dotenv handling come from gitlab-ci-local (shell executor; the jobs need only sh
 * and Node.js). Predefined variables are overridden with --variable, as a runner's would be set by GitLab.
 */
const glci = resolveGitlabCiLocalCommand();
const missing = [
  ...['git', 'rsync'].filter((t) => findExecutable(t) === undefined),
  ...(glci ? [] : ['gitlab-ci-local']),
];
if (missing.length > 0)
  console.warn(`SKIPPED: unprotected-ref under gitlab-ci-local (missing: ${missing.join(', ')}).`);

const CONFIG = {
  ci: ['gitlab'],
  image: { name: 'acme/probe' },
  cache: 'none',
  tags: ['type=ref,event=branch', 'type=sha'],
  test: { commands: ['true'] },
};
let project: string;

function gitlabCiLocal(...args: string[]): { status: number | null; log: string } {
  const run = spawnSync(glci![0], [...glci!.slice(1), ...args], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, log: `${run.stdout}${run.stderr}` };
}

/** Job names (first column) of `gitlab-ci-local --list` with the ref's protection. */
function listJobs(protectedRef: boolean, variables: string[] = []): string[] {
  const run = gitlabCiLocal(
    '--list',
    '--variable',
    `CI_COMMIT_REF_PROTECTED=${protectedRef}`,
    ...variables.flatMap((v) => ['--variable', v]),
  );
  expect(run.status, run.log).toBe(0);
  const lines = run.log.split('\n');
  return lines
    .slice(lines.findIndex((l) => l.startsWith('name ')) + 1)
    .map((l) => l.split(/\s{2,}/)[0])
    .filter(Boolean);
}

describe.skipIf(missing.length > 0 && process.env.CI !== 'true')(
  'GitLab: the unprotected-ref job under gitlab-ci-local',
  () => {
    beforeAll(async () => {
      project = mkdtempSync(join(tmpdir(), 'dockyard-unprotected-'));
      writeFileSync(join(project, 'dockyard.config.json'), JSON.stringify(CONFIG));
      expect(
        await runCli(['synth', '--dir', project], {
          out: () => undefined,
          err: () => undefined,
          color: createColors(false),
        }),
      ).toBe(0);
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
        'init',
      ]);
    }, 60_000);
    afterAll(() => {
      if (project) rmSync(project, { recursive: true, force: true });
    });

    it.each([
      [true, ['push', 'manifest'], 'unprotected-ref'],
      [false, ['unprotected-ref'], 'manifest'],
    ])(
      'protected ref %s: the pipeline has %j and not %s',
      (protectedRef, present, absent) => {
        const jobs = listJobs(protectedRef);
        for (const job of present) expect(jobs).toContain(job);
        expect(jobs).not.toContain(absent);
      },
      60_000,
    );

    it('a manual ("Run pipeline") run of an unconfigured feature branch neither publishes nor fails for want of protection', () => {
      const jobs = listJobs(false, [
        'CI_PIPELINE_SOURCE=web',
        'CI_COMMIT_BRANCH=feature/x',
        'CI_COMMIT_REF_NAME=feature/x',
      ]);
      expect(jobs).toContain('build: [linux/amd64,linux-amd64]');
      expect(jobs).not.toContain('unprotected-ref');
      expect(jobs).not.toContain('manifest');
    }, 60_000);

    it('on an unprotected branch it fails, naming the ref, the fix and the tags that were not published', () => {
      const run = gitlabCiLocal(
        '--force-shell-executor',
        '--variable',
        'CI_COMMIT_REF_PROTECTED=false',
        'metadata',
        'unprotected-ref',
      );
      expect(run.status).not.toBe(0);
      expect(run.log).toContain('PASS  metadata');
      expect(run.log).toContain('FAIL  unprotected-ref');
      expect(run.log).toContain(
        'dockyard: main is not a protected branch or tag, so the push and manifest jobs do not run and nothing is published',
      );
      expect(run.log).toContain('Settings > Repository > Protected branches or Protected tags');
      expect(run.log).toMatch(/^unprotected-ref > {3}\S+:main$/m);
    }, 60_000);
  },
);

describe('GitLab: the unprotected-ref job', () => {
  const emit = (patch: Record<string, unknown> = {}) => {
    const result = validateConfig({ ...CONFIG, ...patch });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return emitGitlabCi(stepScripts, planPipeline(result.config), '.gitlab/dockyard-meta.mjs') as Record<
      string,
      { script: string[]; rules?: unknown[] }
    >;
  };

  it.each([
    [
      'without manual runs',
      { triggers: { branches: ['main'], tags: ['v*'], manual: false } },
      [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
        { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: 'never' },
        { if: '$CI_COMMIT_TAG =~ /^(v[^\\/]*)$/', when: 'on_success' },
        { if: '$CI_COMMIT_BRANCH =~ /^(main)$/', when: 'on_success' },
        { when: 'never' },
      ],
    ],
    [
      'with manual runs (DOCKYARD_PUSH), the default',
      {},
      [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
        { if: '$DOCKYARD_PUSH == "false"', when: 'never' },
        { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: 'never' },
        { if: '$CI_COMMIT_TAG =~ /^(v[^\\/]*)$/', when: 'on_success' },
        { if: '$CI_COMMIT_BRANCH =~ /^(main)$/', when: 'on_success' },
        { when: 'never' },
      ],
    ],
  ])(
    '%s: runs where the publish jobs do not but a configured ref would publish, except merge requests and DOCKYARD_PUSH=false',
    (_, patch, rules) => {
      expect(emit(patch)['unprotected-ref'].rules).toEqual(rules);
    },
  );

  it('passes, saying so, on a ref without tags (nothing would be published)', () => {
    const run = spawnSync('dash', ['-euc', emit()['unprotected-ref'].script.join('\n')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, CI_COMMIT_REF_NAME: 'feature', DOCKYARD_TAGS: '' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('dockyard: no tags for feature; nothing would be published');
  });
});
