import { z } from 'zod';

/**
 * One problem in a config: where (`path`, e.g. `platforms[1]`), what is wrong, what was expected and what
 * was given. Errors stop synthesis; warnings are printed and synthesis continues.
 */
export interface ConfigIssue {
  /** Dotted path into the config, with `[n]` for array items; `(root)` for the whole config. */
  readonly path: string;
  /** What is wrong, in a few words. */
  readonly problem: string;
  /** What a valid value looks like. */
  readonly expected: string;
  /** The value that was given, rendered as JSON (truncated to 80 characters). */
  readonly received: string;
  /** `error` stops synthesis; `warning` does not. */
  readonly severity: 'error' | 'warning';
}

/** Render a path array as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Render a value for an error message: JSON, `undefined` for a missing value, cut to 80 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Render one issue as `path: problem; expected …, got …`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.problem}; expected ${issue.expected}, got ${issue.received}`;
}

type Issue = z.core.$ZodIssue;

/**
 * Turn zod issues (parsed with `reportInput: true`) into {@link ConfigIssue}s. Union failures are reduced to the
 * branch that matched the input's shape, so a bad platform string reads "unknown value" rather than
 * "expected object".
 *
 * @param schema the schema that was parsed, used to list the allowed keys of objects with unknown keys.
 * @param input the value that was parsed, used to report what was given.
 */
export function convertZodIssues(issues: readonly Issue[], schema: z.ZodType, input: unknown): ConfigIssue[] {
  return issues.flatMap((issue) => convertIssue(issue, [], schema, input));
}

function convertIssue(issue: Issue, prefix: PropertyKey[], schema: z.ZodType, root: unknown): ConfigIssue[] {
  const path = [...prefix, ...issue.path];
  const got = 'input' in issue ? issue.input : valueAt(root, path);
  const base = { path: formatPath(path), received: describeValue(got), severity: 'error' as const };
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          ...base,
          problem: got === undefined ? 'required value is missing' : `wrong type (${typeOf(got)})`,
          expected: `${article(issue.expected)} ${issue.expected}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          ...base,
          problem: 'unknown value',
          expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path, root);
      return issue.keys.map((key) => ({
        ...base,
        path: formatPath([...path, key]),
        problem: `unknown key "${key}"`,
        expected: allowed.length > 0 ? `one of the keys ${allowed.join(', ')}` : 'no other keys',
        received: describeValue((got as Record<string, unknown> | undefined)?.[key]),
      }));
    }
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        // A discriminator mismatch reports the whole object as input; show the discriminator's value.
        return [
          {
            ...base,
            received: describeValue(valueAt(root, path)),
            problem: `unknown ${String(path.at(-1) ?? 'value')}`,
            expected: `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
          },
        ];
      }
      const branch = pickUnionBranch(issue.errors);
      return branch.flatMap((inner) => convertIssue(inner, path, schema, root));
    }
    case 'too_small':
      return [{ ...base, problem: tooSmallProblem(issue), expected: tooSmallExpected(issue) }];
    case 'too_big':
      return [{ ...base, problem: 'too large', expected: `at most ${String(issue.maximum)}` }];
    case 'invalid_format':
      return [
        {
          ...base,
          problem: issue.message,
          expected: issue.pattern ? `a value matching /${issue.pattern}/` : `a valid ${issue.format}`,
        },
      ];
    default: {
      const params = (issue as { params?: { expected?: string } }).params;
      return [
        {
          ...base,
          problem: issue.message,
          expected: params?.expected ?? 'a valid value (see docs/config-reference.md)',
        },
      ];
    }
  }
}

/**
 * Pick the union branch that matched the input best: the one whose issues lie deepest (it got furthest into the
 * value), then one whose first issue is not a plain type mismatch at the branch root, then the fewest issues.
 */
function pickUnionBranch(branches: ReadonlyArray<readonly Issue[]>): readonly Issue[] {
  const depth = (b: readonly Issue[]) => Math.max(0, ...b.map((i) => i.path.length));
  const typeMismatch = (b: readonly Issue[]) =>
    b.length > 0 && b[0].code === 'invalid_type' && b[0].path.length === 0 ? 1 : 0;
  return [...branches].sort(
    (a, b) => depth(b) - depth(a) || typeMismatch(a) - typeMismatch(b) || a.length - b.length,
  )[0];
}

function tooSmallProblem(issue: z.core.$ZodIssueTooSmall): string {
  if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
  if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : 'too short';
  return 'too small';
}

function tooSmallExpected(issue: z.core.$ZodIssueTooSmall): string {
  if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} item(s)`;
  if (issue.origin === 'string') return `a string of at least ${String(issue.minimum)} character(s)`;
  return `at least ${String(issue.minimum)}`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The keys an object schema at `path` accepts, resolving arrays, optionals, defaults and unions by the input. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  let node: z.ZodType | undefined = schema;
  for (let i = 0; i <= path.length && node; i++) {
    node = resolveUnion(unwrap(node), valueAt(root, path.slice(0, i)));
    if (i === path.length) break;
    const key = path[i];
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(key)];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else node = undefined;
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(node: z.ZodType): z.ZodType {
  let cur = node;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) {
    cur = cur.unwrap() as z.ZodType;
  }
  return cur;
}

function resolveUnion(node: z.ZodType, value: unknown): z.ZodType {
  if (!(node instanceof z.ZodUnion)) return node;
  const objects = (node.options as z.ZodType[]).map(unwrap).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
  const type = (value as { type?: unknown } | undefined)?.type;
  const byType = objects.find((o) => {
    const lit = (o.shape as Record<string, z.ZodType>).type;
    return lit instanceof z.ZodLiteral && lit.values.has(type as never);
  });
  return byType ?? objects[0] ?? node;
}

/**
 * One config issue as every rule writes it: the config path (e.g. `registries[0]`), the problem, what is expected,
 * and the value given (described by {@link describeValue}).
 *
 * @param severity `error` (the config is rejected) or `warning` (printed, the config is used). Default `error`.
 */
export function configIssue(
  path: string,
  problem: string,
  expected: string,
  got: unknown,
  severity: ConfigIssue['severity'] = 'error',
): ConfigIssue {
  return { path, problem, expected, received: describeValue(got), severity };
}
