import { MISSING_GATE_LINE, SWITCHED_OFF_GATE_LINE } from './gate-scripts.js';
import type { DeclaredInput, ReusableParameter } from './reusable-parameters.js';
import { gitlabJobIdOf } from './gitlab/gitlab-platform-jobs.js';

/**
 * Gate switches of reusable outputs: one boolean input per optional gate job (`lint`, `scan`, `smoke`, `size`,
 * `sbom`; default `true`) that turns the job off. The test job is not switchable: it is the handoff's core (the
 * candidate that is pushed is the one the test job ran) and it also records the coverage gate, which therefore
 * cannot be switched off alone. Jobs downstream of a switched-off gate still run (GitHub: a status-aware `if`;
 * GitLab: `needs: optional`), and the gate summary shows the gate's rows as `skipped` instead of `missing`.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-conditions-to-control-job-execution
 * @see https://docs.gitlab.com/ci/yaml/#needsoptional
 */

/** Gate jobs a reusable output can switch off, in input order. */
export const SWITCHABLE_GATES = ['lint', 'scan', 'smoke', 'size', 'sbom'] as const;

/** The boolean input of a switchable gate job. */
export function gateSwitchParameter(gate: string): ReusableParameter {
  return {
    name: gate,
    type: 'boolean',
    description: `Run the ${gate} gate job (false: the job is skipped; the gate summary shows it as skipped).`,
    envKeys: [],
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The switchable gate jobs present among `jobIds`. */
function presentGates(jobIds: readonly string[]): string[] {
  return SWITCHABLE_GATES.filter((g) => jobIds.includes(g));
}

/**
 * Add the switches to the gate summaries: every `env`/`variables` map holding `DOCKYARD_GATE_FILES` gets
 * `DOCKYARD_GATE_SWITCHES` (`scan=<input> size=<input>`), and every script with {@link MISSING_GATE_LINE} gets
 * {@link SWITCHED_OFF_GATE_LINE} before it. Pure.
 */
function addSummarySwitches(node: unknown, gates: readonly string[], expression: (name: string) => string): unknown {
  if (typeof node === 'string')
    return node.split(MISSING_GATE_LINE).join(`${SWITCHED_OFF_GATE_LINE}\n${MISSING_GATE_LINE}`);
  if (Array.isArray(node)) return node.map((n) => addSummarySwitches(n, gates, expression));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [key, value] of Object.entries(node)) out[key] = addSummarySwitches(value, gates, expression);
  if ('DOCKYARD_GATE_FILES' in node) out.DOCKYARD_GATE_SWITCHES = gates.map((g) => `${g}=${expression(g)}`).join(' ');
  return out;
}

function declared(gates: readonly string[]): DeclaredInput[] {
  return gates.map((g) => ({ parameter: gateSwitchParameter(g), default: true }));
}

/** A GitHub job as far as switches need it. */
interface SwitchableGithubJob {
  needs?: string[];
  if?: string;
}

const STATUS_FUNCTION = /\b(always|cancelled|failure|success)\(\)/;
const unwrap = (expression: string): string => expression.replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');

/** The job with `if` set where the emitter puts it: after `needs` (else after `name`). */
function withIf<J extends SwitchableGithubJob>(job: J, expression: string): J {
  const after = 'needs' in job ? 'needs' : 'name';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(job)) {
    if (key === 'if') continue;
    out[key] = value;
    if (key === after) out.if = expression;
  }
  if (!('if' in out)) out.if = expression;
  return out as J;
}

/**
 * GitHub: each present gate job gets `if: ${{ inputs.<gate> && (…) }}`; every job that (transitively) needs a gate
 * job and has no status function in its `if` gets `!cancelled() && !failure() && (…)`, since GitHub skips the
 * dependents of a skipped job otherwise; in such a job's own `if`, `success()` (false after a skipped job) becomes
 * `(!cancelled() && !failure())`. Pure.
 *
 * @returns the jobs and the declared switch inputs (boolean, default true).
 */
export function switchGithubGates<J extends SwitchableGithubJob>(
  jobs: Record<string, J>,
): { jobs: Record<string, J>; inputs: DeclaredInput[] } {
  const gates = presentGates(Object.keys(jobs));
  if (gates.length === 0) return { jobs, inputs: [] };
  const dependsOnGate = (id: string, seen = new Set<string>()): boolean =>
    (jobs[id]?.needs ?? []).some((n) => gates.includes(n) || (!seen.has(n) && (seen.add(n), dependsOnGate(n, seen))));
  const summarised = addSummarySwitches(jobs, gates, (g) => `\${{ inputs.${g} }}`) as Record<string, J>;
  const out: Record<string, J> = {};
  for (const [id, job] of Object.entries(summarised)) {
    const parts: string[] = [];
    if (gates.includes(id)) parts.push(`inputs.${id}`);
    // `success()` is false when a needed job was skipped: after a switchable gate it means "nothing failed".
    const own = job.if === undefined ? undefined : unwrap(job.if);
    const existing =
      own !== undefined && dependsOnGate(id) ? own.replace(/\bsuccess\(\)/g, '(!cancelled() && !failure())') : own;
    if (dependsOnGate(id) && (existing === undefined || !STATUS_FUNCTION.test(existing)))
      parts.push('!cancelled()', '!failure()');
    if (parts.length === 0 && existing === own) {
      out[id] = job;
      continue;
    }
    if (existing !== undefined) parts.push(STATUS_FUNCTION.test(existing) ? existing : `(${existing})`);
    out[id] = withIf(job, `\${{ ${parts.join(' && ')} }}`);
  }
  return { jobs: out, inputs: declared(gates) };
}

/**
 * GitLab: each present gate job (or the hidden `.scan` its platform jobs `scan: [linux/amd64]`... extend) gets a first rule
 * `if: '"$[[ inputs.<gate> ]]" != "true"'` with `when: never` (and `when: on_success` last when it had no rules);
 * every `needs:` entry naming a gate job becomes `{ job, optional: true }`, so its dependents are still created
 * when it is not. Pure.
 *
 * @returns the jobs and the declared switch inputs (boolean, default true).
 */
export function switchGitlabGates(config: Obj): { config: Obj; inputs: DeclaredInput[] } {
  const gates = presentGates(
    Object.keys(config)
      .filter((k) => isObj(config[k]) && 'script' in (config[k] as Obj))
      .map(gitlabJobIdOf),
  );
  if (gates.length === 0) return { config, inputs: [] };
  const summarised = addSummarySwitches(config, gates, (g) => `$[[ inputs.${g} ]]`) as Obj;
  const out: Obj = {};
  for (const [id, value] of Object.entries(summarised)) {
    // Jobs: those with a script, and the platform jobs that extend a hidden job holding it.
    if (!isObj(value) || !('script' in value || 'extends' in value)) {
      out[id] = value;
      continue;
    }
    let job: Obj = value;
    if (Array.isArray(job.needs)) {
      job = {
        ...job,
        needs: job.needs.map((n: unknown) => {
          const name = typeof n === 'string' ? n : isObj(n) ? n.job : undefined;
          if (typeof name !== 'string' || !gates.includes(gitlabJobIdOf(name))) return n;
          return typeof n === 'string' ? { job: n, optional: true } : { ...(n as Obj), optional: true };
        }),
      };
    }
    const gate = gitlabJobIdOf(id);
    // The rule goes where the script is: the job, or the hidden job its platform jobs extend.
    if (gates.includes(gate) && 'script' in job) {
      const off = { if: `"$[[ inputs.${gate} ]]" != "true"`, when: 'never' };
      const rules = Array.isArray(job.rules) ? [off, ...job.rules] : [off, { when: 'on_success' }];
      // Keep the key order of a normal job: rules where the emitter puts them (after parallel), else at the end.
      const { rules: _old, ...rest } = job;
      job = { ...rest, rules };
    }
    out[id] = job;
  }
  return { config: out, inputs: declared(gates) };
}
