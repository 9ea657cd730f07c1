import { describe, expect, it } from 'vitest';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { gitlabCostFactorOf } from '../../src/targets/gitlab/gitlab-cost-factor.js';
import { BYTES_PER_MB, COST_EVENTS, computePlanCost, computePlanCosts } from '../../src/plan/plan-cost.js';
import { countGithubRun, countGitlabRun } from '../support/count-emitted-jobs.js';
import { loadEventScenarios, type EventScenario } from '../support/event-scenarios.js';

const scenarios = await loadEventScenarios();
const byName = (name: string): EventScenario => {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
};

/**
 * Realistic configs: two examples, the registry handoff on both CI systems, three platforms with a custom GitLab
 * runner tag on both, and every gate with deploy and notify.
 */
const CROSS_CHECKED = [
  'examples/node-api',
  'examples/python-web',
  'golden/registry-handoff-both',
  'golden/full-both',
  'golden/full-gates-deploy-notify-both',
  'golden/inline-github-no-pr',
];

describe('plan --cost agrees with the emitted files', () => {
  const rows = CROSS_CHECKED.flatMap((name) =>
    byName(name).config.ci.flatMap((ci) => COST_EVENTS.map((event) => ({ name, ci, event }))),
  );
  it.each(rows)(
    '$name on $ci, $event: jobs, serial hops and archives moved equal the emitted file',
    ({ name, ci, event }) => {
      const s = byName(name);
      const cost = computePlanCost(planPipeline(s.config), ci, event, 1);
      const emitted = ci === 'github' ? countGithubRun(s, event) : countGitlabRun(s, event);
      // No pull request run at all when pull requests are off: the emitted workflow is not even triggered then.
      if (event === 'pull_request' && !s.config.triggers.pullRequests) {
        expect(cost).toEqual({
          ci,
          event,
          jobs: 0,
          serialHops: 0,
          artifactBytes: { up: 0, down: 0 },
          runnerMinutes: 0,
        });
        return;
      }
      expect({
        jobs: cost.jobs,
        serialHops: cost.serialHops,
        up: cost.artifactBytes.up,
        down: cost.artifactBytes.down,
      }).toEqual({
        jobs: emitted.jobs,
        serialHops: emitted.serialHops,
        up: emitted.archivesUp,
        down: emitted.archivesDown,
      });
    },
  );
});

describe('plan --cost figures', () => {
  // Hand-checked for node-api: metadata, build ×2, test ×1 (amd64), scan ×2, push ×1 (every platform), manifest = 8
  // jobs; archives down: test 1 + scan 2 + push 2 = 5 × 300 MB. GitHub: every job under a minute, rounded up to 1
  // each. GitLab: 8 × 30 s start-up + 600 MB at 25 MB/s + 1500 MB at 50 MB/s = 240 + 24 + 30 = 294 s = 4.9 minutes.
  it.each([
    {
      name: 'examples/node-api',
      ci: 'github',
      event: 'push',
      jobs: 8,
      serialHops: 5,
      up: 600,
      down: 1500,
      runnerMinutes: 8,
    },
    {
      name: 'examples/node-api',
      ci: 'github',
      event: 'pull_request',
      jobs: 6,
      serialHops: 3,
      up: 600,
      down: 900,
      runnerMinutes: 6,
    },
    {
      name: 'examples/node-api',
      ci: 'gitlab',
      event: 'push',
      jobs: 8,
      serialHops: 5,
      up: 600,
      down: 1500,
      runnerMinutes: 4.9,
    },
    {
      name: 'examples/node-api',
      ci: 'gitlab',
      event: 'pull_request',
      jobs: 6,
      serialHops: 3,
      up: 600,
      down: 900,
      runnerMinutes: 3.7,
    },
    {
      name: 'examples/python-web',
      ci: 'github',
      event: 'push',
      jobs: 11,
      serialHops: 5,
      up: 900,
      down: 2400,
      runnerMinutes: 11,
    },
    {
      name: 'examples/python-web',
      ci: 'github',
      event: 'pull_request',
      jobs: 9,
      serialHops: 3,
      up: 900,
      down: 1500,
      runnerMinutes: 9,
    },
    {
      name: 'golden/registry-handoff-both',
      ci: 'github',
      event: 'push',
      jobs: 9,
      serialHops: 5,
      up: 0,
      down: 0,
      runnerMinutes: 9,
    },
    {
      name: 'golden/registry-handoff-both',
      ci: 'gitlab',
      event: 'pull_request',
      jobs: 7,
      serialHops: 3,
      up: 0,
      down: 0,
      runnerMinutes: 3.5,
    },
  ] as const)('$name on $ci, $event (300 MB)', ({ name, ci, event, jobs, serialHops, up, down, runnerMinutes }) => {
    const cost = computePlanCost(planPipeline(byName(name).config), ci, event, 300 * BYTES_PER_MB);
    expect(cost).toEqual({
      ci,
      event,
      jobs,
      serialHops,
      artifactBytes: { up: up * BYTES_PER_MB, down: down * BYTES_PER_MB },
      runnerMinutes,
    });
  });

  it('a larger image raises GitHub minutes only where a job crosses a whole minute', () => {
    const pipeline = planPipeline(byName('examples/node-api').config);
    // 3000 MB: the build uploads for 120 s (+30 s start-up): 3 minutes each; test and scan download one archive in 60 s
    // (+30): 2 minutes each; the one push job downloads both in 120 s (+30): 3 minutes.
    const [push] = computePlanCosts(pipeline, ['github'], 3000);
    expect(push.runnerMinutes).toBe(1 + 2 * 3 + 3 * 2 + 3 + 1);
  });

  it.each([
    { tags: [], factor: 1 },
    { tags: ['saas-linux-small-arm64'], factor: 1 },
    { tags: ['saas-linux-medium-amd64'], factor: 2 },
    { tags: ['saas-linux-2xlarge-amd64'], factor: 12 },
    { tags: ['arm64-large'], factor: 1 },
  ])('GitLab cost factor of $tags is $factor', ({ tags, factor }) => {
    expect(gitlabCostFactorOf(tags)).toBe(factor);
  });
});
