import { platformsOf, type Job, type JobKind, type Pipeline } from '../../model/pipeline.js';
import { resolveGithubRegistries, type GithubRegistry } from './github-registries.js';
import { manifestSteps, pushSteps } from './github-publish-jobs.js';
import { emitGithubTriggers } from './github-triggers.js';
import type { GithubJob, GithubStep, GithubWorkflow } from './github-types.js';
import { scanSteps } from './github-scan-steps.js';
import { sbomSteps, signSteps } from './github-supply-chain-jobs.js';
import { buildSteps, METADATA_OUTPUTS, metadataSteps, testSteps } from './github-verify-jobs.js';
import { metadataInputs } from './metadata-inputs.js';

const PUBLISH_CONDITION = "github.event_name != 'pull_request'";
const SCAN_RUNNER = 'ubuntu-24.04';
const TIMEOUT_MINUTES: Record<JobKind, number> = { metadata: 5, build: 60, test: 30, scan: 20, sbom: 20, push: 15, manifest: 10, sign: 15 };

/**
 * Map the pipeline model to a GitHub Actions workflow object (keys exactly as GitHub spells them).
 * Least privilege: `permissions: {}` at the top, each job granting only what it needs; pull requests
 * build, test and scan but never push.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */
export function emitGithubWorkflow(pipeline: Pipeline): GithubWorkflow {
  const registries = resolveGithubRegistries(pipeline);
  const meta = metadataInputs(pipeline, registries);
  const jobs: Record<string, GithubJob> = {};
  for (const job of pipeline.jobs) {
    jobs[job.id] = emitJob(pipeline, job, registries, meta);
  }
  return {
    name: pipeline.name,
    on: emitGithubTriggers(pipeline.triggers),
    permissions: {},
    concurrency: {
      group: 'dockyard-${{ github.workflow }}-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    },
    jobs,
  };
}

function emitJob(pipeline: Pipeline, job: Job, registries: readonly GithubRegistry[], meta: Record<string, string>): GithubJob {
  const nativeRunner = job.id === 'build' || job.id === 'test';
  return {
    name: job.perPlatform ? `${job.id} (\${{ matrix.platform }})` : job.id,
    ...(job.needs.length > 0 ? { needs: [...job.needs] } : {}),
    ...(job.stage === 'publish' ? { if: PUBLISH_CONDITION } : {}),
    'runs-on': job.perPlatform && nativeRunner ? '${{ matrix.runner }}' : SCAN_RUNNER,
    permissions: { ...job.permissions },
    ...(job.perPlatform ? { strategy: { 'fail-fast': true, matrix: { include: matrixFor(pipeline, job, nativeRunner) } } } : {}),
    'timeout-minutes': TIMEOUT_MINUTES[job.id],
    ...(job.id === 'metadata' ? { outputs: Object.fromEntries(METADATA_OUTPUTS.map((o) => [o, `\${{ steps.meta.outputs.${o} }}`])) } : {}),
    steps: stepsFor(pipeline, job, registries, meta),
  };
}

function matrixFor(pipeline: Pipeline, job: Job, nativeRunner: boolean): Array<Record<string, string | boolean>> {
  return platformsOf(pipeline, job).map((p) => ({
    platform: p.platform,
    slug: p.slug,
    ...(nativeRunner ? { runner: p.githubRunner, qemu: p.githubEmulated } : {}),
  }));
}

function stepsFor(pipeline: Pipeline, job: Job, registries: readonly GithubRegistry[], meta: Record<string, string>): GithubStep[] {
  switch (job.id) {
    case 'metadata':
      return metadataSteps(meta);
    case 'build':
      return buildSteps(pipeline, job, registries);
    case 'test':
      return testSteps(pipeline, job, registries);
    case 'scan':
      return scanSteps(pipeline, job, registries);
    case 'push':
      return pushSteps(pipeline, job, registries);
    case 'manifest':
      return manifestSteps(pipeline, job, registries);
    case 'sbom':
      return sbomSteps(pipeline);
    case 'sign':
      return signSteps(pipeline, job, registries);
  }
}
