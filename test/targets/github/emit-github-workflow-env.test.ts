import { describe, expect, it } from 'vitest';
import type { GithubJob } from '../../../src/targets/github/github-types.js';
import { GOLDEN_SCENARIOS } from '../../golden/scenarios.js';
import { emitGithubScenario } from '../../support/emit-github-scenario.js';

/*
 * Every `DOCKYARD_*` variable a GitHub `run` step reads is set where the step runs: by the step's `env`, by the
 * script itself or, written to `$GITHUB_ENV`, by an earlier step of the job; in every golden scenario for GitHub.
 */

/** Read as `${X:-default}` and meant to be unset at times: the lint rules ignored (none), the smoke poll interval (2 s). */
const OPTIONAL = ['DOCKYARD_LINT_IGNORE', 'DOCKYARD_SMOKE_POLL'];

/** `<job> / <step>: <variable>` for each `DOCKYARD_*` variable a run step reads that does not reach it. */
function unsetVariablesOf(name: string, job: GithubJob): string[] {
  const exported = new Set<string>(OPTIONAL);
  return job.steps.flatMap((step) => {
    const run = step.run ?? '';
    const assigned = [...run.matchAll(/(?:^|[\s;(])(?:export )?(DOCKYARD_\w+)=/gm)].map((m) => m[1]);
    const set = new Set([...exported, ...Object.keys(step.env ?? {}), ...assigned]);
    for (const m of run.matchAll(/(DOCKYARD_\w+)=[^\n]*>>\s*"\$GITHUB_ENV"/g)) exported.add(m[1]);
    const read = new Set([...run.matchAll(/\$\{?(DOCKYARD_\w+)/g)].map((m) => m[1]));
    return [...read].filter((v) => !set.has(v)).map((v) => `${name} / ${step.name}: ${v}`);
  });
}

describe('GitHub emitter: every variable a run step reads reaches it', () => {
  const scenarios = Object.keys(GOLDEN_SCENARIOS).filter((s) => GOLDEN_SCENARIOS[s].ci.includes('github'));
  it.each(scenarios)('%s', (scenario) => {
    const { jobs } = emitGithubScenario(scenario);
    expect(Object.entries(jobs).flatMap(([name, job]) => unsetVariablesOf(name, job))).toEqual([]);
  });
});
