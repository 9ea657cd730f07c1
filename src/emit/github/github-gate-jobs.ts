import { platformsOf, type Pipeline } from '../../model/pipeline.js';
import { expectedGateFiles } from '../../model/verify-gates.js';
import { gateSummaryScript, lintScript } from '../gate-scripts.js';
import { imageSizeScript } from '../image-size-script.js';
import { githubSmokeScript } from '../smoke-scripts.js';
import { HADOLINT_IMAGE } from '../tool-images.js';
import { useAction } from './action-pins.js';
import { GATES_DIR, GATES_DIR_SH, gateResultSteps } from './github-gate-results.js';
import { githubLiteral } from './github-literal.js';
import type { GithubStep } from './github-types.js';
import { downloadCandidateStep, loadCandidateStep } from './github-verify-jobs.js';

/**
 * Steps of the lint job: hadolint (the pinned image, `docker run`) on the Dockerfile, with the checkout mounted
 * read-only as the working directory so a `.hadolint.yaml` there applies.
 *
 * @see https://github.com/hadolint/hadolint#configure
 */
export function lintSteps(pipeline: Pipeline): GithubStep[] {
  const lint = pipeline.gates.lint!;
  return [
    useAction('checkout', 'Check out', { 'persist-credentials': false }),
    {
      name: `Lint ${githubLiteral(pipeline.image.dockerfile)} with hadolint`,
      run: lintScript('docker run --rm --network none --volume "$PWD:/src:ro" --workdir /src "$HADOLINT_IMAGE" hadolint', GATES_DIR_SH),
      env: {
        HADOLINT_IMAGE,
        DOCKYARD_DOCKERFILE: githubLiteral(pipeline.image.dockerfile),
        DOCKYARD_LINT_THRESHOLD: lint.failureThreshold,
        ...(lint.ignore.length > 0 ? { DOCKYARD_LINT_IGNORE: lint.ignore.join(' ') } : {}),
      },
    },
    ...gateResultSteps(pipeline, 'lint'),
  ];
}

/**
 * Steps of the smoke job: load the candidate into Docker, run it detached and poll its health status until healthy,
 * unhealthy, stopped or the timeout.
 */
export function smokeSteps(pipeline: Pipeline): GithubStep[] {
  const smoke = pipeline.gates.smoke!;
  return [
    ...(pipeline.platforms.some((p) => p.githubEmulated) ? [useAction('setupQemu', 'Set up QEMU', { platforms: '${{ matrix.platform }}' }, { if: 'matrix.qemu' })] : []),
    downloadCandidateStep(),
    loadCandidateStep(),
    {
      name: `Wait for the HEALTHCHECK to report healthy (at most ${smoke.timeoutSeconds} s)`,
      run: githubSmokeScript(GATES_DIR_SH),
      env: { DOCKYARD_SMOKE_TIMEOUT: String(smoke.timeoutSeconds), DOCKYARD_PLATFORM: '${{ matrix.platform }}', DOCKYARD_SLUG: '${{ matrix.slug }}' },
    },
    ...gateResultSteps(pipeline, 'smoke'),
  ];
}

/** Steps of the size job: measure the candidate archive (Node.js on the runner) and compare it with the limit. */
export function sizeSteps(pipeline: Pipeline): GithubStep[] {
  const size = pipeline.gates.size!;
  return [
    downloadCandidateStep(),
    {
      name: `Measure the image size (limit ${size.limitMb} MB ${size.measure})`,
      run: `export DOCKYARD_SUMMARY="$GITHUB_STEP_SUMMARY"\n${imageSizeScript('"$RUNNER_TEMP/dockyard"', GATES_DIR_SH)}`,
      env: {
        DOCKYARD_PLATFORM: '${{ matrix.platform }}',
        DOCKYARD_SLUG: '${{ matrix.slug }}',
        DOCKYARD_SIZE_LIMIT: String(size.limitMb),
        DOCKYARD_SIZE_MEASURE: size.measure,
        DOCKYARD_SIZE_ON_EXCEED: size.onExceed,
      },
    },
    ...gateResultSteps(pipeline, 'size'),
  ];
}

/**
 * Steps of the gate summary job: download every gate job's result files and render them as one table in the job
 * summary; fails when a gate failed or an expected result is missing.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 */
export function gatesSummarySteps(pipeline: Pipeline): GithubStep[] {
  const testJob = pipeline.jobs.find((j) => j.id === 'test')!;
  const testSlugs = platformsOf(pipeline, testJob).map((p) => p.slug);
  return [
    // When no gate job uploaded anything the download may fail; the summary then reports every result as missing.
    { ...useAction('downloadArtifact', 'Download the gate results', { pattern: 'dockyard-gates-*', path: GATES_DIR, 'merge-multiple': true }), 'continue-on-error': true },
    {
      name: 'Summarise the gates',
      run: gateSummaryScript(GATES_DIR_SH, '"$GITHUB_STEP_SUMMARY"'),
      env: { DOCKYARD_GATE_FILES: expectedGateFiles(pipeline.gates, testSlugs, pipeline.platforms.map((p) => p.slug)).join(' ') },
    },
  ];
}
