/**
 * The GitHub Actions workflow keywords dockyard emits, typed as GitHub spells them, so a misspelt keyword or a wrong
 * shape in an emitter is a type error. Each shape is the subset of SchemaStore's workflow schema (the file the
 * validators use: `../shared/schemas/github-workflow.json`, `definitions.normalJob`, `step`, `permissions-event`)
 * that dockyard writes.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */

/**
 * A scope of the `GITHUB_TOKEN` (schema `definitions.permissions-event`).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
 */
export type GithubPermissionScope =
  | 'actions'
  | 'attestations'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'discussions'
  | 'id-token'
  | 'issues'
  | 'packages'
  | 'pages'
  | 'pull-requests'
  | 'security-events'
  | 'statuses';

/**
 * A job's (or the workflow's) token permissions by scope; a scope left out is `none` (schema
 * `definitions.permissions-level`: `read`, `write`, `none`).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
 */
export type GithubPermissions = Partial<Record<GithubPermissionScope, 'read' | 'write' | 'none'>>;

/** A step's `with:` inputs (strings, numbers and booleans). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepswith */
export type GithubStepInputs = Record<string, string | number | boolean>;

/**
 * A step of a GitHub Actions job: a pinned action (`uses`) or a shell script (`run`) (schema `definitions.step`).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idsteps
 */
export interface GithubStep {
  /** Shown in the log. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsname */
  name: string;
  /** How later steps name its outputs (`steps.<id>.outputs`). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsid */
  id?: string;
  /** Runs only when this expression is true. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsif */
  if?: string;
  /** The action, pinned by commit SHA. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsuses */
  uses?: string;
  /** The shell script. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsrun */
  run?: string;
  /** The shell `run` uses (default `bash` on Linux runners). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsshell */
  shell?: string;
  /** Where `run` starts. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsworking-directory */
  'working-directory'?: string;
  /** Whether the job goes on when the step fails. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepscontinue-on-error */
  'continue-on-error'?: boolean;
  /** The action's inputs. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepswith */
  with?: GithubStepInputs;
  /** Environment variables of the step (what reaches its script). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsenv */
  env?: Record<string, string>;
}

/**
 * A GitHub Actions job, with the platform's own key names, in the order dockyard writes them (schema
 * `definitions.normalJob`).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobs
 */
export interface GithubJob {
  /** Shown in the run (matrix jobs: with `${{ matrix.platform }}`). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idname */
  name: string;
  /** Jobs this one waits for. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds */
  needs?: string[];
  /** Runs only when this expression is true. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idif */
  if?: string;
  /** The runner label. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idruns-on */
  'runs-on': string;
  /** A deployment environment (deploy jobs). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idenvironment */
  environment?: { name: string; url?: string };
  /** The container the job's steps run in (deploy jobs with an image). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainer */
  container?: string;
  /** The token's permissions for this job. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idpermissions */
  permissions: GithubPermissions;
  /** Runs of one group at a time; `cancel-in-progress` cancels the older. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idconcurrency */
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  /** The matrix, or (reusable `platforms` input) an expression yielding it. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstrategymatrixinclude */
  strategy?: { 'fail-fast': boolean; matrix: { include: Array<Record<string, string | boolean>> } | string };
  /** Longest run, in minutes. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idtimeout-minutes */
  'timeout-minutes': number;
  /** Outputs later jobs read as `needs.<job>.outputs`. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idoutputs */
  outputs?: Record<string, string>;
  /** The steps, in order. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idsteps */
  steps: GithubStep[];
}

/**
 * The workflow's `on:` events dockyard writes (schema `properties.on`).
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
export interface GithubTriggers {
  /** Pushes of these branches and tags; with `paths`, branch pushes only when a changed file matches (tag pushes ignore `paths`, https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushpull_requestpull_request_targetpathspaths-ignore). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore */
  push?: { branches?: string[]; tags?: string[]; paths?: string[] };
  /** Pull requests targeting these branches (all, without `branches`). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpull_requestpull_request_targetbranchesbranches-ignore */
  pull_request?: { branches?: string[]; paths?: string[] };
  /** Cron schedules (UTC). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onschedule */
  schedule?: Array<{ cron: string }>;
  /** Manual runs, with their inputs. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_dispatchinputs */
  workflow_dispatch?: {
    inputs: Record<string, { description: string; type: 'boolean' | 'string'; default: boolean | string }>;
  };
  /** Runs started through the API with these event types. @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#repository_dispatch */
  repository_dispatch?: { types: string[] };
}

/**
 * A GitHub Actions workflow object.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */
export interface GithubWorkflow {
  /** Shown in the Actions tab. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#name */
  name: string;
  /** The events that start it. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#on */
  on: GithubTriggers;
  /** The token's default permissions (dockyard: none; each job grants its own). @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#permissions */
  permissions: GithubPermissions;
  /** Runs of one group at a time. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#concurrency */
  concurrency?: { group: string; 'cancel-in-progress': string | boolean };
  /** The jobs, by id. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobs */
  jobs: Record<string, GithubJob>;
}
