import type { Job, Pipeline } from './pipeline.js';
import { PLATFORM_RUNNER_JOBS, type CachePlan, type CacheRef, type RunnerPlacement, type Step } from './steps.js';
import { coverageDirOf, gateResultsOf, type GateJobKind } from './verify-gates.js';

/** A job as the job planners build it, before its steps and runner placement are decided. */
export type PlannedJob = Omit<Job, 'steps' | 'runner'>;

/** What the step planner reads of the pipeline: every decision but the jobs. */
export type StepContext = Pick<
  Pipeline,
  'image' | 'cache' | 'handoff' | 'test' | 'scan' | 'gates' | 'sbom' | 'signing' | 'tags' | 'registries'
>;

const GATE_JOBS: readonly GateJobKind[] = ['lint', 'test', 'scan', 'smoke', 'size', 'sbom', 'sign'];

/**
 * Where a job runs: per-platform jobs that build or run the candidate (build, test, smoke) on the platform's own
 * runner, so nothing is emulated where the CI system has a native runner; every other job on any runner. Each target
 * maps `platform` to its runner (GitHub `runs-on` label, GitLab runner tag, the local machine under QEMU).
 */
export function planRunnerPlacement(job: PlannedJob): RunnerPlacement {
  return job.perPlatform && PLATFORM_RUNNER_JOBS.includes(job.id) ? 'platform' : 'any';
}

/**
 * The build cache of a build, resolved from the cache mode: read from one reference, written (outside pull/merge
 * requests) only by the candidate build. The registry and inline caches live in the first registry.
 *
 * @param write whether this build writes the cache (the candidate build) or only reads it (the test stage build).
 * @see https://docs.docker.com/build/cache/backends/
 */
export function planCache(pipeline: Pick<Pipeline, 'cache'>, write: boolean): CachePlan {
  const ref = ((): CacheRef | undefined => {
    switch (pipeline.cache) {
      case 'none':
        return undefined;
      case 'registry':
        return { type: 'registry', registry: 0 };
      case 'inline':
        return { type: 'inline', registry: 0 };
      case 'gha':
        return { type: 'gha' };
      case 'local':
        return { type: 'local' };
    }
  })();
  return {
    ...(ref ? { from: ref } : {}),
    ...(ref && write ? { to: ref } : {}),
    writeOn: 'not-on-pull-requests',
  };
}

/**
 * The steps of one job, in order: fetch what it consumes, log in, do its work, record its gate results, hand on
 * what it produces. Pure; the job's fields (`consumes`, `produces`, `logsInTo`) and the pipeline's decisions
 * (handoff, cache, gates) are the only inputs, so every target runs the same recipe.
 *
 * @see docs/architecture.md ("Steps")
 */
export function planJobSteps(pipeline: StepContext, job: PlannedJob): Step[] {
  const staged = pipeline.handoff.mode === 'registry';
  const fetched = job.consumes.includes('candidate') && job.id !== 'push';
  const steps: Step[] = [
    ...job.consumes
      // With the registry handoff the candidate artifact is its digest only; it is still downloaded.
      .map((artifact): Step => ({ kind: 'download', artifact })),
    ...(job.logsInTo.length > 0
      ? [{ kind: 'login', registries: [...job.logsInTo].sort((a, b) => a - b) } as const]
      : []),
    ...(fetched ? [{ kind: 'fetch-candidate', from: staged ? 'staging' : 'archive' } as const] : []),
    ...workOf(pipeline, job),
  ];
  if (job.produces.includes('gate-results') && (GATE_JOBS as readonly string[]).includes(job.id)) {
    for (const result of gateResultsOf(pipeline, job.id as GateJobKind))
      steps.push({ kind: 'record-gate-result', ...result });
  }
  // The sign job renders the final summary table, its own row included.
  if (job.id === 'gates' || (job.id === 'sign' && job.consumes.includes('gate-results')))
    steps.push({ kind: 'summarize-gates' });
  steps.push(...job.produces.map((artifact): Step => ({ kind: 'upload', artifact })));
  return steps;
}

/** The steps that are the job's own work, between fetching its inputs and handing on its outputs. */
function workOf(pipeline: StepContext, job: PlannedJob): Step[] {
  const staged = pipeline.handoff.mode === 'registry';
  switch (job.id) {
    case 'metadata':
      return [{ kind: 'compute-metadata' }];
    case 'lint':
      return [{ kind: 'check', gate: 'lint' }];
    case 'build':
      return [
        {
          kind: 'build',
          output: 'candidate',
          ...(pipeline.image.target !== undefined ? { target: pipeline.image.target } : {}),
          cache: planCache(pipeline, true),
          format: pipeline.gates.smoke ? 'docker' : 'oci',
          labels: true,
          annotations: pipeline.tags.annotationLevels.includes('manifest'),
        },
        ...(staged ? [{ kind: 'stage-candidate' } as const] : []),
      ];
    case 'test':
      return testSteps(pipeline);
    case 'scan':
    case 'smoke':
    case 'size':
    case 'sbom':
      return [{ kind: 'check', gate: job.id }];
    case 'gates':
      return [];
    case 'push':
      return [{ kind: 'push-by-digest', from: staged ? 'staging' : 'archive', registries: [...job.logsInTo] }];
    case 'manifest':
      return [
        {
          kind: 'merge-index',
          registries: [...job.logsInTo],
          annotations: pipeline.tags.annotationLevels.includes('index'),
          recordPublished: job.produces.includes('published'),
        },
      ];
    case 'sign':
      return [{ kind: 'sign', provenance: pipeline.signing?.provenance ?? false }];
    case 'deploy':
      return [{ kind: 'deploy' }];
    case 'notify':
      return [{ kind: 'notify' }];
  }
}

/** The test job's work: the test stage on the candidate, then the commands in it, then the coverage check. */
function testSteps(pipeline: StepContext): Step[] {
  const { test } = pipeline;
  const coverage = pipeline.gates.coverage;
  return [
    ...(test.target !== undefined
      ? [
          {
            kind: 'build',
            output: 'test-stage',
            target: test.target,
            ...(test.replacesStage !== '' ? { replaces: test.replacesStage } : {}),
            cache: planCache(pipeline, false),
          } as const,
        ]
      : []),
    ...(test.commands
      ? [
          {
            kind: 'run-in-candidate',
            commands: [...test.commands],
            shell: test.shell,
            ...(coverage?.from === 'commands' ? { coverageDir: coverageDirOf(coverage.report) } : {}),
          } as const,
        ]
      : []),
    ...(coverage ? [{ kind: 'check', gate: 'coverage' } as const] : []),
  ];
}
