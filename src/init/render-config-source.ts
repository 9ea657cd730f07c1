import Handlebars from 'handlebars';
import type { CiSystem } from '../config/schema/primitives.js';

/** The answers `dockyard init` writes into `dockyard.config.ts`. */
export interface InitAnswers {
  /** The CI systems of `ci: [...]` (the config schema's `CI_SYSTEMS`). */
  readonly ci: readonly CiSystem[];
  /** The image repository path, e.g. `acme/api`. */
  readonly imageName: string;
  /** The Dockerfile path relative to the config file. */
  readonly dockerfile: string;
  /** The production stage; omitted from the config when `undefined`. */
  readonly target?: string;
  /**
   * A Dockerfile test stage (with `from: "source"` when it does not derive from the production stage, so it does
   * not test the candidate), or commands run in the candidate image (optionally with the smoke test, `smoke: {}`).
   */
  readonly test:
    | { readonly target: string; readonly from?: 'source' }
    | { readonly commands: readonly string[]; readonly smoke?: Record<string, never> };
  /** The GitHub repository's visibility and plan; omitted (a public repository) when `undefined`. */
  readonly github?: {
    readonly visibility: 'private' | 'internal';
    readonly plan: 'free' | 'pro' | 'team' | 'enterprise';
  };
}

/** What was detected, for the config's header comments. */
export interface InitContext {
  /** e.g. `Dockerfile (stages deps, test, production), package.json`. */
  readonly detected?: string;
  /** e.g. `github.com/acme/api`. */
  readonly remote?: string;
}

/**
 * Write a JSON-like value as a TypeScript literal: strings through `JSON.stringify` (a valid TS string literal
 * for any content), arrays as `[a, b]`, objects as `{ key: value }` (keys quoted unless identifiers).
 */
export function formatLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatLiteral(v)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Render the commented `dockyard.config.ts` from the handlebars template `templates/config/dockyard.config.ts.hbs`.
 * Every value reaches the source through the `ts` helper, which writes it as a TypeScript literal
 * (`JSON.stringify`), so names with quotes, backslashes or newlines cannot break out of their string; comment
 * values have `*\/` and line breaks removed.
 *
 * @param template the template's text.
 * @throws {Error} when the template uses a value that is not defined (handlebars `strict`).
 */
export function renderConfigSource(template: string, answers: InitAnswers, context: InitContext = {}): string {
  const hbs = Handlebars.create();
  hbs.registerHelper('ts', (value: unknown) => formatLiteral(value));
  const comment = (text: string | undefined): string =>
    (text ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');
  return hbs.compile(template, { strict: true, noEscape: true })({
    ...answers,
    target: answers.target ?? '',
    github: answers.github ?? '',
    testFromSource: 'from' in answers.test && answers.test.from === 'source',
    detected: comment(context.detected),
    remote: comment(context.remote),
  });
}
