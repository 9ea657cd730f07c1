/**
 * The parameters of a reusable output (GitHub reusable workflow, GitLab CI/CD component): which config-derived
 * literal of the emitted pipeline each input replaces. One table for both platforms, so the two outputs expose
 * the same inputs with the same defaults (taken from the config, so a caller may pass nothing).
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows#using-inputs-and-secrets-in-a-reusable-workflow
 * @see https://docs.gitlab.com/ci/inputs/
 */

/** Input types both platforms share (`workflow_call` inputs: string|number|boolean; GitLab spec inputs also array). */
export type ReusableInputType = 'string' | 'number' | 'boolean';

/** One reusable input: its name, type, description and where it applies in the emitted pipeline. */
export interface ReusableParameter {
  /** Input name (snake_case, valid on both platforms). */
  readonly name: string;
  readonly type: ReusableInputType;
  readonly description: string;
  /** Environment/`variables` keys whose value this input replaces (scripts read values only from env). */
  readonly envKeys: readonly string[];
  /** GitHub-only: `with:` keys of action steps whose value this input replaces (`tags` of metadata-action...). */
  readonly withKeys?: readonly string[];
  /** GitLab: allowed values (`spec:inputs:options`). */
  readonly options?: readonly string[];
  /** GitLab: a regular expression the value must match (`spec:inputs:regex`); string inputs only (GitLab rejects it on other types). */
  readonly regex?: string;
  /** How list values are joined in env (`' '` for `DOCKYARD_REPOSITORIES`); the input is newline-separated. */
  readonly envSeparator?: string;
}

/** Every parameter a reusable output can expose; an input is declared only when its literal occurs in the pipeline. */
export const REUSABLE_PARAMETERS: readonly ReusableParameter[] = [
  {
    name: 'images',
    type: 'string',
    description:
      'Image repositories to tag and push, one per line (in the configured registries, whose logins the jobs keep).',
    envKeys: ['DOCKYARD_META_IMAGES', 'DOCKYARD_REPOSITORIES'],
    withKeys: ['images'],
    envSeparator: ' ',
  },
  {
    name: 'tags',
    type: 'string',
    description: 'Tag rules, one metadata-action line each (docs/tags.md).',
    envKeys: ['DOCKYARD_META_TAGS'],
    withKeys: ['tags'],
  },
  {
    name: 'flavor',
    type: 'string',
    description: 'Tag flavor lines (metadata-action `flavor`).',
    envKeys: ['DOCKYARD_META_FLAVOR'],
    withKeys: ['flavor'],
  },
  {
    name: 'scan_severities',
    type: 'string',
    description: 'Trivy severities that fail the scan gate, comma-separated (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL).',
    envKeys: ['DOCKYARD_SCAN_SEVERITIES'],
    withKeys: ['severity'],
    regex: '^(UNKNOWN|LOW|MEDIUM|HIGH|CRITICAL)(,(UNKNOWN|LOW|MEDIUM|HIGH|CRITICAL))*$',
  },
  {
    name: 'size_limit_mb',
    type: 'number',
    description: 'Size gate limit in MB.',
    envKeys: ['DOCKYARD_SIZE_LIMIT'],
  },
  {
    name: 'size_on_exceed',
    type: 'string',
    description: 'What the size gate does above the limit: fail or warn.',
    envKeys: ['DOCKYARD_SIZE_ON_EXCEED'],
    options: ['fail', 'warn'],
  },
  {
    name: 'coverage_minimum',
    type: 'number',
    description: 'Minimum line coverage in percent.',
    envKeys: ['DOCKYARD_COVERAGE_MINIMUM'],
  },
  {
    name: 'lint_threshold',
    type: 'string',
    description: 'Lowest hadolint severity that fails the lint gate.',
    envKeys: ['DOCKYARD_LINT_THRESHOLD'],
    options: ['error', 'warning', 'info', 'style', 'ignore'],
  },
  {
    name: 'smoke_timeout_seconds',
    type: 'number',
    description: 'Smoke gate timeout in seconds.',
    envKeys: ['DOCKYARD_SMOKE_TIMEOUT'],
  },
  {
    // No literal to replace: reusable-platforms.ts declares it when the config has more than one platform.
    name: 'platforms',
    type: 'string',
    description:
      'Platforms to build, a comma-separated subset of the configured ones (runners, slugs and QEMU follow the config).',
    envKeys: [],
  },
];

/** The default of a parameter as the input declares it: a number for number inputs, else the string (env lists become lines). */
export function toInputDefault(parameter: ReusableParameter, literal: string): string | number {
  if (parameter.type === 'number') return Number(literal);
  return parameter.envSeparator === undefined ? literal : literal.split(parameter.envSeparator).join('\n');
}

/** An input a reusable output declares: the parameter and its default (from the config-derived literal). */
export interface DeclaredInput {
  readonly parameter: ReusableParameter;
  readonly default: string | number | boolean;
}

/**
 * The keys of the maps that hold literals, as the CI system's pipeline spells them: `env` and `with` on GitHub,
 * `variables` on GitLab (each target passes its own).
 */
export type LiteralMapKey = 'env' | 'with' | 'variables';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-copy `root`, replacing each parameter's config-derived literal by `expression(name)` wherever it occurs
 * under one of the parameter's keys in a map named by `containers` (`env`/`with` on GitHub, `variables` on GitLab). The first occurrence
 * fixes the default; a later literal that differs from it (after joining lists) stays literal, so a value the
 * input does not describe is never overwritten. Pure.
 *
 * @returns the rewritten copy and the inputs that occur, in {@link REUSABLE_PARAMETERS} order.
 */
export function parameterizeLiterals<T>(
  root: T,
  containers: readonly LiteralMapKey[],
  expression: (name: string) => string,
): { value: T; inputs: DeclaredInput[] } {
  const defaults = new Map<string, string | number>();
  const rewriteMap = (container: string, map: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      const parameter = REUSABLE_PARAMETERS.find((p) =>
        (container === 'with' ? (p.withKeys ?? []) : p.envKeys).includes(key),
      );
      // GitLab variables may be `{ value, expand }` objects: the literal is their `value`.
      const literal = isRecord(value) && container === 'variables' ? value.value : value;
      if (
        !parameter ||
        (typeof literal !== 'string' && typeof literal !== 'number') ||
        String(literal).includes('${{')
      ) {
        out[key] = walk(value);
        continue;
      }
      const literalDefault = toInputDefault(parameter, String(literal));
      const known = defaults.get(parameter.name);
      if (known !== undefined && known !== literalDefault) {
        out[key] = value;
        continue;
      }
      defaults.set(parameter.name, literalDefault);
      out[key] = isRecord(value) ? { ...value, value: expression(parameter.name) } : expression(parameter.name);
    }
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        (containers as readonly string[]).includes(key) && isRecord(value) ? rewriteMap(key, value) : walk(value);
    }
    return out;
  };
  const value = walk(root) as T;
  const inputs = REUSABLE_PARAMETERS.filter((p) => defaults.has(p.name)).map((p) => ({
    parameter: p,
    default: defaults.get(p.name)!,
  }));
  return { value, inputs };
}
