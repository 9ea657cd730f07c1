/** A step of a GitHub Actions job: a pinned action (`uses`) or a shell script (`run`). */
export interface GithubStep {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

/** A GitHub Actions job, with the platform's own key names. */
export interface GithubJob {
  name: string;
  needs?: string[];
  if?: string;
  'runs-on': string;
  /** A deployment environment (deploy jobs). */
  environment?: { name: string; url?: string };
  /** The container the job's steps run in (deploy jobs with an image). */
  container?: string;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  /** The matrix, or (reusable `platforms` input) an expression yielding it. */
  strategy?: { 'fail-fast': boolean; matrix: { include: Array<Record<string, string | boolean>> } | string };
  'timeout-minutes': number;
  outputs?: Record<string, string>;
  steps: GithubStep[];
}

/**
 * A GitHub Actions workflow object.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */
export interface GithubWorkflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': string | boolean };
  jobs: Record<string, GithubJob>;
}
