import type { DeclaredInput } from '../../emit/reusable-parameters.js';
import { addSummarySwitches, declareGateSwitches, presentGates } from '../../emit/reusable-gate-switches.js';

/*
 * The gate switches of a GitHub reusable workflow (src/emit/reusable-gate-switches.ts, docs/reusable-outputs.md):
 * a switched-off gate job is skipped by its `if`, and its dependents keep running by a status-aware `if`.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-conditions-to-control-job-execution
 */

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
  return { jobs: out, inputs: declareGateSwitches(gates) };
}
