import type { DeclaredInput } from '../../emit/reusable-parameters.js';
import { addSummarySwitches, declareGateSwitches, presentGates } from '../../emit/reusable-gate-switches.js';
import { gitlabJobIdOf } from './gitlab-platform-jobs.js';

/*
 * The gate switches of a GitLab CI/CD component (src/emit/reusable-gate-switches.ts, docs/reusable-outputs.md):
 * a switched-off gate job is never created, and its dependents still are (`needs: optional`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#needsoptional
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  return { config: out, inputs: declareGateSwitches(gates) };
}
