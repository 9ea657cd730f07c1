import { parse } from 'yaml';
import type { GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { EVENT_TABLE } from './event-table.js';
import type { EventScenario } from './event-scenarios.js';
import { githubEventInstance } from './github-event-context.js';
import { resolveGitlabJob } from './gitlab-jobs.js';
import { simulateGithubRun } from './simulate-github-run.js';

type Obj = Record<string, any>;

/** What one run of an emitted CI file does, counted from the file itself (not from the pipeline model). */
export interface EmittedRun {
  /** Job instances that run (matrix entries and `parallel: matrix` instances counted one each). */
  readonly jobs: number;
  /** Jobs on the longest `needs` chain to `manifest` (publishing run) or to any job (pull request). */
  readonly serialHops: number;
  /** Candidate archives uploaded and downloaded (each one platform's image). */
  readonly archivesUp: number;
  readonly archivesDown: number;
}

function longest(needs: Map<string, string[]>, target: string | undefined): number {
  const memo = new Map<string, number>();
  const depth = (id: string): number => {
    if (memo.has(id)) return memo.get(id)!;
    const value = 1 + Math.max(0, ...(needs.get(id) ?? []).filter((n) => needs.has(n)).map(depth));
    memo.set(id, value);
    return value;
  };
  if (target !== undefined) return needs.has(target) ? depth(target) : 0;
  return Math.max(0, ...[...needs.keys()].map(depth));
}

function pipelineFile(s: EventScenario, ci: 'github' | 'gitlab'): GeneratedFile {
  const file = s.files.find((f) => f.ci === ci && f.kind === 'pipeline');
  if (!file) throw new Error(`${s.name}: no ${ci} pipeline file`);
  return file;
}

/**
 * The GitHub workflow's run for a push of the scenario's first branch (publishing) or a same-repository pull request,
 * every step succeeding, evaluated by the workflow simulator (GitHub's expression evaluator for `if`).
 */
export function countGithubRun(s: EventScenario, event: 'push' | 'pull_request'): EmittedRun {
  const wf = parse(pipelineFile(s, 'github').content) as Obj;
  const row = EVENT_TABLE.find((r) => r.id === (event === 'push' ? 'push-branch' : 'pr-same-repo'))!;
  const instance = githubEventInstance(row, { ...s.refs, branch: 'main' }, undefined);
  const secrets = Object.fromEntries(
    [...pipelineFile(s, 'github').content.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [
      m[1],
      'stand-in',
    ]),
  );
  const results = simulateGithubRun(wf, instance, instance.inputs, secrets);
  const ran = Object.entries(wf.jobs as Record<string, Obj>).filter(([id]) => results[id].result === 'success');
  const needs = new Map(ran.map(([id, job]) => [id, [job.needs ?? []].flat() as string[]]));
  let up = 0;
  let down = 0;
  const candidateSteps = (job: Obj, action: string) =>
    (job.steps as Obj[]).filter(
      (st) =>
        String(st.uses ?? '').startsWith(`actions/${action}@`) &&
        String(st.with?.name ?? '').startsWith('dockyard-candidate-'),
    );
  const archiveUploaded = ran.some(([, job]) =>
    candidateSteps(job, 'upload-artifact').some((st) => !String(st.with.path).includes('digest')),
  );
  for (const [id, job] of ran) {
    const instances = results[id].entries.length;
    up +=
      candidateSteps(job, 'upload-artifact').filter((st) => !String(st.with.path).includes('digest')).length *
      instances;
    if (archiveUploaded) down += candidateSteps(job, 'download-artifact').length * instances;
  }
  return {
    jobs: ran.reduce((n, [id]) => n + results[id].entries.length, 0),
    serialHops: longest(needs, event === 'push' ? 'manifest' : undefined),
    archivesUp: up,
    archivesDown: down,
  };
}

const RESERVED = new Set([
  'workflow',
  'variables',
  'stages',
  'default',
  'include',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

/** Evaluate one `rules:if` clause list (`&&` of `$V == "x"`, `$V != "x"`, `$V =~ /re/`, `$V`) under `vars`. */
function matches(condition: string, vars: Record<string, string>): boolean {
  return condition.split(' && ').every((clause) => {
    const m = /^\$(\w+)(?: (==|!=|=~) (?:"([^"]*)"|\/(.*)\/))?$/.exec(clause.trim());
    if (!m) throw new Error(`rule clause not understood: ${clause}`);
    const value = vars[m[1]];
    if (m[2] === undefined) return value !== undefined && value !== '';
    if (m[2] === '==') return value === m[3];
    if (m[2] === '!=') return value !== m[3];
    return value !== undefined && new RegExp(m[4]).test(value);
  });
}

/** Whether a GitLab job is added to a pipeline that succeeds: its first matching rule's `when` (none matching: never). */
function gitlabJobRuns(job: Obj, vars: Record<string, string>): boolean {
  if (job.rules === undefined) return (job.when ?? 'on_success') !== 'on_failure' && job.when !== 'never';
  const rule = (job.rules as Obj[]).find((r) => r.if === undefined || matches(r.if, vars));
  return rule !== undefined && rule.when !== 'never' && rule.when !== 'on_failure';
}

/**
 * The GitLab pipeline's run for a push of a protected `main` (publishing) or a merge request targeting `main`, by the
 * jobs' `rules` (https://docs.gitlab.com/ci/jobs/job_rules/). Artifacts: a job downloads the build archives of the
 * build instances it needs (all of them for plain `needs: [build]`, those of `needs:parallel:matrix`), of every
 * earlier job without `needs` unless `dependencies` narrows it (https://docs.gitlab.com/ci/yaml/#dependencies).
 */
export function countGitlabRun(s: EventScenario, event: 'push' | 'pull_request'): EmittedRun {
  const ci = parse(pipelineFile(s, 'gitlab').content) as Obj;
  const vars: Record<string, string> =
    event === 'push'
      ? {
          CI_PIPELINE_SOURCE: 'push',
          CI_COMMIT_BRANCH: 'main',
          CI_COMMIT_REF_NAME: 'main',
          CI_COMMIT_REF_PROTECTED: 'true',
        }
      : {
          CI_PIPELINE_SOURCE: 'merge_request_event',
          CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
          CI_COMMIT_REF_NAME: 'feature',
          CI_COMMIT_REF_PROTECTED: 'false',
        };
  const ran = Object.entries(ci)
    .filter(([name, job]) => !name.startsWith('.') && !RESERVED.has(name) && typeof job === 'object')
    .map(([name, job]) => [name, resolveGitlabJob(ci, job as Obj)] as [string, Obj])
    .filter(([, job]) => gitlabJobRuns(job, vars));
  const instancesOf = (job: Obj) => (job.parallel?.matrix ? (job.parallel.matrix as Obj[]).length : 1);
  const build = ran.find(([name]) => name === 'build')?.[1];
  const buildInstances = build ? instancesOf(build) : 0;
  const archive =
    build !== undefined && !((build.artifacts?.exclude ?? []) as string[]).some((p) => p.includes('image.tar'));
  const needName = (n: string | Obj) => (typeof n === 'string' ? n : String(n.job));
  const needs = new Map(ran.map(([name, job]) => [name, ((job.needs ?? []) as Array<string | Obj>).map(needName)]));
  let down = 0;
  for (const [, job] of ran) {
    if (!archive) break;
    let fetched = 0;
    if (job.needs !== undefined) {
      for (const n of job.needs as Array<string | Obj>) {
        if (needName(n) !== 'build' || (typeof n === 'object' && n.artifacts === false)) continue;
        fetched += typeof n === 'object' && n.parallel ? (n.parallel.matrix as Obj[]).length : buildInstances;
      }
    } else if (job.dependencies === undefined || (job.dependencies as string[]).includes('build'))
      fetched = buildInstances;
    down += fetched * instancesOf(job);
  }
  return {
    jobs: ran.reduce((n, [, job]) => n + instancesOf(job), 0),
    serialHops: longest(needs, event === 'push' ? 'manifest' : undefined),
    archivesUp: archive ? buildInstances : 0,
    archivesDown: down,
  };
}
