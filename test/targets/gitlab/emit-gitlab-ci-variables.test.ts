import { describe, expect, it } from 'vitest';
import type { GitlabCiConfig } from '../../../src/targets/gitlab/gitlab-ci-types.js';
import type { GitlabJob } from '../../../src/targets/gitlab/gitlab-types.js';
import { GOLDEN_SCENARIOS } from '../../golden/scenarios.js';
import { emitGitlabScenario, gitlabJobNames, gitlabJobOf } from '../../support/emit-gitlab-scenario.js';

/*
 * Every `DOCKYARD_*` variable a GitLab job's script or after_script reads is set where the job runs: by its own (or
 * its hidden job's) `variables`, its `parallel: matrix` entry, the pipeline's `variables`, the metadata job's dotenv
 * report (jobs that need or depend on it) or the script itself; in every golden scenario for GitLab.
 */
/** The metadata job's dotenv report: variables of every job that needs (or depends on) it. */
const DOTENV = ['DOCKYARD_VERSION', 'DOCKYARD_TAGS', 'DOCKYARD_LABELS', 'DOCKYARD_ANNOTATIONS'];
/** Read as `${X:-}` and meant to be unset at times: GitHub's step summary file, the lint rules ignored (none). */
const OPTIONAL = ['DOCKYARD_SUMMARY', 'DOCKYARD_LINT_IGNORE'];

/** The `DOCKYARD_*` variables a job's scripts read but neither it, the pipeline nor its needs' dotenv sets. */
function unsetVariablesOf(ci: GitlabCiConfig, job: GitlabJob): string[] {
  const text = [...(job.script ?? []), ...(job.after_script ?? [])].join('\n');
  const read = new Set([...text.matchAll(/\$\{?(DOCKYARD_\w+)/g)].map((m) => m[1]));
  const fromMetadata = (job.needs ?? []).some((n) => n === 'metadata') || (job.dependencies ?? []).includes('metadata');
  const set = new Set([
    ...Object.keys(job.variables ?? {}),
    ...Object.keys(ci.variables ?? {}),
    ...(job.parallel !== undefined && typeof job.parallel === 'object' ? Object.keys(job.parallel.matrix[0]) : []),
    ...(fromMetadata ? DOTENV : []),
    ...OPTIONAL,
    ...[...text.matchAll(/(?:^|[\s;(])(?:export )?(DOCKYARD_\w+)=/gm)].map((m) => m[1]),
  ]);
  return [...read].filter((v) => !set.has(v));
}

describe('GitLab emitter: every variable a script reads reaches it', () => {
  const scenarios = Object.keys(GOLDEN_SCENARIOS).filter((s) => GOLDEN_SCENARIOS[s].ci.includes('gitlab'));
  it.each(scenarios)('%s', (scenario) => {
    const ci = emitGitlabScenario(scenario);
    const unset = gitlabJobNames(ci).flatMap((name) =>
      unsetVariablesOf(ci, gitlabJobOf(ci, name)).map((v) => `${name}: ${v}`),
    );
    expect(unset).toEqual([]);
  });
});
