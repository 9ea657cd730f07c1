import type { StepScripts } from '../../emit/step-scripts.js';
import { githubPlatformRunner } from './github-platform-runners.js';
import { platformsOf, type Job, type JobKind, type Pipeline } from '../../model/pipeline.js';
import { NOT_THE_CANDIDATE } from '../../model/verify-gates.js';
import { resolveGithubRegistries, type GithubRegistry } from './github-registries.js';
import { manifestSteps, pushSteps } from './github-publish-jobs.js';
import { githubDeployJobs, githubNotifyJobs } from './github-deploy-notify-jobs.js';
import { emitGithubTriggers } from './github-triggers.js';
import { githubJobConcurrency, githubPublishCondition } from './github-concurrency.js';
import { checkRefPublishesStep, PUBLISHES_OUTPUT, PUBLISHES_OUTPUT_VALUE } from './github-ref-gate.js';
import type { GithubJob, GithubStep, GithubWorkflow } from './github-types.js';
import { gatesSummarySteps, lintSteps, sizeSteps, smokeSteps } from './github-gate-jobs.js';
import { NOT_CANCELLED } from './github-gate-results.js';
import { scanSteps } from './github-scan-steps.js';
import { sbomSteps, signSteps } from './github-supply-chain-jobs.js';
import { buildSteps, METADATA_OUTPUTS, metadataSteps, testSteps } from './github-verify-jobs.js';
import { metadataInputs } from './metadata-inputs.js';
import { GITHUB_DEFAULT_RUNNER, runsOnPlatformRunner } from './github-runners.js';

const TIMEOUT_MINUTES: Record<JobKind, number> = {
  metadata: 5,
  lint: 10,
  build: 60,
  test: 30,
  scan: 20,
  smoke: 15,
  size: 15,
  sbom: 20,
  gates: 5,
  push: 15,
  manifest: 10,
  sign: 15,
  deploy: 30,
  notify: 5,
};

/**
 * Map the pipeline model to a GitHub Actions workflow object (keys exactly as GitHub spells them).
 * Least privilege: `permissions: {}` at the top, each job granting only what it needs; pull requests
 * build, test and scan but never push. Concurrency is per job (see `githubJobConcurrency`), never per workflow.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */
export function emitGithubWorkflow(scripts: StepScripts, pipeline: Pipeline): GithubWorkflow {
  const registries = resolveGithubRegistries(pipeline);
  const meta = metadataInputs(pipeline, registries);
  const jobs: Record<string, GithubJob> = {};
  for (const job of pipeline.jobs) {
    // Deploy and notify expand to one job per environment / event (github-deploy-notify-jobs.ts).
    if (job.id === 'deploy') Object.assign(jobs, githubDeployJobs(scripts, pipeline, job.needs));
    else if (job.id === 'notify') Object.assign(jobs, githubNotifyJobs(scripts, pipeline, Object.keys(jobs)));
    else jobs[job.id] = emitJob(scripts, pipeline, job, registries, meta);
  }
  return {
    name: pipeline.name,
    on: emitGithubTriggers(pipeline.triggers),
    permissions: {},
    jobs,
  };
}

function emitJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
  meta: Record<string, string>,
): GithubJob {
  const nativeRunner = runsOnPlatformRunner(job);
  const concurrency = githubJobConcurrency(pipeline, job);
  // Publish jobs read the metadata job's `publishes` output, and `needs` only holds direct dependencies.
  const needs =
    job.stage === 'publish' && !job.needs.includes('metadata') ? ['metadata', ...job.needs] : [...job.needs];
  return {
    name: githubJobName(pipeline, job),
    ...(needs.length > 0 ? { needs } : {}),
    ...(job.stage === 'publish' ? { if: githubPublishCondition(pipeline.triggers) } : {}),
    // The summary reports failed gates too: it runs unless the run was cancelled (and then fails itself).
    ...(job.id === 'gates' ? { if: NOT_CANCELLED } : {}),
    'runs-on': nativeRunner ? '${{ matrix.runner }}' : GITHUB_DEFAULT_RUNNER,
    permissions: { ...job.permissions },
    ...(concurrency ? { concurrency } : {}),
    ...(job.perPlatform
      ? { strategy: { 'fail-fast': true, matrix: { include: matrixFor(pipeline, job, nativeRunner) } } }
      : {}),
    'timeout-minutes': job.id === 'smoke' ? smokeTimeoutMinutes(pipeline) : TIMEOUT_MINUTES[job.id],
    ...(job.id === 'metadata'
      ? {
          outputs: {
            ...Object.fromEntries(METADATA_OUTPUTS.map((o) => [o, `\${{ steps.meta.outputs.${o} }}`])),
            [PUBLISHES_OUTPUT]: PUBLISHES_OUTPUT_VALUE,
          },
        }
      : {}),
    steps: stepsFor(scripts, pipeline, job, registries, meta),
  };
}

/**
 * The job's display name: `<id> (<platform>)` per platform, `<id>` otherwise; a test job whose stage is built from
 * source (`test.from: "source"`) adds `, does not test the candidate` inside the parentheses.
 *
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idname
 */
function githubJobName(pipeline: Pipeline, job: Job): string {
  const caveat = job.id === 'test' && pipeline.test.from === 'source' ? `, ${NOT_THE_CANDIDATE}` : '';
  return job.perPlatform ? `${job.id} (\${{ matrix.platform }}${caveat})` : job.id;
}

function matrixFor(pipeline: Pipeline, job: Job, nativeRunner: boolean): Array<Record<string, string | boolean>> {
  return platformsOf(pipeline, job).map((p) => ({
    platform: p.platform,
    slug: p.slug,
    ...(nativeRunner ? runnerEntry(p) : {}),
  }));
}

function stepsFor(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
  meta: Record<string, string>,
): GithubStep[] {
  switch (job.id) {
    case 'metadata':
      return [...metadataSteps(meta), checkRefPublishesStep(pipeline.triggers)];
    case 'build':
      return buildSteps(scripts, pipeline, job, registries);
    case 'test':
      return testSteps(scripts, pipeline, job, registries);
    case 'scan':
      return scanSteps(scripts, pipeline, job, registries);
    case 'push':
      return pushSteps(scripts, pipeline, job, registries);
    case 'manifest':
      return manifestSteps(pipeline, job, registries);
    case 'lint':
      return lintSteps(scripts, pipeline);
    case 'smoke':
      return smokeSteps(scripts, pipeline, job, registries);
    case 'size':
      return sizeSteps(scripts, pipeline);
    case 'sbom':
      return sbomSteps(scripts, pipeline);
    case 'gates':
      return gatesSummarySteps(scripts, pipeline);
    case 'sign':
      return signSteps(scripts, pipeline, job, registries);
    case 'deploy':
    case 'notify':
      throw new Error(`${job.id} jobs are rendered by github-deploy-notify-jobs.ts`);
  }
}

/** The smoke job's limit: its own timeout plus ten minutes to load the candidate. */
function smokeTimeoutMinutes(pipeline: Pipeline): number {
  return Math.ceil((pipeline.gates.smoke?.timeoutSeconds ?? 0) / 60) + TIMEOUT_MINUTES.smoke;
}

/** The matrix keys of a platform's own runner: its `runs-on` label and whether QEMU is set up. */
function runnerEntry(platform: Pipeline['platforms'][number]): { runner: string; qemu: boolean } {
  const { runner, emulated } = githubPlatformRunner(platform);
  return { runner, qemu: emulated };
}
