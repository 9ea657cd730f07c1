import type { StepScripts } from '../../emit/step-scripts.js';
import { githubPublishCondition } from './github-concurrency.js';
import type { DeployEnvironmentSpec } from '../../model/deploy-notify.js';
import type { Pipeline } from '../../model/pipeline.js';
import {
  deployScript,
  notifyScript,
  NOTIFY_WEBHOOK_ENV,
  type NotifyService,
} from '../../emit/deploy-notify-scripts.js';
import { useAction } from './action-pins.js';
import { GATES_DIR, GATES_DIR_SH } from './github-gate-results.js';
import { githubLiteral } from './github-literal.js';
import { PUBLISHED_DIR } from './github-supply-chain-jobs.js';
import type { GithubJob, GithubStep } from './github-types.js';

const RUNNER = 'ubuntu-24.04';
const PUBLISHED_SH = '"$RUNNER_TEMP/dockyard-published/published"';
const NOT_ON_PULL_REQUESTS = "github.event_name != 'pull_request'";
/** Minutes a deploy job may run (the command included). */
const DEPLOY_TIMEOUT_MINUTES = 30;
const NOTIFY_TIMEOUT_MINUTES = 5;

/** The GitHub job id of an environment's deploy job. */
export function githubDeployJobId(environment: string): string {
  return `deploy-${environment}`;
}

/** Download the `published` file (the manifest job's `repository@digest` lines). */
function downloadPublishedStep(extra: Partial<GithubStep> = {}): GithubStep {
  return {
    ...useAction('downloadArtifact', 'Download the published digests', {
      name: 'dockyard-published',
      path: PUBLISHED_DIR,
    }),
    ...extra,
  };
}

/**
 * One job per deployment environment, in order, each needing the previous one (and the metadata, manifest and, when
 * signing, sign jobs): `environment: { name, url }` (GitHub creates the environment on first use; required reviewers
 * set in the repository's environment settings make it wait for approval, which `approval: true` names in the job
 * name), `container` when an image is configured (default: the runner, which has kubectl), a checkout (the command
 * may run the repository's scripts), the environment's secrets as env, and {@link deployScript}. Never on pull requests.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-environments-for-deployment
 * @see https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#required-reviewers
 * @see https://github.com/actions/runner-images/blob/main/images/ubuntu/Ubuntu2404-Readme.md (Kubectl, under Tools)
 */
export function githubDeployJobs(
  scripts: StepScripts,
  pipeline: Pipeline,
  needs: readonly string[],
): Record<string, GithubJob> {
  const jobs: Record<string, GithubJob> = {};
  let previous: string | undefined;
  for (const environment of pipeline.deploy?.environments ?? []) {
    const id = githubDeployJobId(environment.name);
    jobs[id] = deployJob(scripts, pipeline, environment, previous ? [...needs, previous] : [...needs]);
    previous = id;
  }
  return jobs;
}

function deployJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  environment: DeployEnvironmentSpec,
  needs: string[],
): GithubJob {
  return {
    name: environment.approval
      ? `deploy ${environment.name} (approval: required reviewers)`
      : `deploy ${environment.name}`,
    // The publish condition reads `needs.metadata.outputs` (direct dependencies only).
    needs: needs.includes('metadata') ? needs : ['metadata', ...needs],
    // Like the publish jobs: never on pull requests, nor when a manual run or a dispatch asked not to push.
    if: githubPublishCondition(pipeline.triggers),
    'runs-on': RUNNER,
    environment: { name: environment.name, ...(environment.url !== undefined ? { url: environment.url } : {}) },
    ...(environment.image !== undefined ? { container: environment.image } : {}),
    permissions: { contents: 'read' },
    'timeout-minutes': DEPLOY_TIMEOUT_MINUTES,
    steps: [
      // The command may run scripts of the repository (GitLab jobs have the checkout already).
      useAction('checkout', 'Check out', { 'persist-credentials': false }),
      downloadPublishedStep(),
      {
        name: `Deploy to ${environment.name}`,
        run: deployScript(scripts, PUBLISHED_SH),
        env: {
          DOCKYARD_ENVIRONMENT: environment.name,
          DOCKYARD_DEPLOY_COMMAND: githubLiteral(environment.command),
          DOCKYARD_TAG_LIST: '${{ needs.metadata.outputs.tags }}',
          ...Object.fromEntries(environment.secrets.map((s) => [s, `\${{ secrets.${s} }}`])),
        },
      },
    ],
  };
}

/**
 * One job per notify event, needing every other job: `notify-failure` (`if: failure()`: some job failed) and
 * `notify-success` (`if: success()`), never on pull requests. It downloads the published digests and the gate
 * results (each may be missing when the pipeline failed early) and runs {@link notifyScript}; the webhook URLs come
 * from secrets (GitHub masks them in logs).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-conditions-to-control-job-execution
 */
export function githubNotifyJobs(
  scripts: StepScripts,
  pipeline: Pipeline,
  needs: readonly string[],
): Record<string, GithubJob> {
  const notify = pipeline.notify;
  if (!notify) return {};
  const services = (['slack', 'teams'] as const).filter((s) => notify[s] !== undefined);
  const published = pipeline.jobs.some((j) => j.produces.includes('published'));
  const gates = pipeline.jobs.some((j) => j.produces.includes('gate-results'));
  const jobs: Record<string, GithubJob> = {};
  for (const event of notify.on) {
    jobs[`notify-${event}`] = {
      name: `notify (${event})`,
      needs: [...needs],
      if: `\${{ ${NOT_ON_PULL_REQUESTS} && ${event}() }}`,
      'runs-on': RUNNER,
      permissions: { contents: 'read' },
      'timeout-minutes': NOTIFY_TIMEOUT_MINUTES,
      steps: [
        ...(published ? [downloadPublishedStep({ 'continue-on-error': true })] : []),
        ...(gates
          ? [
              {
                ...useAction('downloadArtifact', 'Download the gate results', {
                  pattern: 'dockyard-gates-*',
                  path: GATES_DIR,
                  'merge-multiple': true,
                }),
                'continue-on-error': true,
              },
            ]
          : []),
        {
          name: `Notify ${services.join(' and ')}`,
          run: notifyScript(scripts, PUBLISHED_SH, GATES_DIR_SH, services),
          env: {
            DOCKYARD_NOTIFY_EVENT: event,
            DOCKYARD_PROJECT: '${{ github.repository }}',
            DOCKYARD_REF: '${{ github.ref_name }}',
            DOCKYARD_PIPELINE_URL:
              '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}',
            DOCKYARD_TAG_LIST: '${{ needs.metadata.outputs.tags }}',
            ...Object.fromEntries(
              services.map((s: NotifyService) => [NOTIFY_WEBHOOK_ENV[s], `\${{ secrets.${notify[s]} }}`]),
            ),
          },
        },
      ],
    };
  }
  return jobs;
}
