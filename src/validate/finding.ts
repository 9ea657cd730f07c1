/**
 * The common result shape of every validation check in `src/validate/`.
 *
 * @module
 */
import { compareCodePoints } from '../model/compare-code-points.js';

/**
 * Which checker produced a {@link Finding}: one value per file `check-*.ts` in this folder.
 * @see https://github.com/rhysd/actionlint/blob/main/docs/usage.md (and each checker's own `@see`)
 */
export type FindingTool =
  | 'workflow-parser'
  | 'actionlint'
  | 'shellcheck'
  | 'gitlab-ci-local'
  | 'gitlab-lint-api'
  | 'json-schema'
  | 'gitlab-component-spec';

/**
 * How serious a {@link Finding} is: `error` makes `dockyard validate` fail; `warning` does not.
 * @see https://www.shellcheck.net/wiki/Severity (how tool levels are folded into these two)
 */
export type FindingSeverity = 'error' | 'warning';

/**
 * One problem reported by a checker about one generated pipeline file.
 *
 * - `file`: the file name the caller passed to the checker (never rewritten).
 * - `line` / `column`: 1-based position in `file` when the tool reports one; absent otherwise
 *   (GitLab tools and shellcheck report no position inside the YAML file; see each checker).
 * - `message`: the tool's own text, trimmed to one line where the tool prints several.
 *
 * @see https://github.com/rhysd/actionlint/blob/main/docs/usage.md for the position convention this mirrors.
 */
export interface Finding {
  tool: FindingTool;
  file: string;
  line?: number;
  column?: number;
  severity: FindingSeverity;
  message: string;
}

/**
 * Render a finding as one line in the conventional compiler format, for terminals and logs.
 *
 * Shape: `file:line:col: [tool] message`; a missing column is left out (`file:line: …`), and a
 * missing line leaves out both (`file: …`). Severity is not printed (callers colour or group by
 * `f.severity`). Never throws.
 *
 * @example formatFinding({ tool: 'actionlint', file: 'ci.yml', line: 3, column: 5, severity: 'error', message: 'boom' })
 *   // => 'ci.yml:3:5: [actionlint] boom'
 * @see https://www.gnu.org/prep/standards/html_node/Errors.html (GNU error message format)
 */
export function formatFinding(f: Finding): string {
  let where = f.file;
  if (f.line !== undefined) {
    where += `:${f.line}`;
    if (f.column !== undefined) where += `:${f.column}`;
  }
  return `${where}: [${f.tool}] ${f.message}`;
}

/**
 * Order findings by file, then line, then column (positionless findings last within a file),
 * then tool and message. Returns a new array; the input is not changed. Never throws.
 * @see https://www.gnu.org/prep/standards/html_node/Errors.html
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const pos = (n: number | undefined): number => (n === undefined ? Number.MAX_SAFE_INTEGER : n);
  return [...findings].sort(
    (a, b) =>
      compareCodePoints(a.file, b.file) ||
      pos(a.line) - pos(b.line) ||
      pos(a.column) - pos(b.column) ||
      compareCodePoints(a.tool, b.tool) ||
      compareCodePoints(a.message, b.message),
  );
}
