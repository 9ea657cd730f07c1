import type { StepScripts } from '../../emit/step-scripts.js';
import type { Pipeline } from '../../model/pipeline.js';
import {
  coverageDirOf,
  coverageFileOf,
  hasGateSummary,
  testPassFigure,
  testThreshold,
} from '../../model/verify-gates.js';
import { coverageCheckScript, recordPassScript } from '../../emit/gate-scripts.js';
import { useAction } from './action-pins.js';
import { GATES_DIR_SH, gateResultSteps, NOT_CANCELLED } from './github-gate-results.js';
import type { GithubStep } from './github-types.js';

/** Where the test stage's file system is exported when the coverage report comes from a test target. */
export const TEST_OUTPUT_DIR = '${{ runner.temp }}/dockyard/test-output';
const COVERAGE_DIR = '${{ runner.temp }}/dockyard/coverage';

/** The container directory the runner's coverage directory is mounted at in commands mode. */
export function coverageMount(report: string): string {
  return coverageDirOf(report);
}

/** Create the empty, world-writable directory mounted into every test container (the image may not run as root). */
export function prepareCoverageDirStep(): GithubStep {
  return {
    name: 'Prepare the coverage directory',
    run: 'mkdir -p "$RUNNER_TEMP/dockyard/coverage"\nchmod 0777 "$RUNNER_TEMP/dockyard/coverage"',
  };
}

/**
 * The test job's last steps: with a coverage gate, check the report against the minimum (a line in the step
 * summary) and upload it as `dockyard-coverage-<slug>`; with the gate summary, the result files.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function testGateSteps(scripts: StepScripts, pipeline: Pipeline): GithubStep[] {
  const coverage = pipeline.gates.coverage;
  const steps: GithubStep[] = [];
  if (hasGateSummary(pipeline)) {
    steps.push({
      name: 'Record the test result',
      run: recordPassScript(scripts, GATES_DIR_SH, 'test', testPassFigure(pipeline.test), testThreshold(pipeline.test)),
      env: { DOCKYARD_PLATFORM: '${{ matrix.platform }}', DOCKYARD_SLUG: '${{ matrix.slug }}' },
    });
  }
  if (coverage) {
    const file =
      coverage.from === 'target'
        ? `${TEST_OUTPUT_DIR}${coverage.report}`
        : `${COVERAGE_DIR}/${coverageFileOf(coverage.report)}`;
    steps.push(
      {
        name: `Check coverage (minimum ${coverage.minimum}%)`,
        run: `export DOCKYARD_SUMMARY="$GITHUB_STEP_SUMMARY"\n${coverageCheckScript(scripts, GATES_DIR_SH)}`,
        env: {
          DOCKYARD_COVERAGE_FILE: file,
          DOCKYARD_COVERAGE_FORMAT: coverage.format,
          DOCKYARD_COVERAGE_MINIMUM: String(coverage.minimum),
          DOCKYARD_PLATFORM: '${{ matrix.platform }}',
          DOCKYARD_SLUG: '${{ matrix.slug }}',
        },
      },
      useAction(
        'uploadArtifact',
        'Upload the coverage report',
        {
          name: 'dockyard-coverage-${{ matrix.slug }}',
          path: file,
          'if-no-files-found': 'ignore',
          'retention-days': 7,
        },
        { if: NOT_CANCELLED },
      ),
    );
  }
  return [...steps, ...gateResultSteps(scripts, pipeline, 'test')];
}
