import { recordedGateResults } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { retentionDaysOf, type Pipeline } from '../../model/pipeline.js';
import {
  coverageFileOf,
  hasGateSummary,
  testPassFigure,
  testThreshold,
  type GateJobKind,
} from '../../model/verify-gates.js';
import { coverageCheckScript, recordJobResultsScript, recordPassScript } from '../../emit/gate-scripts.js';
import type { GitlabJob, GitlabJobVariables } from './gitlab-types.js';

/** Where GitLab jobs write their gate result files (docs/gates.md, "Gate result files"). */
export const GITLAB_GATES_DIR = 'dockyard/gates';

/**
 * GitLab reads the coverage figure from the job log with this regular expression: the first number of the last
 * matching line (the coverage check prints `dockyard: coverage 84.21% (minimum 80%)`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#coverage
 */
export const GITLAB_COVERAGE_REGEX = '/dockyard: coverage \\d+(?:\\.\\d+)?%/';

/** The parts a gate adds to a GitLab job: script lines, variables and other keys (after_script, artifacts, coverage). */
export interface GitlabGateParts {
  readonly script: string[];
  readonly variables: GitlabJobVariables;
  readonly extra: Pick<GitlabJob, 'coverage' | 'after_script' | 'artifacts'>;
}

/**
 * sh copying the coverage report out of the test stage's image (`localhost/dockyard-test:<slug>`, tagged by the
 * test build) into `dockyard/coverage/`, through a working container's mount point (root in the job container, as
 * GitLab's Docker executor runs it). A missing report is left to the coverage check to report.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-mount.1.md
 */
export function copyCoverageFromStageScript(report: string): string {
  return [
    'tested=$(buildah from "localhost/dockyard-test:$DOCKYARD_SLUG")',
    'mkdir -p dockyard/coverage',
    `cp "$(buildah mount "$tested")${report}" dockyard/coverage/${coverageFileOf(report)} || echo "dockyard: the test stage wrote no ${report}" >&2`,
    'buildah umount "$tested" > /dev/null',
    'buildah rm "$tested" > /dev/null',
  ].join('\n');
}

/**
 * The gate result parts of a GitLab gate job: an `after_script` writing the result files the job's own checks did
 * not (from `CI_JOB_STATUS`), and the `dockyard/gates/` directory as an artifact kept whatever happened. Nothing
 * without the gate summary.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/yaml/#after_script
 * @see https://docs.gitlab.com/ci/yaml/#artifactswhen
 */
export function gitlabGateResults(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: GateJobKind,
  paths: readonly string[] = [],
): Pick<GitlabJob, 'after_script' | 'artifacts'> {
  const results = recordedGateResults(pipeline.jobs, job);
  if (results.length === 0) return {};
  return {
    after_script: [`DOCKYARD_JOB_STATUS=$CI_JOB_STATUS\n${recordJobResultsScript(scripts, GITLAB_GATES_DIR, results)}`],
    artifacts: {
      paths: [`${GITLAB_GATES_DIR}/`, ...paths],
      when: 'always',
      expire_in: `${retentionDaysOf(pipeline, 'gate-results')} day`,
    },
  };
}

/**
 * The test job's coverage check (with a coverage gate) and gate results: the report is read from
 * `dockyard/coverage/<file>`; GitLab gets the `coverage:` regex and, for Cobertura, the `coverage_report` artifact
 * (coverage in merge requests).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscoverage_report
 */
export function gitlabTestGates(scripts: StepScripts, pipeline: Pipeline): GitlabGateParts {
  const coverage = pipeline.gates.coverage;
  const results = gitlabGateResults(scripts, pipeline, 'test', coverage ? ['dockyard/coverage/'] : []);
  const passed = hasGateSummary(pipeline)
    ? [recordPassScript(scripts, GITLAB_GATES_DIR, 'test', testPassFigure(pipeline.test), testThreshold(pipeline.test))]
    : [];
  if (!coverage) return { script: passed, variables: {}, extra: results };
  const file = `dockyard/coverage/${coverageFileOf(coverage.report)}`;
  return {
    script: [...passed, coverageCheckScript(scripts, GITLAB_GATES_DIR, passed.length > 0)],
    variables: {
      DOCKYARD_COVERAGE_FILE: file,
      DOCKYARD_COVERAGE_FORMAT: coverage.format,
      DOCKYARD_COVERAGE_MINIMUM: String(coverage.minimum),
    },
    extra: {
      coverage: GITLAB_COVERAGE_REGEX,
      after_script: results.after_script,
      artifacts: {
        ...results.artifacts,
        ...(coverage.format === 'cobertura'
          ? { reports: { coverage_report: { coverage_format: 'cobertura', path: file } } }
          : {}),
      },
    },
  };
}
