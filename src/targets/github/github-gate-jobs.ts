import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { githubPlatformRunner } from './github-platform-runners.js';
import type { Job, Pipeline } from '../../model/pipeline.js';
import { lintScript } from '../../emit/gate-scripts.js';
import { imageSizeScript } from '../../emit/image-size-script.js';
import { githubSmokeScript } from '../../emit/smoke-scripts.js';
import { HADOLINT_IMAGE } from '../../emit/tool-images.js';
import { useAction } from './action-pins.js';
import { downloadCandidateStep } from './github-candidate.js';
import { GATES_DIR_SH, gateResultSteps, gateTableSteps } from './github-gate-results.js';
import { githubLiteral } from './github-literal.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import { githubStagingRef, pullCandidateStep, readCandidateDigestStep } from './github-staging.js';
import type { GithubStep } from './github-types.js';
import { loadCandidateStep } from './github-verify-jobs.js';

/**
 * Steps of the lint job: hadolint (the pinned image, `docker run`) on the Dockerfile, with the checkout mounted
 * read-only as the working directory so a `.hadolint.yaml` there applies.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/hadolint/hadolint#configure
 */
export function lintSteps(scripts: StepScripts, pipeline: Pipeline): GithubStep[] {
  const lint = pipeline.gates.lint!;
  return [
    useAction('checkout', 'Check out', { 'persist-credentials': false }),
    {
      name: `Lint ${githubLiteral(pipeline.image.dockerfile)} with hadolint`,
      run: lintScript(
        scripts,
        'docker run --rm --network none --volume "$PWD:/src:ro" --workdir /src "$HADOLINT_IMAGE" hadolint',
        GATES_DIR_SH,
      ),
      env: {
        HADOLINT_IMAGE,
        DOCKYARD_DOCKERFILE: githubLiteral(pipeline.image.dockerfile),
        DOCKYARD_LINT_THRESHOLD: lint.failureThreshold,
        ...(lint.ignore.length > 0 ? { DOCKYARD_LINT_IGNORE: lint.ignore.join(' ') } : {}),
      },
    },
    ...gateResultSteps(scripts, pipeline, 'lint'),
  ];
}

/**
 * Steps of the smoke job: load the candidate into Docker (with the registry handoff: pull the staged candidate by
 * digest, with the staging registry's login), run it detached and poll its health status until healthy, unhealthy,
 * stopped or the timeout.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function smokeSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const smoke = pipeline.gates.smoke!;
  const staging = githubStagingRef(pipeline, registries);
  const pull = staging ? pullCandidateStep(staging) : undefined;
  return [
    ...(pipeline.platforms.some((p) => githubPlatformRunner(p).emulated)
      ? [useAction('setupQemu', 'Set up QEMU', { platforms: '${{ matrix.platform }}' }, { if: 'matrix.qemu' })]
      : []),
    ...loginSteps(loginRegistriesOf(job, registries)),
    downloadCandidateStep(),
    ...(pull ? [readCandidateDigestStep(scripts), pull.step] : [loadCandidateStep()]),
    {
      name: `Wait for the HEALTHCHECK to report healthy (at most ${smoke.timeoutSeconds} s)`,
      run: githubSmokeScript(scripts, GATES_DIR_SH, pull ? '"$CANDIDATE"' : undefined),
      env: {
        DOCKYARD_SMOKE_TIMEOUT: String(smoke.timeoutSeconds),
        DOCKYARD_PLATFORM: '${{ matrix.platform }}',
        DOCKYARD_SLUG: '${{ matrix.slug }}',
        ...(pull ? { CANDIDATE: pull.env.CANDIDATE } : {}),
      },
    },
    ...gateResultSteps(scripts, pipeline, 'smoke'),
  ];
}

/**
 * Steps of the size job: measure the candidate archive (Node.js on the runner), or with the registry handoff the
 * candidate's recorded manifest (compressed size only), and compare it with the limit.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function sizeSteps(scripts: StepScripts, pipeline: Pipeline): GithubStep[] {
  const size = pipeline.gates.size!;
  const source = pipeline.handoff.mode === 'registry' ? 'manifest' : 'archive';
  return [
    downloadCandidateStep(),
    {
      name: `Measure the image size (limit ${size.limitMb} MB ${size.measure})`,
      run: `export DOCKYARD_SUMMARY="$GITHUB_STEP_SUMMARY"\n${imageSizeScript(scripts, '"$RUNNER_TEMP/dockyard"', GATES_DIR_SH, source)}`,
      env: {
        DOCKYARD_PLATFORM: '${{ matrix.platform }}',
        DOCKYARD_SLUG: '${{ matrix.slug }}',
        DOCKYARD_SIZE_LIMIT: String(size.limitMb),
        DOCKYARD_SIZE_MEASURE: size.measure,
        DOCKYARD_SIZE_ON_EXCEED: size.onExceed,
      },
    },
    ...gateResultSteps(scripts, pipeline, 'size'),
  ];
}

/**
 * Steps of the gate summary job: download every gate job's result files and render them as one table in the job
 * summary; fails when a gate failed or an expected result is missing.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 */
export function gatesSummarySteps(scripts: StepScripts, pipeline: Pipeline): GithubStep[] {
  return gateTableSteps(scripts, pipeline);
}
