import type { DockyardConfig } from '../config/schema/index.js';
import type { PlannedJob } from './plan-job-steps.js';
import type { ArtifactSpec, JobKind } from './pipeline.js';
import type { DeploySpec, NotifySpec } from './deploy-notify-spec.js';

export type { DeployEnvironmentSpec, DeploySpec, NotifySpec } from './deploy-notify-spec.js';

/** The `published` artifact: one `repository@index-digest` line per registry the manifest job published to. */
export const PUBLISHED_ARTIFACT: ArtifactSpec = {
  id: 'published',
  description: 'one `repository@digest` line per registry whose image index the manifest job pushed',
  retentionDays: 1,
};

/** The deploy and notify parts of the model (absent keys when not configured). */
export function planDeployNotify(config: DockyardConfig): { deploy?: DeploySpec; notify?: NotifySpec } {
  return {
    ...(config.deploy
      ? {
          deploy: {
            environments: config.deploy.environments.map((e) => ({
              name: e.name,
              ...(e.url !== undefined ? { url: e.url } : {}),
              approval: e.approval,
              command: e.command,
              secrets: [...e.secrets],
              ...(e.image !== undefined ? { image: e.image } : {}),
            })),
          },
        }
      : {}),
    ...(config.notify
      ? {
          notify: {
            on: [...config.notify.on],
            ...(config.notify.slack ? { slack: config.notify.slack.webhook } : {}),
            ...(config.notify.teams ? { teams: config.notify.teams.webhook } : {}),
          },
        }
      : {}),
  };
}

/**
 * Add the deploy and notify jobs after every other job:
 * - `manifest` records the published index digests (`published`) when deploying or notifying (as for signing);
 * - `deploy` (publish stage, needs `metadata`, `manifest` and `sign` when signing) reads `published`; the emitters
 *   render one CI job per environment, each needing the previous one; it reads the environments' secrets;
 * - `notify` (publish stage, needs every other job) reads `published` and the gate results when they exist; the
 *   emitters render one CI job per event (`notify-failure`, `notify-success`).
 *
 * @param jobs the planned jobs in order of trust; not changed.
 */
export function addDeployNotifyJobs(config: DockyardConfig, jobs: readonly PlannedJob[]): PlannedJob[] {
  const deploy = config.deploy;
  const records = deploy !== undefined || config.notify !== undefined;
  const out: PlannedJob[] = jobs.map((job) =>
    job.id === 'manifest' && records && !job.produces.includes('published')
      ? { ...job, produces: [...job.produces, 'published'] }
      : job,
  );
  if (deploy) {
    const signed = out.some((j) => j.id === 'sign');
    out.push({
      id: 'deploy',
      title: 'Deploy the published image to each environment in order',
      needs: ['metadata', 'manifest', ...(signed ? (['sign'] as const) : [])],
      perPlatform: false,
      stage: 'publish',
      permissions: { contents: 'read' },
      consumes: ['metadata', 'published'],
      produces: [],
      logsInTo: [],
      secrets: [...new Set(deploy.environments.flatMap((e) => e.secrets))],
    });
  }
  if (config.notify) {
    const all: JobKind[] = out.map((j) => j.id);
    const published = out.some((j) => j.produces.includes('published'));
    const gates = out.some((j) => j.produces.includes('gate-results'));
    out.push({
      id: 'notify',
      title: 'Notify Slack / Microsoft Teams of the pipeline result',
      needs: all,
      perPlatform: false,
      stage: 'publish',
      permissions: { contents: 'read' },
      consumes: [
        'metadata',
        ...(published ? (['published'] as const) : []),
        ...(gates ? (['gate-results'] as const) : []),
      ],
      produces: [],
      logsInTo: [],
      secrets: [config.notify.slack?.webhook, config.notify.teams?.webhook].filter((s): s is string => s !== undefined),
    });
  }
  return out;
}
