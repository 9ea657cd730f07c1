import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { truthy } from '@actions/expressions/result';
import {
  evaluateExpression,
  ifExpression,
  interpolate,
  type StatusAnswers,
  usesStatusFunction,
} from './github-expressions.js';
import { githubFilterSelects } from './github-filter-match.js';
import type { GithubEventInstance } from './github-event-context.js';

type Obj = Record<string, any>;

/** One job of a simulated run where every step that runs succeeds. */
export interface SimulatedJob {
  readonly result: 'success' | 'failure' | 'skipped';
  /** Its `permissions` (what GITHUB_TOKEN may do). */
  readonly permissions: Record<string, string>;
  /** Per matrix entry (one entry without a matrix): `runs-on`, concurrency group and environment, evaluated. */
  readonly entries: ReadonlyArray<{ runsOn: unknown; concurrency?: string; environment?: unknown }>;
  /** Names of the steps that run / are skipped (first matrix entry). */
  readonly stepsRun: readonly string[];
  readonly stepsSkipped: readonly string[];
  /** Secrets read by registry logins that run (docker/login-action, `… login` in a script), except GITHUB_TOKEN. */
  readonly secretsRead: readonly string[];
}

/** Whether the workflow's `on:` starts a run for the event (filters with GitHub's pattern semantics). */
export function workflowTriggers(workflow: Obj, instance: GithubEventInstance): boolean {
  const on = workflow.on as Obj;
  const spec = on[instance.eventName];
  if (spec === undefined) return false;
  const event = instance.event;
  switch (instance.eventName) {
    case 'push': {
      const isTag = instance.ref.startsWith('refs/tags/');
      const name = instance.ref.replace(/^refs\/(heads|tags)\//, '');
      // With only branches (or only tags) filtered, the other kind of ref does not run the workflow.
      const filter = isTag ? spec?.tags : spec?.branches;
      if (spec?.branches === undefined && spec?.tags === undefined) return true;
      return filter !== undefined && githubFilterSelects(filter, name);
    }
    case 'pull_request':
      return spec?.branches === undefined || githubFilterSelects(spec.branches, (event.pull_request as Obj).base.ref);
    case 'repository_dispatch':
      return spec?.types === undefined || spec.types.includes(event.action);
    default:
      return true;
  }
}

/**
 * Run a workflow's jobs in `needs` order for one event, every step succeeding: a job runs when its `if` (default
 * `success()`; an `if` without a status function gets an implicit `success() &&`) is true, where `success()` means
 * every ancestor job succeeded, so a skipped need skips its dependants. Job outputs whose value is a `run` step's
 * output are computed by running that step's script with bash (its env evaluated), like the runner does; a step
 * ending in an unconditional `exit 1` fails its job (`failure()` then holds for the steps after it and dependants).
 *
 * @param workflow the parsed workflow (a reusable one with `inputs` given by the caller).
 * @param secrets the secrets the run can read (none for fork and Dependabot pull requests).
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds
 */
export function simulateGithubRun(
  workflow: Obj,
  instance: GithubEventInstance,
  inputs: Obj,
  secrets: Obj,
): Record<string, SimulatedJob> {
  const jobs = workflow.jobs as Record<string, Obj>;
  const results: Record<string, SimulatedJob> = {};
  const outputs: Record<string, Obj> = {};
  const ancestors = (id: string): string[] => {
    const direct = needsOf(jobs[id]);
    return [...new Set(direct.flatMap((n) => [n, ...ancestors(n)]))];
  };
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => needsOf(jobs[id]).every((n) => results[n] !== undefined));
    if (index === -1) throw new Error(`needs cycle or unknown need among ${pending.join(', ')}`);
    const [id] = pending.splice(index, 1);
    const job = jobs[id];
    const before = ancestors(id).map((n) => results[n].result);
    const status: StatusAnswers = {
      success: before.every((r) => r === 'success'),
      failure: before.includes('failure'),
      cancelled: false,
    };
    const needs = Object.fromEntries(
      needsOf(job).map((n) => [n, { result: results[n].result, outputs: outputs[n] ?? {} }]),
    );
    const base: Obj = {
      github: { ...instance.github, event: instance.event, job: id },
      inputs,
      secrets,
      needs,
      vars: {},
      env: {},
      runner: { os: 'Linux', temp: '/home/runner/work/_temp' },
    };
    const condition = job.if === undefined ? 'success()' : ifExpression(String(job.if));
    const expression = usesStatusFunction(condition) ? condition : `success() && (${condition})`;
    const runs = truthy(evaluateExpression(expression, base, status));
    const matrix = matrixEntries(job, base, status);
    // A caller job (`uses:` a reusable workflow) has no runner of its own.
    const entries =
      job.uses !== undefined
        ? []
        : matrix.map((m) => {
            const contexts = { ...base, matrix: m };
            return {
              runsOn: interpolateDeep(job['runs-on'], contexts, status),
              ...(job.concurrency
                ? {
                    concurrency: String(
                      interpolate(String(job.concurrency.group ?? job.concurrency), contexts, status),
                    ),
                  }
                : {}),
              ...(job.environment ? { environment: interpolateDeep(job.environment, contexts, status) } : {}),
            };
          });
    const stepsRun: string[] = [];
    const stepsSkipped: string[] = [];
    const secretsRead = new Set<string>();
    const stepOutputs: Obj = {};
    let failed = false;
    if (runs && job.steps) {
      const contexts = { ...base, matrix: matrix[0], steps: stepOutputs };
      for (const [i, step] of (job.steps as Obj[]).entries()) {
        const stepCondition = step.if === undefined ? 'success()' : ifExpression(String(step.if));
        const stepExpression = usesStatusFunction(stepCondition) ? stepCondition : `success() && (${stepCondition})`;
        const name = String(step.name ?? step.id ?? i);
        if (
          !truthy(evaluateExpression(stepExpression, contexts, { success: !failed, failure: failed, cancelled: false }))
        ) {
          stepsSkipped.push(name);
          continue;
        }
        stepsRun.push(name);
        const logsIn =
          String(step.uses ?? '').startsWith('docker/login-action') ||
          /\b(docker|buildah|skopeo|podman|oras|cosign) login\b/.test(String(step.run ?? ''));
        if (logsIn)
          for (const m of JSON.stringify([step.with, step.env, step.run]).matchAll(
            /secrets\.([A-Za-z_][A-Za-z0-9_]*)/g,
          ))
            if (m[1] !== 'GITHUB_TOKEN') secretsRead.add(m[1]);
        // A script whose last line is an unconditional `exit 1` refuses the run (the registry handoff on read-only pull requests).
        if (step.run !== undefined && /(^|\n)exit 1\s*$/.test(String(step.run))) failed = true;
        if (step.id !== undefined)
          stepOutputs[step.id] = {
            outputs: runsForOutputs(job, step) ? runStep(step, contexts, instance) : {},
            outcome: 'success',
            conclusion: 'success',
          };
      }
      outputs[id] = Object.fromEntries(
        Object.entries((job.outputs ?? {}) as Obj).map(([k, v]) => [k, interpolate(String(v), contexts, status)]),
      );
    }
    results[id] = {
      result: !runs ? 'skipped' : failed ? 'failure' : 'success',
      permissions: job.permissions ?? {},
      entries,
      stepsRun,
      stepsSkipped,
      secretsRead: [...secretsRead].sort(),
    };
  }
  return results;
}

function needsOf(job: Obj): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** The matrix entries of a job: its `include` list, or the list an expression (`fromJSON(...)`) yields. */
function matrixEntries(job: Obj, contexts: Obj, status: StatusAnswers): Obj[] {
  const matrix = job.strategy?.matrix;
  if (matrix === undefined) return [{}];
  const value =
    typeof matrix === 'string' ? interpolate(matrix, contexts, status) : interpolateDeep(matrix, contexts, status);
  const include = (value as Obj | null)?.include;
  return Array.isArray(include) && include.length > 0 ? include : [{}];
}

function interpolateDeep(value: unknown, contexts: Obj, status: StatusAnswers): unknown {
  if (typeof value === 'string') return interpolate(value, contexts, status);
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, contexts, status));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, contexts, status)]));
  return value;
}

/** Only steps whose outputs a job output reads are executed (the rest: actions, builds, pushes, are not needed). */
function runsForOutputs(job: Obj, step: Obj): boolean {
  return (
    step.run !== undefined &&
    Object.values((job.outputs ?? {}) as Obj).some((v) => String(v).includes(`steps.${step.id}.outputs.`))
  );
}

/**
 * Run a `run` step with bash (GitHub's default shell), its `env` and `${{ }}` evaluated, and parse what it wrote to GITHUB_OUTPUT (`k=v` lines). */
function runStep(step: Obj, contexts: Obj, instance: GithubEventInstance): Obj {
  const status = { success: true, failure: false, cancelled: false };
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-event-step-'));
  try {
    const output = join(dir, 'output');
    const env = Object.fromEntries(
      Object.entries((step.env ?? {}) as Obj).map(([k, v]) => [
        k,
        String(interpolate(String(v), contexts, status) ?? ''),
      ]),
    );
    const script = String(interpolate(String(step.run), contexts, status));
    // GitHub's default shell for `run` on Linux runners: `bash --noprofile --norc -eo pipefail {0}`.
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env: {
        PATH: process.env.PATH,
        ...env,
        GITHUB_REF: instance.ref,
        GITHUB_EVENT_NAME: instance.eventName,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: dir,
      },
      stdio: 'pipe',
    });
    const text = readFileSync(output, 'utf8');
    return Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
