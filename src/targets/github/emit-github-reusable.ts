import type { GithubJob, GithubPermissions, GithubWorkflow } from './github-types.js';
import { switchGithubGates } from './github-gate-switches.js';
import { selectGithubPlatforms } from '../../emit/reusable-platforms.js';
import { parameterizeLiterals, type DeclaredInput } from '../../emit/reusable-parameters.js';
import { compareCodePoints, sortRecordByKey } from '../../model/compare-code-points.js';

/** A `workflow_call` input declaration. @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_callinputs */
export interface GithubCallInput {
  description: string;
  required: false;
  type: 'string' | 'number' | 'boolean';
  default: string | number | boolean;
}

/** A reusable workflow: triggered only by `workflow_call`, with typed inputs and the secrets it reads. */
export interface GithubReusableWorkflow {
  name: string;
  on: {
    workflow_call: {
      inputs: Record<string, GithubCallInput>;
      secrets?: Record<string, { description: string; required: false }>;
    };
  };
  permissions: GithubPermissions;
  jobs: Record<string, GithubJob>;
}

/** The caller job: `uses` a reusable workflow; it may not have `steps` or `runs-on`. */
export interface GithubCallerJob {
  name: string;
  uses: string;
  permissions: GithubPermissions;
  secrets?: Record<string, string>;
}

/** The thin caller workflow: the triggers, concurrency and one job calling the reusable workflow. */
export interface GithubCallerWorkflow extends Omit<GithubWorkflow, 'jobs'> {
  jobs: Record<string, GithubCallerJob>;
}

/** Where the caller finds the reusable workflow. */
export interface GithubReusableTarget {
  /** Workflow file name without extension (`output.reusable.name`). */
  readonly name: string;
  /** Central repository and pinned ref; absent: the local path `./.github/workflows/<name>.yml`. */
  readonly central?: { readonly repository: string; readonly ref: string };
}

/** Secrets GitHub gives every workflow; they are never declared or passed. */
const IMPLICIT_SECRETS = new Set(['GITHUB_TOKEN']);
const PERMISSION_RANK: Record<'none' | 'read' | 'write', number> = { none: 0, read: 1, write: 2 };

/**
 * Derive a reusable workflow and its caller from an emitted workflow: the jobs move, unchanged but for the
 * config-derived literals that become `${{ inputs.<name> }}` (defaults: those literals, so the caller passes
 * nothing); every `secrets.X` the jobs read is declared and passed explicitly by the caller (works across
 * organisations, unlike `secrets: inherit`). The caller keeps the triggers and concurrency and grants the union of
 * the jobs' permissions (a called workflow can only narrow them; each called job still declares its own).
 * The reusable workflow has no concurrency group: one in both files would make the call wait on its caller.
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_iduses
 */
export function emitGithubReusable(
  workflow: GithubWorkflow,
  target: GithubReusableTarget,
): { reusable: GithubReusableWorkflow; caller: GithubCallerWorkflow } {
  const literal = parameterizeLiterals(workflow.jobs, ['env', 'with'], (name) => `\${{ inputs.${name} }}`);
  const switched = switchGithubGates(literal.value);
  const selected = selectGithubPlatforms(switched.jobs);
  const jobs = selected.jobs as Record<string, GithubJob>;
  const inputs = [...literal.inputs, ...selected.inputs, ...switched.inputs];
  const secrets = collectSecrets(jobs);
  const reusable: GithubReusableWorkflow = {
    name: workflow.name,
    on: {
      workflow_call: {
        inputs: Object.fromEntries(inputs.map((i) => [i.parameter.name, callInput(i)])),
        ...(secrets.length > 0
          ? {
              secrets: Object.fromEntries(
                secrets.map((s) => [
                  s,
                  { description: `Passed through to the jobs as secrets.${s}.`, required: false as const },
                ]),
              ),
            }
          : {}),
      },
    },
    permissions: {},
    jobs,
  };
  const { jobs: _jobs, ...head } = workflow;
  const caller: GithubCallerWorkflow = {
    ...head,
    jobs: {
      [target.name]: {
        name: target.name,
        uses: githubReusableRef(target),
        permissions: unionPermissions(Object.values(jobs)),
        ...(secrets.length > 0 ? { secrets: Object.fromEntries(secrets.map((s) => [s, `\${{ secrets.${s} }}`])) } : {}),
      },
    },
  };
  return { reusable, caller };
}

/** The caller's `uses:` value: `./.github/workflows/<name>.yml`, or `owner/repo/.github/workflows/<name>.yml@<ref>`. */
export function githubReusableRef(target: GithubReusableTarget): string {
  const file = `.github/workflows/${target.name}.yml`;
  return target.central ? `${target.central.repository}/${file}@${target.central.ref}` : `./${file}`;
}

function callInput(input: DeclaredInput): GithubCallInput {
  return {
    description: input.parameter.description,
    required: false,
    type: input.parameter.type,
    default: input.default,
  };
}

function collectSecrets(node: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g))
        if (!IMPLICIT_SECRETS.has(m[1])) found.add(m[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(node);
  return [...found].sort(compareCodePoints);
}

function unionPermissions(jobs: readonly GithubJob[]): GithubPermissions {
  const out: GithubPermissions = {};
  for (const job of jobs) {
    for (const [scope, level] of Object.entries(job.permissions) as Array<
      [keyof GithubPermissions, 'read' | 'write' | 'none']
    >) {
      const known = out[scope];
      if (PERMISSION_RANK[level] > (known === undefined ? -1 : PERMISSION_RANK[known])) out[scope] = level;
    }
  }
  return sortRecordByKey(out);
}
