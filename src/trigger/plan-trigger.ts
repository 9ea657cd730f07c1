import type { TriggerTargets } from '../model/trigger-targets.js';

/** A CI system dockyard renders for. */
type CiSystem = 'github' | 'gitlab';

/**
 * A build to start, decided from the config's trigger targets and the command-line flags.
 *
 * - `github-workflow`: `POST /repos/{owner}/{repo}/actions/workflows/{workflowFile}/dispatches` (`workflow_dispatch`);
 *   `ref` undefined means the repository's default branch.
 * - `github-dispatch`: `POST /repos/{owner}/{repo}/dispatches` (`repository_dispatch`, runs on the default branch).
 * - `gitlab-trigger`: `POST /projects/:id/trigger/pipeline` with a pipeline trigger token.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export type TriggerPlan =
  | {
      readonly kind: 'github-workflow';
      readonly workflowFile: string;
      readonly ref: string | undefined;
      readonly inputs: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'github-dispatch';
      readonly eventType: string;
      readonly clientPayload: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'gitlab-trigger'; readonly ref: string; readonly variables: Readonly<Record<string, string>> };

/**
 * Flags of `dockyard trigger` that shape the plan.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 */
export interface TriggerRequest {
  /** `--host`; required when the config renders for both CI systems. */
  readonly host: 'github' | 'gitlab' | undefined;
  /** `--dispatch`: repository_dispatch (GitHub) instead of workflow_dispatch. */
  readonly dispatch: boolean;
  readonly ref: string | undefined;
  /** Raw `--input KEY=VALUE` values, in order. */
  readonly inputs: readonly string[];
}

/**
 * A request the config or the flags do not allow. Message style: `<where>: <problem>; expected <what>, got <value>`.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 */
export class TriggerPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerPlanError';
  }
}

function parseInputs(raw: readonly string[], targets: TriggerTargets): Map<string, string> {
  const values = new Map<string, string>();
  const known = targets.inputs.map((i) => i.name);
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new TriggerPlanError(`--input: not of the form KEY=VALUE; expected e.g. push=false, got "${item}"`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const input = targets.inputs.find((i) => i.name === key);
    if (!input) {
      const expected =
        known.length > 0
          ? `one of: ${known.join(', ')}`
          : 'none (the config declares no manual-run inputs; set triggers.manual)';
      throw new TriggerPlanError(`--input ${key}: unknown input; expected ${expected}, got "${key}"`);
    }
    if (input.type === 'boolean' && value !== 'true' && value !== 'false')
      throw new TriggerPlanError(`--input ${key}: not a boolean; expected true or false, got "${value}"`);
    if (values.has(key))
      throw new TriggerPlanError(
        `--input ${key}: given twice; expected one value, got "${values.get(key)}" and "${value}"`,
      );
    values.set(key, value);
  }
  return values;
}

function pickHost(ci: readonly CiSystem[], host: TriggerRequest['host']): CiSystem {
  if (host) {
    if (!ci.includes(host))
      throw new TriggerPlanError(
        `--host: the config does not render for ${host}; expected one of: ${ci.join(', ')}, got "${host}"`,
      );
    return host;
  }
  if (ci.length > 1)
    throw new TriggerPlanError(
      `--host: the config renders for ${ci.join(' and ')}; expected --host github or --host gitlab, got nothing`,
    );
  return ci[0];
}

/**
 * Plan the build `dockyard trigger` starts. Pure.
 *
 * @param targets from `describeTriggerTargets(config)`.
 * @param ci the config's `ci` list.
 *
 * GitHub without `--dispatch` needs `triggers.manual`; with `--dispatch` it needs `triggers.dispatch.eventType`,
 * takes no `--ref` (repository_dispatch always runs on the default branch) and sends the inputs as
 * `client_payload`. GitLab uses a pipeline trigger token (either mode), needs `--ref` (the trigger token cannot
 * read the default branch) and sends each input as its CI variable (`push` → `DOCKYARD_PUSH`).
 *
 * @throws {TriggerPlanError} for an unknown or malformed `--input`, a non-boolean `push`, a missing or
 *   unconfigured host, a mode the config does not enable, `--ref` with GitHub `--dispatch`, no `--ref` on GitLab, or
 *   GitLab without `triggers.dispatch` (trigger-token pipelines are admitted only then).
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export function planTrigger(targets: TriggerTargets, ci: readonly CiSystem[], request: TriggerRequest): TriggerPlan {
  const host = pickHost(ci, request.host);
  if (request.ref !== undefined && !/^(?!\/)(?!.*\/\/)(?!.*\.\.)[^\s~^:?*[\\]+(?<![/.])$/.test(request.ref)) {
    throw new TriggerPlanError(
      `--ref: not a git ref name; expected a branch or tag such as main or v1.2.0, got "${request.ref}"`,
    );
  }
  if (request.dispatch && targets.dispatchEventType === undefined) {
    throw new TriggerPlanError(
      '--dispatch: external triggers are off; expected triggers.dispatch.eventType in the config, got nothing',
    );
  }
  if (!request.dispatch && !targets.manual) {
    throw new TriggerPlanError(
      'triggers.manual: manual runs are off; expected triggers.manual on (or --dispatch with triggers.dispatch), got false',
    );
  }
  const inputs = parseInputs(request.inputs, targets);
  if (host === 'gitlab') {
    // The trigger API starts pipelines with source `trigger`, which the workflow rules admit only with dispatch.
    if (targets.dispatchEventType === undefined) {
      throw new TriggerPlanError(
        'triggers.dispatch: on GitLab, dockyard trigger uses a pipeline trigger token, and the pipeline accepts trigger pipelines only with triggers.dispatch; expected triggers.dispatch in the config, got nothing',
      );
    }
    if (request.ref === undefined)
      throw new TriggerPlanError(
        '--ref: required on GitLab; expected the branch or tag to run the pipeline on, got nothing',
      );
    const variables = Object.fromEntries(
      [...inputs].map(([k, v]) => [targets.inputs.find((i) => i.name === k)!.gitlabVariable, v]),
    );
    return { kind: 'gitlab-trigger', ref: request.ref, variables };
  }
  if (request.dispatch) {
    if (request.ref !== undefined)
      throw new TriggerPlanError(
        `--ref: repository_dispatch always runs on the default branch; expected no --ref with --dispatch, got "${request.ref}"`,
      );
    return {
      kind: 'github-dispatch',
      eventType: targets.dispatchEventType!,
      clientPayload: Object.fromEntries(inputs),
    };
  }
  return {
    kind: 'github-workflow',
    workflowFile: targets.workflowFile,
    ref: request.ref,
    inputs: Object.fromEntries(inputs),
  };
}
