/**
 * Several configs in one repository (issue #17): each renders its own workflow file, and GitHub must never put two
 * of them in one concurrency group, or a run of one cancels the other's jobs. Groups are evaluated as GitHub does,
 * with the `github` context of each workflow's run: same `github.workflow` (both named `dockyard`), different
 * `github.workflow_ref` (the file).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../../src/targets/github/emit-github-workflow.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { renderYaml } from '../../../src/emit/render-yaml.js';
import { interpolate } from '../../support/github-expressions.js';
import { stepScripts } from '../../support/step-scripts.js';

const STATUS = { success: true, failure: false, cancelled: false };

function workflowOf(config: Record<string, unknown>): any {
  const result = validateConfig({ ci: ['github'], test: { commands: ['npm test'] }, ...config });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return parse(renderYaml(emitGithubWorkflow(stepScripts, planPipeline(result.config, 'github'))));
}

/** Every job's evaluated concurrency group in a push run of `main` of the workflow at `file`. */
function groupsOf(workflow: any, file: string): string[] {
  const github = {
    workflow: workflow.name,
    workflow_ref: `acme/monorepo/${file}@refs/heads/main`,
    ref: 'refs/heads/main',
    run_id: '42',
    event: { inputs: {} },
  };
  return Object.values(workflow.jobs as Record<string, any>)
    .filter((job) => job.concurrency !== undefined)
    .flatMap((job) => {
      const slugs: string[] = job.strategy?.matrix?.include?.map((m: { slug: string }) => m.slug) ?? [''];
      return slugs.map((slug) => String(interpolate(job.concurrency.group, { github, matrix: { slug } }, STATUS)));
    });
}

describe('concurrency groups of several configs in one repository', () => {
  const api = { image: { name: 'acme/api' }, output: { github: '.github/workflows/api.yml' } };
  const worker = { image: { name: 'acme/worker' }, output: { github: '.github/workflows/worker.yml' } };

  it('share no group, though both workflows are named dockyard', () => {
    const a = workflowOf(api);
    const b = workflowOf(worker);
    expect([a.name, b.name]).toEqual(['dockyard', 'dockyard']);
    const groupsA = groupsOf(a, api.output.github);
    const groupsB = groupsOf(b, worker.output.github);
    expect(groupsA.length).toBeGreaterThan(3);
    expect(groupsA.filter((g) => groupsB.includes(g))).toEqual([]);
  });

  it('keep one group per job within a workflow (a newer run of the same file cancels the older one)', () => {
    const a = workflowOf(api);
    expect(groupsOf(a, api.output.github)).toEqual(groupsOf(workflowOf(api), api.output.github));
    expect(new Set(groupsOf(a, api.output.github)).size).toBe(groupsOf(a, api.output.github).length);
  });

  it('takes the workflow name from output.name', () => {
    expect(workflowOf({ ...api, output: { ...api.output, name: 'api image' } }).name).toBe('api image');
  });

  it('rejects a name with a CI expression', () => {
    const result = validateConfig({
      ci: ['github'],
      image: { name: 'acme/api' },
      test: { commands: ['true'] },
      output: { name: 'x ${{ github.ref }}' },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]!.problem).toMatch(/one line without `\$`/);
  });
});
