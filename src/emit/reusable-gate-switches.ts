import { MISSING_GATE_LINE, SWITCHED_OFF_GATE_LINE } from './gate-scripts.js';
import type { DeclaredInput, ReusableParameter } from './reusable-parameters.js';

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

/** The switchable gate jobs present among `jobIds` (job ids as both CI systems name them: `lint`, `scan`, …), in input order. */
export function presentGates(jobIds: readonly string[]): string[] {
  return SWITCHABLE_GATES.filter((g) => jobIds.includes(g));
}

/**
 * Add the switches to the gate summaries: every `env`/`variables` map holding `DOCKYARD_GATE_FILES` gets
 * `DOCKYARD_GATE_SWITCHES` (`scan=<input> size=<input>`), and every script with {@link MISSING_GATE_LINE} gets
 * {@link SWITCHED_OFF_GATE_LINE} before it; `expression(gate)` is the CI system's reference to the input
 * (`${{ inputs.scan }}`, `$[[ inputs.scan ]]`). Pure.
 *
 * @returns a copy of `node` (strings, arrays and plain objects walked; other values kept).
 */
export function addSummarySwitches(
  node: unknown,
  gates: readonly string[],
  expression: (name: string) => string,
): unknown {
  if (typeof node === 'string')
    return node.split(MISSING_GATE_LINE).join(`${SWITCHED_OFF_GATE_LINE}\n${MISSING_GATE_LINE}`);
  if (Array.isArray(node)) return node.map((n) => addSummarySwitches(n, gates, expression));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [key, value] of Object.entries(node)) out[key] = addSummarySwitches(value, gates, expression);
  if ('DOCKYARD_GATE_FILES' in node) out.DOCKYARD_GATE_SWITCHES = gates.map((g) => `${g}=${expression(g)}`).join(' ');
  return out;
}

/** The declared switch inputs of `gates`: boolean, default `true`. */
export function declareGateSwitches(gates: readonly string[]): DeclaredInput[] {
  return gates.map((g) => ({ parameter: gateSwitchParameter(g), default: true }));
}
