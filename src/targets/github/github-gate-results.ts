import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, retentionDaysOf, type Pipeline } from '../../model/pipeline.js';
import { recordedGateResults } from '../../model/steps.js';
import { expectedGateFiles, type GateJobKind } from '../../model/verify-gates.js';
import { gateSummaryScript, recordJobResultsScript } from '../../emit/gate-scripts.js';
import { useAction } from './action-pins.js';
import type { GithubStep } from './github-types.js';

/** Where a GitHub job writes its gate result files (docs/gates.md, "Gate result files"). */
export const GATES_DIR = '${{ runner.temp }}/dockyard/gates';
/** {@link GATES_DIR} for scripts. */
export const GATES_DIR_SH = '"$RUNNER_TEMP/dockyard/gates"';
/** Steps that must run whatever happened before them (but not when the run was cancelled). */
export const NOT_CANCELLED = '${{ !cancelled() }}';
/** The env of a per-platform gate job's result steps. */
export const PLATFORM_ENV = {
  DOCKYARD_PLATFORM: '${{ matrix.platform }}',
  DOCKYARD_SLUG: '${{ matrix.slug }}',
} as const;

/**
 * The last steps of a gate job when the gate summary runs: write the result files the job's own checks did not
 * (`pass` when the job succeeded so far, else `fail`; `job.status`), and upload them as `dockyard-gates-<job>[-<slug>]`
 * (not for `sign`, which renders the final table itself). None without a summary, so pipelines without these gates
 * render as before.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/reference/workflows-and-actions/contexts#job-context
 */
export function gateResultSteps(scripts: StepScripts, pipeline: Pipeline, job: GateJobKind): GithubStep[] {
  const results = recordedGateResults(pipeline.jobs, job);
  if (results.length === 0) return [];
  const perPlatform = job !== 'lint' && job !== 'sign';
  const record: GithubStep = {
    name: 'Record the gate results',
    if: NOT_CANCELLED,
    run: recordJobResultsScript(scripts, GATES_DIR_SH, results),
    env: { DOCKYARD_JOB_STATUS: '${{ job.status }}', ...(perPlatform ? PLATFORM_ENV : {}) },
  };
  if (job === 'sign') return [record];
  return [
    record,
    useAction(
      'uploadArtifact',
      'Upload the gate results',
      {
        name: perPlatform ? `dockyard-gates-${job}-\${{ matrix.slug }}` : `dockyard-gates-${job}`,
        path: GATES_DIR,
        'if-no-files-found': 'error',
        'retention-days': retentionDaysOf(pipeline, 'gate-results'),
      },
      { if: NOT_CANCELLED },
    ),
  ];
}

/**
 * Download every gate job's result files and render them as one table in the job summary; fails when a gate failed
 * or an expected result is missing. The summary job renders the verify-stage gates; the sign job (`extra: ['sign']`)
 * renders the final table with its own row.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param when the steps' `if:` (the sign job's table renders even when signing failed).
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 */
export function gateTableSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  extra: readonly string[] = [],
  when?: string,
): GithubStep[] {
  const testJob = pipeline.jobs.find((j) => j.id === 'test')!;
  const testSlugs = platformsOf(pipeline, testJob).map((p) => p.slug);
  const files = [
    ...expectedGateFiles(
      pipeline,
      testSlugs,
      pipeline.platforms.map((p) => p.slug),
    ),
    ...extra,
  ];
  const condition = when ? { if: when } : {};
  return [
    // When no gate job uploaded anything the download may fail; the summary then reports every result as missing.
    {
      ...useAction(
        'downloadArtifact',
        'Download the gate results',
        { pattern: 'dockyard-gates-*', path: GATES_DIR, 'merge-multiple': true },
        condition,
      ),
      'continue-on-error': true,
    },
    {
      name: 'Summarise the gates',
      ...condition,
      run: gateSummaryScript(scripts, GATES_DIR_SH, '"$GITHUB_STEP_SUMMARY"', extra.length > 0 ? 'final' : 'verify'),
      env: { DOCKYARD_GATE_FILES: files.join(' ') },
    },
  ];
}
