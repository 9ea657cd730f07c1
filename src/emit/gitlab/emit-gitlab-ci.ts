import { platformsOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { NOT_THE_CANDIDATE } from '../../model/verify-gates.js';
import { gitlabBuildJob, gitlabManifestJob, gitlabPushJob, gitlabTestJob, type GitlabJob } from './gitlab-jobs.js';
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

/** A GitLab CI configuration object (`.gitlab-ci.yml`), keys as GitLab spells them. */
export type GitlabCiConfig = Record<string, unknown>;

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
 * Map the pipeline model to a GitLab CI configuration: one stage per job kind, `needs:` for the DAG,
 * `parallel: matrix` per platform, publish jobs only outside merge requests and on protected refs (and the
 * `unprotected-ref` job failing the pipeline on an unprotected ref that would publish), verify jobs
 * interruptible by newer pipelines and publish jobs never (see `gitlabJobConcurrency`).
 *
 * @param helperPath path of the metadata helper (`.gitlab/dockyard-meta.mjs` beside the CI file), relative to
 *   the project directory, as the `metadata` job runs it.
 *
 * @see https://docs.gitlab.com/ci/yaml/
 */
export function emitGitlabCi(pipeline: Pipeline, helperPath: string): GitlabCiConfig {
  const registries = resolveGitlabRegistries(pipeline);
  const variables = gitlabPipelineVariables(pipeline.triggers);
  const out: GitlabCiConfig = {
    workflow: { name: `${pipeline.name}: $CI_COMMIT_REF_NAME`, auto_cancel: gitlabAutoCancel(pipeline), rules: emitGitlabWorkflowRules(pipeline.triggers) },
    ...(variables ? { variables } : {}),
    // Notify jobs run in the predefined `.post` stage.
    stages: pipeline.jobs.filter((j) => j.id !== 'notify').map((j) => j.id),
  };
  for (const job of pipeline.jobs) {
    // Deploy and notify expand to one job per environment / event (gitlab-deploy-notify-jobs.ts).
    if (job.id === 'deploy') Object.assign(out, gitlabDeployJobs(pipeline, job.needs));
    else if (job.id === 'notify') Object.assign(out, gitlabNotifyJobs(pipeline));
    else out[job.id] = emitJob(pipeline, job, registries, helperPath);
    // Beside the push job: an unprotected ref fails here instead of going green with nothing published.
    const guard = job.id === 'push' ? gitlabUnprotectedRefJob(pipeline) : undefined;
    if (guard) out[UNPROTECTED_REF_JOB] = guard;
  }
  return out;
}

function emitJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[], helperPath: string): GitlabJob {
  const body = jobBody(pipeline, job, registries, helperPath);
  const platforms = platformsOf(pipeline, job);
  const useTags = usesGitlabRunnerTags(pipeline, job);
  const { variables, ...rest } = body;
  return {
    stage: job.id,
    ...(job.needs.length > 0 ? { needs: [...job.needs] } : { needs: [] }),
    ...rest,
    ...(variables ? { variables } : {}),
    ...(job.perPlatform
      ? {
          parallel: {
            matrix: platforms.map((p) => ({
              DOCKYARD_PLATFORM: p.platform,
              DOCKYARD_SLUG: p.slug,
              ...(useTags ? { DOCKYARD_RUNNER_TAG: p.gitlabRunnerTag } : {}),
              // GitLab names matrix jobs after their values (`test: [linux/amd64, linux-amd64, does not test the
              // candidate]`): the only way to label a job without renaming it for every `needs:`.
              // https://docs.gitlab.com/ci/yaml/#parallelmatrix, gitlab-org/gitlab!39985
              ...(job.id === 'test' && pipeline.test.from === 'source' ? { DOCKYARD_CAVEAT: NOT_THE_CANDIDATE } : {}),
            })),
          },
        }
      : {}),
    ...(useTags ? { tags: ['$DOCKYARD_RUNNER_TAG'] } : {}),
    ...(job.stage === 'publish' ? { rules: publishRulesFor(pipeline.triggers) } : {}),
    ...gitlabJobConcurrency(pipeline, job),
    timeout: job.id === 'smoke' ? `${Math.ceil((pipeline.gates.smoke?.timeoutSeconds ?? 0) / 60) + 15}m` : TIMEOUT[job.id],
  };
}

function jobBody(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[], helperPath: string): GitlabJob {
  switch (job.id) {
    case 'metadata':
      return gitlabMetadataJob(pipeline, registries, helperPath);
    case 'build':
      return gitlabBuildJob(pipeline, job, registries);
    case 'test':
      return gitlabTestJob(pipeline, job, registries);
    case 'scan':
      return gitlabScanJob(pipeline, registries);
    case 'push':
      return gitlabPushJob(pipeline, job, registries);
    case 'manifest':
      return gitlabManifestJob(pipeline, job, registries);
    case 'lint':
      return gitlabLintJob(pipeline);
    case 'smoke':
      return gitlabSmokeJob(pipeline, job, registries);
    case 'size':
      return gitlabSizeJob(pipeline);
    case 'sbom':
      return gitlabSbomJob(pipeline);
    case 'gates':
      return gitlabGatesJob(pipeline);
    case 'sign':
      return gitlabSignJob(pipeline, job, registries);
    case 'deploy':
    case 'notify':
      throw new Error(`${job.id} jobs are rendered by gitlab-deploy-notify-jobs.ts`);
  }
}
