/**
 * `triggers.paths` on GitLab, run by gitlab-ci-local's own rules engine (its `rules:changes` diffs the working tree
 * against `origin/<default branch>` with micromatch): branch pushes and merge requests create a pipeline only when a
 * changed file matches a glob, the Dockerfile or the pipeline file; tag pushes and manual runs always do (GitLab
 * evaluates no changes for them, https://docs.gitlab.com/ci/yaml/#ruleschanges).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TABLE, type EventRow } from '../../support/event-table.js';
import { loadEventScenarios, refConfigured, type EventScenario } from '../../support/event-scenarios.js';
import { gitlabEventVariables } from '../../support/gitlab-event-variables.js';
import { listPipelinesForEvents, PROBE_JOB } from '../../support/gitlab-event-pipeline.js';
import { isGitlabCiLocalAvailable } from '../../../src/validate/check-gitlab-ci-local.js';

const EVENTS = ['push-branch', 'pr-same-repo', 'tag', 'manual-push'] as const;

/** [changed file, the events that create a pipeline]. */
const CASES: ReadonlyArray<readonly [string, ReadonlyArray<(typeof EVENTS)[number]>]> = [
  ['services/api/main.go', EVENTS],
  ['libs/shared/log/log.go', EVENTS],
  ['services/api/Dockerfile', EVENTS],
  ['ci/api.gitlab-ci.yml', EVENTS],
  ['services/worker/main.go', ['tag', 'manual-push']],
  ['docs/README.md', ['tag', 'manual-push']],
];

let scenario: EventScenario;
const created = new Map<string, boolean>();

describe.skipIf(!isGitlabCiLocalAvailable() && process.env.CI !== 'true')('GitLab path filters', () => {
  beforeAll(async () => {
    scenario = (await loadEventScenarios()).find((s) => s.name === 'golden/paths-monorepo-both')!;
    const files = Object.fromEntries(scenario.files.map((f) => [f.path, f.content]));
    const rows = EVENTS.map((id) => EVENT_TABLE.find((r) => r.id === id)!);
    const variables = rows.map((row: EventRow) =>
      gitlabEventVariables(row, scenario.refs, refConfigured(scenario, row)),
    );
    await Promise.all(
      CASES.map(async ([file]) => {
        // The edited pipeline file must stay a valid pipeline: append a comment line to it.
        const content = file === scenario.config.output.gitlab ? `${files[file]}# edited\n` : 'changed\n';
        const listed = await listPipelinesForEvents(files, scenario.config.output.gitlab, variables, 4, {
          [file]: content,
        });
        listed.forEach((jobs, i) =>
          created.set(`${file} ${EVENTS[i]}`, jobs.find((j) => j.name === PROBE_JOB)!.when !== 'never'),
        );
      }),
    );
  }, 600_000);

  it.each(CASES)('a change of %s creates a pipeline for %j', (file, expected) => {
    expect(EVENTS.filter((event) => created.get(`${file} ${event}`))).toEqual([...expected]);
  });
});
