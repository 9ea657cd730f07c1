import { formatIssue, type ConfigIssue } from '../config/format-issues.js';
import type { Output } from './output.js';

/** Print config errors and warnings to stderr, one per line. */
export function printIssues(
  output: Output,
  errors: readonly ConfigIssue[],
  warnings: readonly ConfigIssue[],
  file: string,
): void {
  const { color } = output;
  for (const w of warnings) output.err(`${color.yellow('warning')} ${file}: ${formatIssue(w)}`);
  for (const e of errors) output.err(`${color.red('error')} ${file}: ${formatIssue(e)}`);
  if (errors.length > 0) output.err(`${errors.length} error(s) in ${file}; nothing was written.`);
}
