import type { StepScripts } from '../../emit/step-scripts.js';
import type { DeployEnvironmentSpec } from '../../model/deploy-notify.js';
import type { Pipeline } from '../../model/pipeline.js';
import { deployScript, notifyScript, NOTIFY_WEBHOOK_ENV } from '../../emit/deploy-notify-scripts.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { publishRulesFor } from './gitlab-rules.js';
import type { GitlabJob, GitlabRule } from './gitlab-types.js';
import { GITLAB_GATES_DIR } from './gitlab-test-gates.js';

/** The metadata job's dotenv tag list (items joined by the two characters `\n`) as one tag per line. */
const TAG_LIST = 'DOCKYARD_TAG_LIST=$(printf \'%b\' "${DOCKYARD_TAGS:-}")';
const PUBLISHED = 'dockyard/published';

/** The publish rules with another `when` on the protected-ref rule (manual approval, on_failure, on_success). */
function publishRulesWhen(pipeline: Pipeline, when: 'manual' | 'on_failure' | 'on_success'): GitlabRule[] {
  return publishRulesFor(pipeline.triggers).map((r) => (r.when === 'never' ? { ...r } : { ...r, when }));
}

/** The GitLab job name of an environment's deploy job. */
export function gitlabDeployJobName(environment: string): string {
  return `deploy-${environment}`;
}

/**
 * One job per deployment environment in the `deploy` stage, in order, each needing the previous one (and the
 * metadata, manifest and, when signing, sign jobs: the tags dotenv and `dockyard/published`): `environment: { name,
 * url }`, the publish rules (never in merge requests, protected refs only), and with `approval` `when: manual` with
 * `allow_failure: false`, so the pipeline waits for someone allowed to deploy to the (protected) environment. The
 * command runs with {@link deployScript} in the configured image (default: the pinned `registry.k8s.io/kubectl`), with
 * `entrypoint: [""]`, since such images start their tool, not a shell; CI variables are
 * environment variables already, so the environment's secrets need nothing here.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/environments/
 * @see https://docs.gitlab.com/ci/docker/using_docker_images/#override-the-entrypoint-of-an-image
 * @see https://docs.gitlab.com/ci/environments/protected_environments/
 * @see https://docs.gitlab.com/ci/jobs/job_control/#create-a-job-that-must-be-run-manually
 */
export function gitlabDeployJobs(
  scripts: StepScripts,
  pipeline: Pipeline,
  needs: readonly string[],
): Record<string, GitlabJob> {
  const jobs: Record<string, GitlabJob> = {};
  let previous: string | undefined;
  for (const environment of pipeline.deploy?.environments ?? []) {
    const name = gitlabDeployJobName(environment.name);
    jobs[name] = deployJob(scripts, pipeline, environment, previous ? [...needs, previous] : [...needs]);
    previous = name;
  }
  return jobs;
}

function deployJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  environment: DeployEnvironmentSpec,
  needs: string[],
): GitlabJob {
  return {
    stage: 'deploy',
    needs,
    // The Docker executor runs the script through the image's entrypoint; images made for one tool (kubectl, helm,
    // aws-cli...) have that tool as entrypoint, so it is reset for every deploy image, the default and a configured one.
    image: { name: environment.image ?? GITLAB_IMAGES.kubectl, entrypoint: [''] },
    variables: {
      DOCKYARD_ENVIRONMENT: environment.name,
      DOCKYARD_DEPLOY_COMMAND: { value: environment.command, expand: false },
    },
    environment: {
      name: environment.name,
      ...(environment.url !== undefined ? { url: environment.url } : {}),
      action: 'start',
    },
    script: [TAG_LIST, deployScript(scripts, PUBLISHED)],
    rules: environment.approval ? publishRulesWhen(pipeline, 'manual') : publishRulesFor(pipeline.triggers),
    ...(environment.approval ? { allow_failure: false } : {}),
    // One deployment to an environment at a time.
    resource_group: `deploy-${environment.name}`,
    timeout: '30m',
  };
}

/**
 * One job per notify event in the `.post` stage (after every other stage): `notify-failure` (`when: on_failure`: a
 * job of an earlier stage failed) and `notify-success` (`when: on_success`), on protected refs outside merge requests
 * (the publish rules). Without `needs` it waits for every earlier stage; `dependencies` fetches only the metadata
 * dotenv, `dockyard/published` (manifest) and the gate results (gates summary). The webhook URLs come from masked CI variables.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/yaml/#stage-post
 * @see https://docs.gitlab.com/ci/yaml/#when
 */
export function gitlabNotifyJobs(scripts: StepScripts, pipeline: Pipeline): Record<string, GitlabJob> {
  const notify = pipeline.notify;
  if (!notify) return {};
  const services = (['slack', 'teams'] as const).filter((s) => notify[s] !== undefined);
  // Only the artifacts the message reads (not the candidate archives): tags, published digests, gate results.
  const dependencies = pipeline.jobs
    .filter((j) => j.id === 'metadata' || j.id === 'manifest' || j.id === 'gates')
    .map((j) => j.id);
  const jobs: Record<string, GitlabJob> = {};
  for (const event of notify.on) {
    jobs[`notify-${event}`] = {
      stage: '.post',
      dependencies,
      image: { name: GITLAB_IMAGES.curl, entrypoint: [''] },
      variables: {
        DOCKYARD_NOTIFY_EVENT: event,
        DOCKYARD_PROJECT: '$CI_PROJECT_PATH',
        DOCKYARD_REF: '$CI_COMMIT_REF_NAME',
        DOCKYARD_PIPELINE_URL: '$CI_PIPELINE_URL',
        ...Object.fromEntries(services.map((s) => [NOTIFY_WEBHOOK_ENV[s], `$${notify[s]}`])),
      },
      script: [TAG_LIST, notifyScript(scripts, PUBLISHED, GITLAB_GATES_DIR, services)],
      rules: publishRulesWhen(pipeline, event === 'failure' ? 'on_failure' : 'on_success'),
      timeout: '5m',
    };
  }
  return jobs;
}
