import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DockyardConfig } from '../../src/config/schema/index.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../../src/io/load-config.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { describeGithubRepository } from '../../src/targets/github/github-repository-notes.js';
import { describePlanTags } from '../../src/plan/describe-plan-tags.js';
import { describePlan, PLAN_VIEW_VERSION, type PlanView } from '../../src/plan/describe-plan.js';
import { parsePlanEvent } from '../../src/plan/plan-event.js';
import { renderPlanJson } from '../../src/plan/render-plan-json.js';
import { renderPlanMermaid } from '../../src/plan/render-plan-mermaid.js';
import { renderPlanText } from '../../src/plan/render-plan-text.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { checkMermaidFlowchart } from '../support/check-mermaid-flowchart.js';
import { parseMermaid } from '../support/parse-mermaid.js';
import { EXAMPLES_DIR, ROOT } from '../support/paths.js';
import { stepScripts } from '../support/step-scripts.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** True when the config's repository needs no note (a public repository with code scanning, say). */
function describeRepositoryIsEmpty(config: DockyardConfig): boolean {
  return describeGithubRepository(planPipeline(config)).length === 0;
}
const CLOCK = new Date('2026-01-01T00:00:00Z');
const GOLDEN_DIR = resolve(ROOT, 'test', 'plan', 'golden');

async function loadCases(): Promise<Array<[string, DockyardConfig]>> {
  const cases: Array<[string, DockyardConfig]> = [];
  for (const name of readdirSync(EXAMPLES_DIR).sort()) {
    if (!existsSync(resolve(EXAMPLES_DIR, name, 'dockyard.config.ts'))) continue;
    const result = validateConfig(await loadConfigFile(findConfigFile(resolve(EXAMPLES_DIR, name))));
    if (!result.ok) throw new Error(`example ${name}: ${JSON.stringify(result.errors)}`);
    cases.push([`example-${name}`, result.config]);
  }
  for (const [name, input] of Object.entries(GOLDEN_SCENARIOS)) {
    const result = validateConfig(input);
    if (!result.ok) throw new Error(`scenario ${name}: ${JSON.stringify(result.errors)}`);
    cases.push([`scenario-${name}`, result.config]);
  }
  return cases;
}

const CASES = await loadCases();
/** Every config on every CI system it targets. */
const VIEWS = CASES.flatMap(([name, config]) => config.ci.map((ci) => [`${name}-${ci}`, config, ci] as const));

function viewOf(config: DockyardConfig, ci: 'github' | 'gitlab'): PlanView {
  const tags = describePlanTags(config, ci, parsePlanEvent({ event: 'push', ref: 'refs/tags/v1.2.3' }), CLOCK);
  return describePlan(planPipeline(config), ci, config.ci, tags);
}

describe('dockyard plan views of the examples and golden scenarios', () => {
  it('covers every example and scenario on each CI system it targets', () => {
    expect(VIEWS.length).toBeGreaterThanOrEqual(CASES.length);
    expect(CASES.filter(([n]) => n.startsWith('example-')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(VIEWS)('%s: text matches the reviewed golden file (UPDATE_GOLDEN=1 to rewrite)', (name, config, ci) => {
    const text = `${renderPlanText(viewOf(config, ci)).join('\n')}\n`;
    const golden = resolve(GOLDEN_DIR, `${name}.txt`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, text);
    }
    expect(existsSync(golden), `golden file test/plan/golden/${name}.txt`).toBe(true);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(VIEWS)('%s: jobs come in dependency order, every model job once', (_, config, ci) => {
    const view = viewOf(config, ci);
    const pipeline = planPipeline(config);
    expect(view.jobs.map((j) => j.id).sort()).toEqual(pipeline.jobs.map((j) => j.id).sort());
    view.jobs.forEach((job, index) => {
      for (const need of job.needs)
        expect(
          view.jobs.findIndex((j) => j.id === need),
          `${job.id} after ${need}`,
        ).toBeLessThan(index);
    });
  });

  /** The emitted jobs of a model job: its own id, or the jobs it expands to (deploy-<env>, notify-<event>, GitLab `<id>: [<platform>]`). */
  function emittedIds(jobs: Record<string, unknown>, id: string): string[] {
    const ids = id in jobs ? [id] : Object.keys(jobs).filter((k) => k.startsWith(`${id}-`) || k.startsWith(`${id}: [`));
    expect(ids, `emitted jobs of ${id}`).not.toEqual([]);
    return ids;
  }

  it.each(VIEWS)('%s: runners are the ones the emitted file uses', (_, config, ci) => {
    const view = viewOf(config, ci);
    const pipeline = planPipeline(config);
    if (ci === 'github') {
      const workflow = emitGithubWorkflow(stepScripts, pipeline);
      for (const job of view.jobs)
        for (const emittedId of emittedIds(workflow.jobs, job.id)) {
          const emitted = workflow.jobs[emittedId]!;
          const include = (emitted.strategy as { matrix?: { include?: Array<Record<string, unknown>> } } | undefined)
            ?.matrix?.include;
          for (const run of job.runs) {
            const entry = include?.find((e) => e.platform === run.platform);
            const runsOn = emitted['runs-on'] === '${{ matrix.runner }}' ? entry?.runner : emitted['runs-on'];
            expect(run.runner, `${job.id} ${run.platform}`).toEqual([runsOn]);
            expect(run.emulated, `${job.id} ${run.platform} qemu`).toBe(
              emitted['runs-on'] === '${{ matrix.runner }}' ? entry?.qemu : false,
            );
          }
        }
    } else {
      const ciFile = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs');
      type Emitted = {
        tags?: string[];
        variables?: Record<string, unknown>;
        parallel?: { matrix: Array<Record<string, string>> };
      };
      for (const job of view.jobs) {
        const emitted = emittedIds(ciFile, job.id).map((id) => ciFile[id] as Emitted);
        // a matrix job holds every run; jobs per platform are one per run, named by their DOCKYARD_PLATFORM
        const perPlatform = emitted.filter((e) => typeof e.variables?.DOCKYARD_PLATFORM === 'string');
        if (perPlatform.length > 0)
          expect(
            perPlatform.map((e) => e.variables!.DOCKYARD_PLATFORM),
            job.id,
          ).toEqual(job.runs.map((r) => r.platform));
        for (const run of job.runs) {
          const own = perPlatform.find((e) => e.variables!.DOCKYARD_PLATFORM === run.platform);
          for (const e of own ? [own] : emitted) {
            const entry = e.parallel?.matrix.find((m) => m.DOCKYARD_PLATFORM === run.platform);
            const tags = (e.tags ?? []).map((t) => (t === '$DOCKYARD_RUNNER_TAG' ? entry?.DOCKYARD_RUNNER_TAG : t));
            expect(run.runner, `${job.id} ${run.platform}`).toEqual(tags);
          }
        }
      }
    }
  });

  it.each(VIEWS)('%s: deployment environments and notifications are the emitted jobs', (_, config, ci) => {
    const view = viewOf(config, ci);
    const jobs: Record<string, Record<string, unknown>> = ci === 'github'
      ? (emitGithubWorkflow(stepScripts, planPipeline(config)).jobs as unknown as Record<
          string,
          Record<string, unknown>
        >)
      : (emitGitlabCi(stepScripts, planPipeline(config), '.gitlab/dockyard-meta.mjs') as unknown as Record<
          string,
          Record<string, unknown>
        >);
    const deploy = view.jobs.find((j) => j.id === 'deploy');
    expect(deploy?.environments.map((e) => e.name) ?? []).toEqual(
      (config.deploy?.environments ?? []).map((e) => e.name),
    );
    for (const environment of deploy?.environments ?? []) {
      const emitted = jobs[environment.job];
      expect(emitted, environment.job).toBeDefined();
      const declared = emitted!.environment as { name: string; url?: string };
      expect(declared.name).toBe(environment.name);
      expect(declared.url ?? null).toBe(environment.url);
      const needs = ((emitted!.needs ?? []) as Array<string | { job: string }>).map((n) =>
        typeof n === 'string' ? n : n.job,
      );
      if (environment.after !== null)
        expect(needs).toContain(deploy!.environments.find((e) => e.name === environment.after)!.job);
      if (ci === 'gitlab')
        expect((emitted!.rules as Array<{ when?: string }>).some((r) => r.when === 'manual')).toBe(
          environment.approval,
        );
      else expect(String(emitted!.name).includes('approval')).toBe(environment.approval);
    }
    const notify = view.jobs.find((j) => j.id === 'notify');
    expect(notify?.notifications?.jobs ?? []).toEqual(Object.keys(jobs).filter((k) => k.startsWith('notify-')));
    for (const job of view.jobs.filter((j) => j.id !== 'deploy')) expect(job.environments).toEqual([]);
    for (const job of view.jobs.filter((j) => j.id !== 'notify')) expect(job.notifications).toBeNull();
  });

  it.each(VIEWS)('%s: JSON has the documented shape', (_, config, ci) => {
    const parsed = JSON.parse(renderPlanJson(viewOf(config, ci))) as Record<string, unknown>;
    const repository = parsed.repository as
      { visibility: string; plan: string; notes: Array<Record<string, unknown>> } | undefined;
    expect(Object.keys(parsed)).toEqual([
      'version',
      'ci',
      'configured',
      'image',
      'platforms',
      'registries',
      'jobs',
      'tags',
      ...(repository ? ['repository'] : []),
    ]);
    // The repository notes: GitHub only, and only for a repository the config's github block describes.
    expect(repository === undefined).toBe(
      ci !== 'github' || config.github === undefined || describeRepositoryIsEmpty(config),
    );
    if (repository) {
      expect(Object.keys(repository)).toEqual(['visibility', 'plan', 'notes']);
      for (const note of repository.notes)
        expect(Object.keys(note).filter((k) => k !== 'fix')).toEqual(['topic', 'severity', 'message']);
    }
    expect(parsed.version).toBe(PLAN_VIEW_VERSION);
    expect(parsed.ci).toBe(ci);
    for (const job of parsed.jobs as Array<Record<string, unknown>>) {
      expect(Object.keys(job)).toEqual([
        'id',
        'title',
        'stage',
        'needs',
        'perPlatform',
        'runs',
        'gates',
        'publishes',
        'tagsImage',
        'produces',
        'environments',
        'notifications',
        'caveat',
        'steps',
      ]);
      expect((job.steps as string[]).length).toBeGreaterThan(0);
      expect(['verify', 'publish']).toContain(job.stage);
      for (const run of job.runs as Array<Record<string, unknown>>) {
        expect(Object.keys(run)).toEqual(['platform', 'runner', 'emulated']);
        expect(run.platform === null || (config.platforms.length > 0 && typeof run.platform === 'string')).toBe(true);
      }
      expect((job.runs as unknown[]).length).toBeGreaterThan(0);
    }
    expect(Object.keys(parsed.tags as object)).toEqual([
      'event',
      'ref',
      'version',
      'latest',
      'names',
      'runs',
      'published',
      'reason',
      'warnings',
    ]);
  });

  it.each(VIEWS)(
    '%s: the Mermaid flowchart parses (mermaid.parse) and is well-formed, with every job and need',
    async (_, config, ci) => {
      const view = viewOf(config, ci);
      const text = renderPlanMermaid(view).join('\n');
      expect(await parseMermaid(text)).toBe('flowchart-v2');
      expect(checkMermaidFlowchart(text)).toEqual([]);
      for (const job of view.jobs) {
        expect(text).toMatch(new RegExp(`^\\s+(subgraph )?job_${job.id}(\\[|\\{\\{)`, 'm'));
        for (const need of job.needs) expect(text).toContain(`job_${need} --> job_${job.id}`);
      }
      const gates = view.jobs.filter((j) => j.gates.length > 0);
      if (gates.length > 0) expect(text).toMatch(/^ {2}class .* gate$/m);
    },
  );
});
