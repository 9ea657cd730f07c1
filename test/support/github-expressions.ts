import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';

/** The contexts an expression may read (the rest are refused by GitHub's parser as unknown names). */
const CONTEXTS = [
  'github',
  'needs',
  'inputs',
  'matrix',
  'vars',
  'secrets',
  'steps',
  'job',
  'jobs',
  'runner',
  'env',
  'strategy',
];

/** How the job or step's status functions answer (GitHub evaluates them against the ancestors / previous steps). */
export interface StatusAnswers {
  readonly success: boolean;
  readonly failure: boolean;
  readonly cancelled: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

/**
 * Parse and evaluate one GitHub Actions expression (without `${{ }}`) with GitHub's own lexer, parser and evaluator
 * (`@actions/expressions`, from actions/languageservices), plus the status functions, which that package leaves to
 * the runner: `success()`, `failure()`, `cancelled()`, `always()`.
 *
 * @throws {Error} when the expression does not lex or parse (an unknown context or function included).
 * @see https://github.com/actions/languageservices/tree/main/expressions
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
 */
export function evaluateExpression(
  expression: string,
  contexts: Record<string, unknown>,
  status: StatusAnswers,
): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const parsed = new Parser(lexed.tokens, CONTEXTS, functions).parse();
  const answer = (name: (typeof STATUS_FUNCTIONS)[number]): boolean => (name === 'always' ? true : status[name]);
  const implementations = new Map<string, FunctionDefinition>(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answer(name)) },
    ]),
  );
  const dictionary = JSON.parse(
    JSON.stringify(Object.fromEntries(CONTEXTS.map((c) => [c, contexts[c] ?? {}]))),
    data.reviver,
  ) as data.Dictionary;
  return new Evaluator(parsed, dictionary, implementations).evaluate();
}

/** Whether an expression calls a status function (then GitHub applies no implicit `success() &&`). */
export function usesStatusFunction(expression: string): boolean {
  return /\b(success|failure|cancelled|always)\s*\(/.test(expression.replace(/'(?:[^']|'')*'/g, "''"));
}

/**
 * The expression of an `if:`: `${{ x }}` as a whole, or the bare text (GitHub allows omitting `${{ }}` in `if`).
 *
 * @throws {Error} for an `if` that mixes text and `${{ }}`: GitHub would take it as a non-empty string, always true.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idif
 */
export function ifExpression(condition: string): string {
  const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  if (whole && !whole[1].includes('${{')) return whole[1].trim();
  if (condition.includes('${{'))
    throw new Error(
      `if: "${condition}" mixes text with \${{ }}: GitHub evaluates it as a non-empty string (always true)`,
    );
  return condition.trim();
}

/**
 * Evaluate a value with `${{ }}` interpolations, as GitHub does for `runs-on`, `concurrency`, `environment`, `with`,
 * `env` and `run`: each expression's result coerced to a string (a value that is exactly one expression keeps its type).
 */
export function interpolate(value: string, contexts: Record<string, unknown>, status: StatusAnswers): unknown {
  const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(value);
  if (whole) return toPlain(evaluateExpression(whole[1], contexts, status));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) =>
    evaluateExpression(e, contexts, status).coerceString(),
  );
}

/** An evaluation result as plain JSON (objects, arrays, strings, numbers, booleans, null). */
export function toPlain(value: data.ExpressionData): unknown {
  switch (value.kind) {
    case data.Kind.Dictionary:
      return Object.fromEntries((value as data.Dictionary).pairs().map((p) => [p.key, toPlain(p.value)]));
    case data.Kind.Array:
      return (value as data.Array).values().map(toPlain);
    case data.Kind.Null:
      return null;
    case data.Kind.Boolean:
    case data.Kind.Number:
    case data.Kind.String:
      return value.value;
  }
}
