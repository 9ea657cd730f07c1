import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, type Job, type Pipeline } from '../../model/pipeline.js';
import type { GitlabCiConfig } from './gitlab-ci-types.js';
import type { GitlabJob } from './gitlab-types.js';
import { gitlabBuildJob, gitlabManifestJob, gitlabPushJob, gitlabTestJob } from './gitlab-jobs.js';
import { gitlabGatesJob, gitlabLintJob, gitlabSizeJob, gitlabSmokeJob } from './gitlab-gate-jobs.js';
import { gitlabScanJob } from './gitlab-scan-job.js';
import { gitlabSbomJob, gitlabSignJob } from './gitlab-supply-chain-jobs.js';
import { gitlabDeployJobs, gitlabNotifyJobs } from './gitlab-deploy-notify-jobs.js';
import { gitlabMetadataJob } from './gitlab-metadata-job.js';
import { resolveGitlabRegistries, type GitlabRegistry } from './gitlab-registries.js';
import { emitGitlabWorkflowRules, publishRulesFor } from './gitlab-rules.js';
import { gitlabAutoCancel, gitlabJobConcurrency, gitlabPipelineVariables } from './gitlab-concurrency.js';
import { usesGitlabRunnerTags } from './gitlab-runners.js';
import { gitlabUnprotectedRefJob, UNPROTECTED_REF_JOB } from './gitlab-unprotected-ref-job.js';
import {
  emitGitlabPlatformJobs,
  gitlabMatrixEntry,
  gitlabNeedsOf,
  isGitlabPlatformJobs,
} from './gitlab-platform-jobs.js';

/** The configuration type lives in gitlab-ci-types.ts; re-exported for the modules that import it from here. */
export type { GitlabCiConfig } from './gitlab-ci-types.js';

const TIMEOUT: Record<Job['id'], string> = {
  metadata: '5m',
  lint: '10m',
  build: '1h',
  test: '30m',
  scan: '20m',
  smoke: '15m',
  size: '15m',
  sbom: '20m',
  gates: '5m',
  push: '15m',
  manifest: '10m',
  sign: '15m',
  deploy: '30m',
  notify: '5m',
};

/**
 * Map the pipeline model to a GitLab CI configuration: one stage per job kind, `needs:` for the DAG, the build
 * as a `parallel: matrix` job and every later per-platform job as one job per platform that needs only its own
 * platform's build (gitlab-platform-jobs.ts), publish jobs only outside merge requests and on protected refs (and the
 * `unprotected-ref` job failing the pipeline on an unprotected ref that would publish), verify jobs
 * interruptible by newer pipelines and publish jobs never (see `gitlabJobConcurrency`).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param helperPath path of the metadata helper (`.gitlab/dockyard-meta.mjs` beside the CI file), relative to
 *   the project directory, as the `metadata` job runs it.
 *
 * @see https://docs.gitlab.com/ci/yaml/
 */
export function emitGitlabCi(scripts: StepScripts, pipeline: Pipeline, helperPath: string): GitlabCiConfig {
  const registries = resolveGitlabRegistries(pipeline);
  const variables = gitlabPipelineVariables(pipeline.triggers);
  const out: GitlabCiConfig = {
    workflow: {
      name: `${pipeline.name}: $CI_COMMIT_REF_NAME`,
      auto_cancel: gitlabAutoCancel(pipeline),
      rules: emitGitlabWorkflowRules(pipeline.triggers),
    },
    ...(variables ? { variables } : {}),
    // Notify jobs run in the predefined `.post` stage.
    stages: pipeline.jobs.filter((j) => j.id !== 'notify').map((j) => j.id),
  };
  for (const job of pipeline.jobs) {
    // Deploy and notify expand to one job per environment / event (gitlab-deploy-notify-jobs.ts).
    if (job.id === 'deploy')
      Object.assign(out, gitlabDeployJobs(scripts, pipeline, gitlabNeedsOf(pipeline, job).map(String)));
    else if (job.id === 'notify') Object.assign(out, gitlabNotifyJobs(scripts, pipeline));
    else Object.assign(out, emitJobs(scripts, pipeline, job, registries, helperPath));
    // Beside the push job: an unprotected ref fails here instead of going green with nothing published.
    const guard = job.id === 'push' ? gitlabUnprotectedRefJob(pipeline) : undefined;
    if (guard) out[UNPROTECTED_REF_JOB] = guard;
  }
  return out;
}

function emitJobs(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
  helperPath: string,
): Record<string, GitlabJob> {
  const { variables, ...body } = jobBody(scripts, pipeline, job, registries, helperPath);
  const useTags = usesGitlabRunnerTags(pipeline, job);
  const tail: GitlabJob = {
    ...(job.stage === 'publish' ? { rules: publishRulesFor(pipeline.triggers) } : {}),
    ...gitlabJobConcurrency(pipeline, job),
    timeout:
      job.id === 'smoke' ? `${Math.ceil((pipeline.gates.smoke?.timeoutSeconds ?? 0) / 60) + 15}m` : TIMEOUT[job.id],
  };
  if (isGitlabPlatformJobs(job)) return emitGitlabPlatformJobs(pipeline, job, body, variables, tail);
  return {
    [job.id]: {
      stage: job.id,
      needs: gitlabNeedsOf(pipeline, job),
      ...body,
      ...(variables ? { variables } : {}),
      ...(job.perPlatform
        ? { parallel: { matrix: platformsOf(pipeline, job).map((p) => gitlabMatrixEntry(pipeline, job, p)) } }
        : {}),
      ...(useTags ? { tags: ['$DOCKYARD_RUNNER_TAG'] } : {}),
      ...tail,
    },
  };
}

function jobBody(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
  helperPath: string,
): GitlabJob {
  switch (job.id) {
    case 'metadata':
      return gitlabMetadataJob(pipeline, registries, helperPath);
    case 'build':
      return gitlabBuildJob(scripts, pipeline, job, registries);
    case 'test':
      return gitlabTestJob(scripts, pipeline, job, registries);
    case 'scan':
      return gitlabScanJob(scripts, pipeline, registries);
    case 'push':
      return gitlabPushJob(scripts, pipeline, job, registries);
    case 'manifest':
      return gitlabManifestJob(pipeline, job, registries);
    case 'lint':
      return gitlabLintJob(scripts, pipeline);
    case 'smoke':
      return gitlabSmokeJob(scripts, pipeline, job, registries);
    case 'size':
      return gitlabSizeJob(scripts, pipeline);
    case 'sbom':
      return gitlabSbomJob(scripts, pipeline);
    case 'gates':
      return gitlabGatesJob(scripts, pipeline);
    case 'sign':
      return gitlabSignJob(scripts, pipeline, job, registries);
    case 'deploy':
    case 'notify':
      throw new Error(`${job.id} jobs are rendered by gitlab-deploy-notify-jobs.ts`);
  }
}
