import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { expectedGateFiles } from '../../model/verify-gates.js';
import { gateSummaryScript, lintScript } from '../../emit/gate-scripts.js';
import { imageSizeScript } from '../../emit/image-size-script.js';
import { gitlabSmokeScript } from '../../emit/smoke-scripts.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { BUILDAH_VARIABLES, candidateSource } from './gitlab-jobs.js';
import type { GitlabJob } from './gitlab-types.js';
import { loginScript, type GitlabRegistry } from './gitlab-registries.js';
import { gitlabStaging, stagingVariables } from './gitlab-staging.js';
import { GITLAB_GATES_DIR, gitlabGateResults } from './gitlab-test-gates.js';

/** How long the gate summary (`dockyard/gates.md`) is kept: it is the only place the table is shown on GitLab. */
const SUMMARY_EXPIRE = '30 days';

/**
 * The lint job: hadolint (the pinned Debian image) on the Dockerfile in the project directory, so a
 * `.hadolint.yaml` there applies; the build needs it.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/hadolint/hadolint#configure
 */
export function gitlabLintJob(scripts: StepScripts, pipeline: Pipeline): GitlabJob {
  const lint = pipeline.gates.lint!;
  return {
    image: { name: GITLAB_IMAGES.hadolint, entrypoint: [''] },
    variables: {
      DOCKYARD_DOCKERFILE: pipeline.image.dockerfile,
      DOCKYARD_LINT_THRESHOLD: lint.failureThreshold,
      ...(lint.ignore.length > 0 ? { DOCKYARD_LINT_IGNORE: lint.ignore.join(' ') } : {}),
    },
    script: [lintScript(scripts, 'hadolint', GITLAB_GATES_DIR)],
    ...gitlabGateResults(scripts, pipeline, 'lint'),
  };
}

/**
 * The smoke job (daemonless): the candidate's entrypoint and command run with `buildah run` (with the registry
 * handoff from the staged candidate by digest, after the staging registry's login), the HEALTHCHECK the build job
 * recorded runs beside them in the same container (smoke-scripts.ts).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function gitlabSmokeJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  const staging = gitlabStaging(pipeline, registries);
  const source = candidateSource(scripts, staging !== undefined);
  return {
    image: GITLAB_IMAGES.buildah,
    variables: {
      ...BUILDAH_VARIABLES,
      ...stagingVariables(staging),
      DOCKYARD_SMOKE_TIMEOUT: String(pipeline.gates.smoke!.timeoutSeconds),
    },
    script: [
      ...loginScript('buildah', loginRegistriesOf(job, registries), true),
      ...source.prelude,
      gitlabSmokeScript(scripts, GITLAB_GATES_DIR, staging ? source.ref : undefined),
    ],
    ...gitlabGateResults(scripts, pipeline, 'smoke'),
  };
}

/**
 * The size job: Node.js (the pinned image) measures the candidate archive (with the registry handoff: the manifest
 * the build job recorded, compressed size only) and compares it with the limit.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function gitlabSizeJob(scripts: StepScripts, pipeline: Pipeline): GitlabJob {
  const size = pipeline.gates.size!;
  const source = pipeline.handoff.mode === 'registry' ? 'manifest' : 'archive';
  return {
    image: { name: GITLAB_IMAGES.node, entrypoint: [''] },
    variables: {
      DOCKYARD_SIZE_LIMIT: String(size.limitMb),
      DOCKYARD_SIZE_MEASURE: size.measure,
      DOCKYARD_SIZE_ON_EXCEED: size.onExceed,
    },
    script: [imageSizeScript(scripts, '"dockyard/$DOCKYARD_SLUG"', GITLAB_GATES_DIR, source)],
    ...gitlabGateResults(scripts, pipeline, 'size'),
  };
}

/**
 * The gate summary job: runs whatever the gates' results (`when: always`), renders every result file as one
 * Markdown table into `dockyard/gates.md` (an artifact) and the log, and fails when a gate failed or an expected
 * result is missing; the push job needs it.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/yaml/#when
 */
export function gitlabGatesJob(scripts: StepScripts, pipeline: Pipeline): GitlabJob {
  return {
    image: { name: GITLAB_IMAGES.node, entrypoint: [''] },
    variables: { DOCKYARD_GATE_FILES: gitlabGateFiles(pipeline).join(' ') },
    script: [gitlabGateTableScript(scripts, 'verify')],
    when: 'always',
    artifacts: { paths: ['dockyard/gates.md', `${GITLAB_GATES_DIR}/`], when: 'always', expire_in: SUMMARY_EXPIRE },
  };
}

/**
 * sh rendering the gate table from `dockyard/gates/` into `dockyard/gates.md` (replaced) and the log: the summary
 * job's (`verify`) or the sign job's final table (`final`).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function gitlabGateTableScript(scripts: StepScripts, stage: 'verify' | 'final'): string {
  return `mkdir -p dockyard && : > dockyard/gates.md\n${gateSummaryScript(scripts, GITLAB_GATES_DIR, 'dockyard/gates.md', stage)}`;
}

/** The result files the gate table expects (see `expectedGateFiles`), plus `extra` (the sign job adds `sign`). */
export function gitlabGateFiles(pipeline: Pipeline, extra: readonly string[] = []): string[] {
  const testJob = pipeline.jobs.find((j) => j.id === 'test')!;
  return [
    ...expectedGateFiles(
      pipeline,
      platformsOf(pipeline, testJob).map((p) => p.slug),
      pipeline.platforms.map((p) => p.slug),
    ),
    ...extra,
  ];
}
