import { retentionDaysOf, type Pipeline } from '../../model/pipeline.js';
import { gateResultsOf, hasGateSummary } from '../../model/verify-gates.js';
import { recordJobResultsScript } from '../gate-scripts.js';
import { useAction } from './action-pins.js';
import type { GithubStep } from './github-types.js';

/** Where a GitHub job writes its gate result files (docs/gates.md, "Result files"). */
export const GATES_DIR = '${{ runner.temp }}/dockyard/gates';
/** {@link GATES_DIR} for scripts. */
export const GATES_DIR_SH = '"$RUNNER_TEMP/dockyard/gates"';
/** Steps that must run whatever happened before them (but not when the run was cancelled). */
export const NOT_CANCELLED = '${{ !cancelled() }}';

/**
 * The last steps of a gate job when the gate summary runs: write the result files the job's own checks did not
 * (`pass` when the job succeeded so far, else `fail`; `job.status`), and upload them as `dockyard-gates-<job>[-<slug>]`.
 * None without a summary, so pipelines without these gates render as before.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/contexts#job-context
 */
export function gateResultSteps(pipeline: Pipeline, job: 'test' | 'smoke' | 'size' | 'lint'): GithubStep[] {
  if (!hasGateSummary(pipeline.gates)) return [];
  const perPlatform = job !== 'lint';
  return [
    {
      name: 'Record the gate results',
      if: NOT_CANCELLED,
      run: recordJobResultsScript(GATES_DIR_SH, gateResultsOf(pipeline.gates, job)),
      env: {
        DOCKYARD_JOB_STATUS: '${{ job.status }}',
        ...(perPlatform ? { DOCKYARD_PLATFORM: '${{ matrix.platform }}', DOCKYARD_SLUG: '${{ matrix.slug }}' } : {}),
      },
    },
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
