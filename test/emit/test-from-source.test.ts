import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { describePlan } from '../../src/plan/describe-plan.js';
import { renderPlanJson } from '../../src/plan/render-plan-json.js';
import { renderPlanMermaid } from '../../src/plan/render-plan-mermaid.js';
import { renderPlanText } from '../../src/plan/render-plan-text.js';
import { gitlabPlatformJobsOf } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

const LABEL = 'does not test the candidate';

/** A Go service on two platforms whose test stage is FROM builder; a smoke test turns the gate summary on. */
function pipelineOf(from: 'candidate' | 'source' | undefined): Pipeline {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api', target: 'production' },
    platforms: ['linux/amd64', 'linux/arm64'],
    test: { target: 'test', ...(from ? { from } : {}), smoke: {} },
  });
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return planPipeline(result.config);
}

type Obj = Record<string, unknown>;
const scriptsOf = (job: Obj): string => JSON.stringify(job);

describe('test.from "source": labelled "does not test the candidate" wherever the test is shown', () => {
  it('dockyard plan: text, JSON and Mermaid', () => {
    for (const ci of ['github', 'gitlab'] as const) {
      const view = describePlan(pipelineOf('source'), ci, ['github', 'gitlab']);
      const test = view.jobs.find((j) => j.id === 'test')!;
      expect(test.caveat).toBe(LABEL);
      expect(test.title).toBe(`Test a stage built from source (${LABEL})`);
      expect(test.gates).toEqual([{ gate: 'test', threshold: `every test passes (${LABEL})` }]);
      expect(renderPlanText(view)).toEqual(
        expect.arrayContaining([
          `     Test a stage built from source (${LABEL})`,
          `     gate test: every test passes (${LABEL})`,
        ]),
      );
      expect(JSON.parse(renderPlanJson(view)).jobs.find((j: Obj) => j.id === 'test').caveat).toBe(LABEL);
      expect(renderPlanMermaid(view)).toContain(`    subgraph job_test["test<br/>gate: test<br/>${LABEL}"]`);
    }
  });

  it('GitHub: the job name; GitLab: the name of the job per platform', () => {
    const pipeline = pipelineOf('source');
    const github = emitGithubWorkflow(stepScripts, pipeline).jobs.test as unknown as Obj;
    expect(github.name).toBe(`test (\${{ matrix.platform }}, ${LABEL})`);
    const gitlab = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs');
    // the test job runs on linux/amd64 (test.platforms default)
    expect(gitlabPlatformJobsOf(gitlab, 'test').map(([name]) => name)).toEqual([`test: [linux/amd64, ${LABEL}]`]);
    // the other per-platform jobs keep their names
    expect(gitlabPlatformJobsOf(gitlab, 'scan').map(([name]) => name)).toEqual([
      'scan: [linux/amd64]',
      'scan: [linux/arm64]',
    ]);
    expect((emitGithubWorkflow(stepScripts, pipeline).jobs.scan as unknown as Obj).name).toBe(
      'scan (${{ matrix.platform }})',
    );
  });

  it('the gate summary: the test gate threshold says so, on pass and on failure, on both CI systems', () => {
    const pipeline = pipelineOf('source');
    const github = scriptsOf(emitGithubWorkflow(stepScripts, pipeline).jobs.test as unknown as Obj);
    const gitlab = scriptsOf(
      gitlabPlatformJobsOf(emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs'), 'test')[0]![1],
    );
    for (const text of [github, gitlab]) {
      // the pass record and the end-of-job fallback (failed or skipped) both carry the label
      expect(text.split(`every test passes (${LABEL})`).length - 1).toBeGreaterThanOrEqual(2);
      expect(text).not.toMatch(/every test passes'/);
    }
  });

  it.each([undefined, 'candidate'] as const)('test.from %s: no label anywhere', (from) => {
    const pipeline = pipelineOf(from);
    const github = emitGithubWorkflow(stepScripts, pipeline).jobs.test as unknown as Obj;
    const gitlab = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs');
    expect(gitlabPlatformJobsOf(gitlab, 'test').map(([name]) => name)).toEqual(['test: [linux/amd64]']);
    expect(github.name).toBe('test (${{ matrix.platform }})');
    expect(JSON.stringify([github, gitlab])).not.toContain(LABEL);
    const view = describePlan(pipeline, 'github', ['github', 'gitlab']);
    expect(view.jobs.find((j) => j.id === 'test')).toMatchObject({
      title: 'Test the exact candidate image',
      caveat: null,
    });
    expect(view.jobs.every((j) => j.caveat === null)).toBe(true);
  });
});
