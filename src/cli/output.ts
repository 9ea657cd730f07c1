import { createColors } from 'picocolors';
import { formatIssue, type ConfigIssue } from '../config/format-issues.js';

/** Where the CLI writes: injectable so commands can be run and checked in-process. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  readonly color: ReturnType<typeof createColors>;
}

/**
 * Colours are on only for a TTY, outside CI, and without NO_COLOR (any value).
 *
 * @see https://no-color.org/
 */
export function shouldUseColor(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  return isTty && !env.CI && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** Output to the process's stdout/stderr. */
export function createProcessOutput(): Output {
  const color = createColors(shouldUseColor(process.env, Boolean(process.stdout.isTTY)));
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color,
  };
}

/** Print config errors and warnings to stderr, one per line. */
export function printIssues(output: Output, errors: readonly ConfigIssue[], warnings: readonly ConfigIssue[], file: string): void {
  const { color } = output;
  for (const w of warnings) output.err(`${color.yellow('warning')} ${file}: ${formatIssue(w)}`);
  for (const e of errors) output.err(`${color.red('error')} ${file}: ${formatIssue(e)}`);
  if (errors.length > 0) output.err(`${errors.length} error(s) in ${file}; nothing was written.`);
}
