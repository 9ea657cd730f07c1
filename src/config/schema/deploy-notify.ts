import { z } from 'zod';
import { refuseGithubExpression } from './primitives.js';

/** Environment names: letters, digits, `-` and `_`, starting with a letter (safe as GitHub and GitLab job names). */
const ENVIRONMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** CI secret / variable names: shell variable names. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One deployment environment: after the image index is published (and signed, when signing is on), its command
 * runs with the published image in `DOCKYARD_IMAGE`, `DOCKYARD_DIGEST`, `DOCKYARD_IMAGE_REF` and `DOCKYARD_TAGS`.
 * GitHub: a job with `environment: { name, url }`; GitLab: a job with `environment: { name, url, deployment_tier }`.
 *
 * @see https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
 * @see https://docs.gitlab.com/ci/environments/
 */
export const deployEnvironmentSchema = z.strictObject({
  /** Environment name (GitHub environment / GitLab environment), e.g. `staging`: a letter, then letters, digits, `-` or `_`. */
  name: z
    .string()
    .regex(ENVIRONMENT_NAME, { message: 'not an environment name (a letter, then letters, digits, - or _)' })
    .describe(
      'Environment name (GitHub environment / GitLab environment), e.g. `staging`: a letter, then letters, digits, `-` or `_`.',
    ),
  /** URL shown with the deployment (GitHub `environment.url`, GitLab `environment:url`). Default: none. */
  url: z
    .url()
    .optional()
    .describe('URL shown with the deployment (GitHub `environment.url`, GitLab `environment:url`). Default: none.'),
  /** Wait for a person's approval before deploying: GitHub required reviewers on the environment (repository settings), GitLab `when: manual` on a protected environment. Default `false`. */
  approval: z
    .boolean()
    .default(false)
    .describe(
      "Wait for a person's approval before deploying: GitHub required reviewers on the environment (repository settings), GitLab `when: manual` on a protected environment. Default `false`.",
    ),
  /** POSIX sh command that deploys the published image (`sh -c`), with `DOCKYARD_IMAGE`, `DOCKYARD_DIGEST`, `DOCKYARD_IMAGE_REF` and `DOCKYARD_TAGS` set. */
  command: z
    .string()
    .min(1)
    .describe(
      'POSIX sh command that deploys the published image (`sh -c`), with `DOCKYARD_IMAGE`, `DOCKYARD_DIGEST`, `DOCKYARD_IMAGE_REF` and `DOCKYARD_TAGS` set.',
    ),
  /** Names of CI secrets (GitHub) / CI variables (GitLab) the command reads, exposed as environment variables of the same name. Default `[]`. */
  secrets: z
    .array(z.string().regex(SECRET_NAME, { message: 'not a secret name' }))
    .default([])
    .describe(
      'Names of CI secrets (GitHub) / CI variables (GitLab) the command reads, exposed as environment variables of the same name. Default `[]`.',
    ),
  /** Container image the command runs in (GitHub job `container`, GitLab job `image`), pinned by the user; `${{` is refused. Default: the GitHub runner itself (it has kubectl); on GitLab the pinned `registry.k8s.io/kubectl` (sh, bash, coreutils, jq, kubectl), run with `entrypoint: [""]` like any deploy image. */
  image: z
    .string()
    .min(1)
    .superRefine(refuseGithubExpression)
    .optional()
    .describe(
      'Container image the command runs in (GitHub job `container`, GitLab job `image`), pinned by the user; `${{` is refused. Default: the GitHub runner itself (it has kubectl); on GitLab the pinned `registry.k8s.io/kubectl` (sh, bash, coreutils, jq, kubectl), run with `entrypoint: [""]` like any deploy image.',
    ),
});

/**
 * Deployment of the published image: environments deployed one after the other, each after the previous one.
 */
export const deploySchema = z
  .strictObject({
    /** Environments in deployment order, each after the previous one succeeded (e.g. staging, then production with approval). */
    environments: z
      .array(deployEnvironmentSchema)
      .min(1)
      .describe(
        'Environments in deployment order, each after the previous one succeeded (e.g. staging, then production with approval).',
      ),
  })
  .describe('Deployment of the published image to environments, in order.');

/** When notifications are sent: when the pipeline failed, and/or when it succeeded. */
export const NOTIFY_EVENTS = ['failure', 'success'] as const;

/** A webhook whose URL is a CI secret (never written into the generated files). */
const webhookSchema = z.strictObject({
  /** Name of the CI secret (GitHub) / masked, protected CI variable (GitLab) holding the webhook URL, e.g. `SLACK_WEBHOOK_URL` or `TEAMS_WEBHOOK_URL`. */
  webhook: z
    .string()
    .regex(SECRET_NAME, { message: 'not a secret name' })
    .describe(
      'Name of the CI secret (GitHub) / masked, protected CI variable (GitLab) holding the webhook URL, e.g. `SLACK_WEBHOOK_URL` or `TEAMS_WEBHOOK_URL`.',
    ),
});

/**
 * Notifications to Slack (incoming webhook) and Microsoft Teams (Workflows webhook, Adaptive Card) naming the image,
 * digest, tags and failed gates. Never on pull/merge requests; on GitLab only on protected refs.
 *
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * @see https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 */
export const notifySchema = z
  .strictObject({
    /** When to notify: `failure` (a job failed), `success` (every job succeeded), or both. Default `["failure"]`. */
    on: z
      .array(z.enum(NOTIFY_EVENTS))
      .min(1)
      .refine((events) => new Set(events).size === events.length, { message: 'lists an event twice' })
      .default(['failure'])
      .describe(
        'When to notify: `failure` (a job failed), `success` (every job succeeded), or both. Default `["failure"]`.',
      ),
    /** Slack incoming webhook. Default: none. */
    slack: webhookSchema.optional().describe('Slack incoming webhook. Default: none.'),
    /** Microsoft Teams Workflows webhook (Adaptive Card). Default: none. */
    teams: webhookSchema.optional().describe('Microsoft Teams Workflows webhook (Adaptive Card). Default: none.'),
  })
  .describe('Notifications to Slack and Microsoft Teams webhooks.');

/** One of {@link NOTIFY_EVENTS}. */
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
