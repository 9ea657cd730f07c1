import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isGitlabCiLocalAvailable } from '../../src/validate/check-gitlab-ci-local.js';
import {
  EVENT_TABLE,
  expectRoleRuns,
  NON_PUBLISHING_WRITE_SCOPES,
  refusedByRegistryHandoff,
  roleOfJob,
  type EventRow,
} from '../support/event-table.js';
import {
  expectedOutcome,
  loadEventScenarios,
  refConfigured,
  rowApplies,
  type EventScenario,
} from '../support/event-scenarios.js';
import { githubEventInstance, type GithubEventInstance } from '../support/github-event-context.js';
import { interpolate } from '../support/github-expressions.js';
import { listPipelinesForEvents, PROBE_JOB, type ListedJob } from '../support/gitlab-event-pipeline.js';
import { gitlabEventVariables, variablesKey } from '../support/gitlab-event-variables.js';
import { simulateGithubRun, workflowTriggers, type SimulatedJob } from '../support/simulate-github-run.js';

type Obj = Record<string, any>;

/**
 * The event table (test/support/event-table.ts) against every example and golden scenario: GitHub workflows evaluated
 * with GitHub's own expression evaluator (`on:` filters, job and step `if`, `needs` propagation, `runs-on`,
 * `concurrency`, `environment`), GitLab pipelines as gitlab-ci-local builds them from each event's predefined
 * variables (`workflow:rules` and `rules`).
 */
const scenarios = await loadEventScenarios();
const ALL_STATUS = { success: true, failure: false, cancelled: false };

/** Every secret name a scenario's GitHub files reference, with a stand-in value. */
function secretsOf(s: EventScenario): Obj {
  const names = new Set<string>();
  for (const f of s.files) for (const m of f.content.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return Object.fromEntries([...names].map((n) => [n, `stand-in-${n}`]));
}

/** Simulate the entry workflows (not `workflow_call` ones) and, for caller jobs that run, the reusable workflow they call. */
function simulateGithub(
  s: EventScenario,
  instance: GithubEventInstance,
  secrets: Obj,
): { triggered: boolean[]; jobs: Record<string, SimulatedJob> } {
  const workflows = s.files
    .filter((f) => f.ci === 'github' && f.kind === 'pipeline')
    .map((f) => ({ path: f.path, wf: parse(f.content) as Obj }));
  const entries = workflows.filter((w) => w.wf.on?.workflow_call === undefined);
  const jobs: Record<string, SimulatedJob> = {};
  const triggered: boolean[] = [];
  for (const { wf } of entries) {
    const on = workflowTriggers(wf, instance);
    triggered.push(on);
    if (!on) continue;
    const results = simulateGithubRun(wf, instance, instance.inputs, secrets);
    Object.assign(jobs, results);
    for (const [id, job] of Object.entries(wf.jobs as Record<string, Obj>)) {
      if (job.uses === undefined || results[id].result !== 'success') continue;
      // `./.github/workflows/x.yml` or `owner/repo/.github/workflows/x.yml@ref` (reusable-central: the central copy is generated too).
      const called = workflows.find((w) =>
        String(job.uses)
          .replace(/@[^@]*$/, '')
          .endsWith(w.path),
      );
      if (!called) throw new Error(`${s.name}: job ${id} calls ${job.uses}, which is not among the generated files`);
      const contexts = {
        github: { ...instance.github, event: instance.event },
        inputs: instance.inputs,
        secrets,
        vars: {},
        needs: {},
      };
      const declared = (called.wf.on.workflow_call.inputs ?? {}) as Record<string, Obj>;
      const inputs = Object.fromEntries(
        Object.entries(declared).map(([k, d]) => [
          k,
          job.with?.[k] !== undefined ? interpolate(String(job.with[k]), contexts, ALL_STATUS) : (d.default ?? null),
        ]),
      );
      const passed =
        job.secrets === 'inherit'
          ? secrets
          : Object.fromEntries(
              Object.entries((job.secrets ?? {}) as Obj).map(([k, v]) => [
                k,
                interpolate(String(v), contexts, ALL_STATUS),
              ]),
            );
      for (const [inner, r] of Object.entries(
        simulateGithubRun(
          called.wf,
          instance,
          inputs,
          Object.fromEntries(Object.entries(passed).filter(([, v]) => v !== '')),
        ),
      ))
        jobs[`${id}/${inner}`] = r;
    }
  }
  return { triggered, jobs };
}

/** Differences between the jobs that ran and the table, one line each (empty when the pipeline matches). */
function roleMismatches(names: Array<[string, boolean]>, publishes: boolean): string[] {
  return names.flatMap(([name, ran]) => {
    const role = roleOfJob(jobIdOf(name));
    const expected = expectRoleRuns(role, publishes);
    return expected === ran
      ? []
      : [`${name} (${role}): expected ${expected ? 'to run' : 'skipped'}, got ${ran ? 'run' : 'skipped'}`];
  });
}

/** The job id a role is looked up by: GitHub `caller/inner` ids give the inner id; GitLab names lose their `: [matrix]`. */
function jobIdOf(name: string): string {
  const base = name.replace(/: \[.*\]$/, '');
  return base.includes('/') ? base.slice(base.indexOf('/') + 1) : base;
}

function rowsFor(s: EventScenario): EventRow[] {
  return EVENT_TABLE.filter((row) => rowApplies(s, row));
}

describe.each(scenarios.filter((s) => s.config.ci.includes('github')))('GitHub $name', (s) => {
  const secrets = secretsOf(s);
  it.each(rowsFor(s).map((row) => [row.id, row] as const))('%s', (_, row) => {
    const instance = githubEventInstance(row, s.refs, s.config.triggers.dispatch?.eventType);
    const expected = expectedOutcome(s, row);
    const { triggered, jobs } = simulateGithub(s, instance, row.secrets ? secrets : {});
    expect(
      triggered.every((t) => t === expected.runs),
      `workflow runs for ${row.description}`,
    ).toBe(true);
    if (!expected.runs) return;
    const handoff = s.config.handoff;
    const refused = refusedByRegistryHandoff(row, typeof handoff === 'string' ? handoff : handoff.mode);
    const failed = Object.entries(jobs)
      .filter(([, j]) => j.result === 'failure')
      .map(([id]) => jobIdOf(id));
    expect(failed, refused ? 'the build job refuses the pull request' : 'no job fails').toEqual(
      refused ? ['build'] : [],
    );
    const problems = refused
      ? Object.entries(jobs)
          .filter(([id, j]) => j.result === 'success' && roleOfJob(jobIdOf(id)) === 'publish')
          .map(([id]) => `${id}: publishes on a refused pull request`)
      : roleMismatches(
          Object.entries(jobs).map(([id, j]) => [id, j.result === 'success']),
          expected.publishes,
        );
    for (const [id, job] of Object.entries(jobs)) {
      if (job.result !== 'success') continue;
      if (!row.secrets && job.secretsRead.length > 0)
        problems.push(
          `${id}: logs in with ${job.secretsRead.join(', ')} on a ${row.description}, which gets no secrets`,
        );
      for (const entry of job.entries) {
        const runsOn = entry.runsOn;
        if (typeof runsOn !== 'string' || runsOn === '' || runsOn.includes('null'))
          problems.push(`${id}: runs-on evaluates to ${JSON.stringify(runsOn)}`);
        if (entry.concurrency !== undefined && (/--|-$/.test(entry.concurrency) || entry.concurrency.includes('null')))
          problems.push(`${id}: concurrency group "${entry.concurrency}" has an empty part`);
        const environment = entry.environment as Obj | undefined;
        if (environment !== undefined && (typeof environment.name !== 'string' || environment.name === ''))
          problems.push(`${id}: environment ${JSON.stringify(environment)}`);
      }
      const writes = Object.entries(job.permissions).filter(
        ([scope, level]) => level === 'write' && !NON_PUBLISHING_WRITE_SCOPES.includes(scope),
      );
      if (!expected.publishes && writes.length > 0 && roleOfJob(jobIdOf(id)) !== 'caller')
        problems.push(`${id}: ${writes.map(([k]) => k).join(', ')} write on a run that does not publish`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * GitLab scenarios gitlab-ci-local cannot build offline, with the reason (reported, not hidden): reusable-central's
 * caller includes its component from another project (`acme/ci/components@1.4.0`), which gitlab-ci-local clones.
 */
const GITLAB_NOT_EVALUATED: Record<string, string> = {
  'golden/reusable-central-both': 'component from another project (git clone, offline)',
};
const gitlabScenarios = scenarios.filter(
  (s) => s.config.ci.includes('gitlab') && GITLAB_NOT_EVALUATED[s.name] === undefined,
);

it('evaluates every GitLab scenario but the listed ones', () => {
  const unevaluated = scenarios
    .filter((s) => s.config.ci.includes('gitlab') && !gitlabScenarios.includes(s))
    .map((s) => s.name);
  expect(unevaluated).toEqual(Object.keys(GITLAB_NOT_EVALUATED));
});
const gitlabReady = isGitlabCiLocalAvailable();

/**
 * For a scenario with `triggers.paths`, a changed file its first glob matches (`services/api/**` →
 * `services/api/changed`), so branch pushes and merge requests run as the table expects; path filters that do not
 * match are test/targets/gitlab/gitlab-path-filters.test.ts's.
 */
function changeMatchingPaths(s: EventScenario): Record<string, string> {
  const first = s.config.triggers.paths[0];
  return first === undefined ? {} : { [first.replace(/\*\*?/g, 'changed')]: 'a change\n' };
}

/** gitlab-ci-local's job lists of every GitLab scenario and event, computed once for all (in parallel, see the helper). */
const listed = new Map<string, ListedJob[]>();
const gitlabKey = (s: EventScenario, row: EventRow): string =>
  `${s.name} ${variablesKey(gitlabEventVariables(row, s.refs, refConfigured(s, row)))}`;

describe.skipIf(!gitlabReady && process.env.CI !== 'true')('GitLab', () => {
  beforeAll(async () => {
    await Promise.all(
      gitlabScenarios.map(async (s) => {
        const files = Object.fromEntries(s.files.map((f) => [f.path, f.content]));
        const rows = rowsFor(s);
        const unique = [
          ...new Map(
            rows.map((row) => [gitlabKey(s, row), gitlabEventVariables(row, s.refs, refConfigured(s, row))]),
          ).entries(),
        ];
        const results = await listPipelinesForEvents(
          files,
          s.config.output.gitlab,
          unique.map(([, v]) => v),
          4,
          changeMatchingPaths(s),
        );
        unique.forEach(([key], i) => listed.set(key, results[i]));
      }),
    );
  }, 600_000);

  describe.each(gitlabScenarios)('$name', (s) => {
    it.each(rowsFor(s).map((row) => [row.id, row] as const))('%s', (_, row) => {
      const jobs = listed.get(gitlabKey(s, row))!;
      const expected = expectedOutcome(s, row);
      const probe = jobs.find((j) => j.name === PROBE_JOB)!;
      expect(probe.when !== 'never', `workflow:rules create a pipeline for ${row.description}`).toBe(expected.runs);
      if (!expected.runs) return;
      // In a pipeline where every job passes, `on_failure` jobs do not run.
      const ran = jobs
        .filter((j) => j.name !== PROBE_JOB)
        .map((j): [string, boolean] => [j.name, j.when !== 'never' && j.when !== 'on_failure']);
      expect(roleMismatches(ran, expected.publishes)).toEqual([]);
    });
  });
});
