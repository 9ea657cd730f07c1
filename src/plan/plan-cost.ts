import type { CiSystem } from '../config/schema/primitives.js';
import { platformsOf, type Job, type JobKind, type Pipeline } from '../model/pipeline.js';
import { targetOf } from '../targets/registry.js';
import { decidePlanRun } from './decide-plan-run.js';

/**
 * The runs `dockyard plan --cost` prices: `push` is a publishing run (a push of the default branch, protected on
 * GitLab, every job succeeding); `pull_request` a pull/merge request run from a branch of the same repository
 * (verify-stage jobs only).
 */
export const COST_EVENTS = ['push', 'pull_request'] as const;

/** One of {@link COST_EVENTS}. */
export type CostEvent = (typeof COST_EVENTS)[number];

/** Bytes in one megabyte as `--image-size` counts it (decimal: 1 MB = 1,000,000 bytes). */
export const BYTES_PER_MB = 1_000_000;

/** The image size `dockyard plan --cost` assumes without `--image-size`, in MB: one platform's OCI archive. */
export const DEFAULT_IMAGE_SIZE_MB = 300;

/**
 * The rates the estimate assumes. Not measured by dockyard and not published by GitHub or GitLab: stated so the
 * figures can be reproduced and compared, and overridable by callers.
 */
export interface CostRates {
  /** Seconds every job spends before its own work: runner start, `Set up job`, checkout, image pull. Default 30. */
  readonly startupSeconds: number;
  /** Artifact upload throughput in bytes per second. Default 25 MB/s. */
  readonly uploadBytesPerSecond: number;
  /** Artifact download throughput in bytes per second. Default 50 MB/s. */
  readonly downloadBytesPerSecond: number;
}

/** {@link CostRates} `dockyard plan --cost` uses. */
export const DEFAULT_COST_RATES: CostRates = {
  startupSeconds: 30,
  uploadBytesPerSecond: 25 * BYTES_PER_MB,
  downloadBytesPerSecond: 50 * BYTES_PER_MB,
};

/** What one run of the generated pipeline costs on one CI system (`dockyard plan --cost --json` prints a list of these). */
export interface PlanCost {
  readonly ci: CiSystem;
  readonly event: CostEvent;
  /** CI job instances that run: a per-platform job once per platform it runs on, deploy once per environment. */
  readonly jobs: number;
  /**
   * Jobs on the longest `needs` chain to the manifest job (which publishes the tags) for `push`, to the end of the
   * pipeline for `pull_request`; 0 when the pipeline does not run.
   */
  readonly serialHops: number;
  /** Image bytes moved through CI artifacts: uploaded by build jobs, downloaded by the jobs that consume the candidate. */
  readonly artifactBytes: { readonly up: number; readonly down: number };
  /**
   * Billed runner minutes of start-up and artifact transfer only (no build, test or scan work): GitHub rounds each
   * job up to a whole minute; GitLab counts seconds / 60 × the runner's cost factor (two decimals).
   */
  readonly runnerMinutes: number;
}

/** Per-job-instance facts the totals are summed from. */
interface JobInstance {
  readonly id: JobKind;
  readonly up: number;
  readonly down: number;
  /** GitLab compute cost factor of the runner (1 on GitHub: standard Linux runners have minute multiplier 1). */
  readonly factor: number;
}

/** Whether a model job runs in the event's run: every job in a publishing run, verify-stage jobs in a pull request. */
function runsIn(job: Job, event: CostEvent): boolean {
  return event === 'push' || job.stage === 'verify';
}

/** How many CI jobs one instance of a non-per-platform model job renders as in this run. */
function copiesOf(pipeline: Pipeline, job: Job): number {
  if (job.id === 'deploy') return pipeline.deploy?.environments.length ?? 0;
  // notify-failure is skipped in a run that succeeds (`if: failure()`, `when: on_failure`).
  if (job.id === 'notify') return pipeline.notify?.on.filter((e) => e === 'success').length ?? 0;
  return 1;
}

/**
 * The job instances of one run. Image bytes: with the artifact handoff each build instance uploads its platform's
 * archive, and each per-platform job that consumes the candidate downloads its own platform's archive (GitHub
 * `actions/download-artifact` by name, GitLab `needs:parallel:matrix` of its own build instance, docs/pipelines.md);
 * a job that runs once and consumed it would download every platform's. With the registry handoff only digest files
 * travel as artifacts (0 image bytes). The GitLab `unprotected-ref` job runs only on unprotected refs, so in neither
 * run; GitHub's reusable mode is priced as the plain workflow (its extra `platforms` job is not counted).
 */
function instancesOf(pipeline: Pipeline, ci: CiSystem, event: CostEvent, imageBytes: number): JobInstance[] {
  const archive = pipeline.handoff.mode === 'artifact' ? imageBytes : 0;
  const out: JobInstance[] = [];
  for (const job of pipeline.jobs.filter((j) => runsIn(j, event))) {
    const platforms = job.perPlatform ? platformsOf(pipeline, job) : [undefined];
    const copies = job.perPlatform ? 1 : copiesOf(pipeline, job);
    for (const platform of platforms) {
      const up = job.produces.includes('candidate') ? archive : 0;
      const down = job.consumes.includes('candidate')
        ? platform !== undefined
          ? archive
          : archive * pipeline.platforms.length
        : 0;
      const factor = targetOf(ci).billing.costFactorOf(pipeline, job, platform);
      for (let i = 0; i < copies; i++) out.push({ id: job.id, up, down, factor });
    }
  }
  return out;
}

/**
 * Jobs on the longest `needs` chain ending at `target` (or at any job), among the jobs that run. Deploy environments
 * (one CI job each, in a chain) come after the manifest job and never run in a pull request, so they never lengthen it.
 */
function longestChain(jobs: readonly Job[], target: JobKind | undefined): number {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const memo = new Map<JobKind, number>();
  const depth = (id: JobKind): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const job = byId.get(id)!;
    const below = job.needs.filter((n) => byId.has(n)).map(depth);
    const value = 1 + Math.max(0, ...below);
    memo.set(id, value);
    return value;
  };
  if (target !== undefined) return byId.has(target) ? depth(target) : 0;
  return Math.max(0, ...jobs.map((j) => depth(j.id)));
}

/**
 * Price one run of the pipeline on one CI system. Pure and deterministic: the same model, event, image size and
 * rates give the same figures on any machine. A `pull_request` run targeting `main` that the triggers do not start
 * (`decidePlanRun`: `triggers.pullRequests` off, or `main` not among the branches) costs 0 in every figure.
 *
 * @param imageBytes one platform's candidate archive, in bytes (a non-negative number).
 * @param rates start-up and transfer rates; default {@link DEFAULT_COST_RATES}.
 * @see https://docs.github.com/billing/reference/actions-runner-pricing ("rounds the minutes and partial minutes each job uses up to the nearest whole minute")
 * @see https://docs.gitlab.com/ci/pipelines/compute_minutes/#compute-usage-calculation (job duration in seconds / 60 × cost factor)
 */
export function computePlanCost(
  pipeline: Pipeline,
  ci: CiSystem,
  event: CostEvent,
  imageBytes: number,
  rates: CostRates = DEFAULT_COST_RATES,
): PlanCost {
  const runs = decidePlanRun(pipeline.triggers, ci, {
    event,
    ref: event === 'push' ? 'refs/heads/main' : 'refs/pull/1/merge',
    defaultBranch: 'main',
  }).runs;
  if (event === 'pull_request' && !runs)
    return { ci, event, jobs: 0, serialHops: 0, artifactBytes: { up: 0, down: 0 }, runnerMinutes: 0 };
  const instances = instancesOf(pipeline, ci, event, imageBytes);
  const running = pipeline.jobs.filter((j) => runsIn(j, event) && (j.perPlatform || copiesOf(pipeline, j) > 0));
  const serialHops = longestChain(running, event === 'push' ? 'manifest' : undefined);
  const perJobMinute = targetOf(ci).billing.rounding === 'per-job-minute';
  let seconds = 0;
  let minutes = 0;
  for (const instance of instances) {
    const duration =
      rates.startupSeconds + instance.up / rates.uploadBytesPerSecond + instance.down / rates.downloadBytesPerSecond;
    if (perJobMinute) minutes += Math.ceil(duration / 60);
    else seconds += duration * instance.factor;
  }
  return {
    ci,
    event,
    jobs: instances.length,
    serialHops,
    artifactBytes: { up: sum(instances.map((i) => i.up)), down: sum(instances.map((i) => i.down)) },
    runnerMinutes: perJobMinute ? minutes : Math.round((seconds / 60) * 100) / 100,
  };
}

/**
 * Price both runs ({@link COST_EVENTS}) on every CI system in `systems`, in that order.
 *
 * @param imageSizeMb one platform's candidate archive in MB (1 MB = 1,000,000 bytes).
 */
export function computePlanCosts(
  pipeline: Pipeline,
  systems: readonly CiSystem[],
  imageSizeMb: number = DEFAULT_IMAGE_SIZE_MB,
  rates: CostRates = DEFAULT_COST_RATES,
): PlanCost[] {
  const imageBytes = Math.round(imageSizeMb * BYTES_PER_MB);
  return systems.flatMap((ci) => COST_EVENTS.map((event) => computePlanCost(pipeline, ci, event, imageBytes, rates)));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
