/** The deploy and notify parts of the pipeline model: types only, shared by the model and the planner in deploy-notify.ts. */
import type { NotifyEvent } from '../config/schema/deploy-notify.js';

/** One deployment environment of the model (config `deploy.environments[]`, defaults applied). */
export interface DeployEnvironmentSpec {
  readonly name: string;
  readonly url?: string;
  /** Wait for approval: GitHub required reviewers (settings), GitLab `when: manual`. */
  readonly approval: boolean;
  /** POSIX sh command, run by `sh -c` with the published image in `DOCKYARD_*` variables. */
  readonly command: string;
  /** Names of CI secrets / variables exposed to the command. */
  readonly secrets: readonly string[];
  /** Container image of the job, or undefined for the default (GitHub runner, pinned alpine on GitLab). */
  readonly image?: string;
}

/** Deployment: environments in order, each after the previous one. */
export interface DeploySpec {
  readonly environments: readonly DeployEnvironmentSpec[];
}

/** Notifications: events, and the names of the secrets holding the webhook URLs. */
export interface NotifySpec {
  readonly on: readonly NotifyEvent[];
  /** Secret holding the Slack incoming webhook URL. */
  readonly slack?: string;
  /** Secret holding the Teams Workflows webhook URL. */
  readonly teams?: string;
}
