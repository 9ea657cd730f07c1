import { parseCsvRecords } from './csv-fields.js';

/**
 * The meaningful lines of a multi-line input, as metadata-action reads them: each line trimmed, empty lines and
 * whole-line `#` comments dropped.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export function selectInputLines<T>(lines: readonly (string | T)[]): (string | T)[] {
  return lines
    .map((line) => (typeof line === 'string' ? line.trim() : line))
    .filter((line) => typeof line !== 'string' || (line !== '' && !line.startsWith('#')));
}

/**
 * Split one input line into its comma-separated fields (CSV quoting applies: `"pattern=a,b",group=1`), each
 * field trimmed.
 *
 * @throws {import('./csv-fields.js').CsvSyntaxError} when the line is not valid CSV (an unterminated quote…).
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function splitCsvFields(line: string): string[] {
  return parseCsvRecords(line)
    .flat()
    .map((field) => field.trim());
}

/**
 * Split a `key=value` field at its first `=`: the key trimmed and lower-cased, the value trimmed. A field without
 * `=` gives `undefined`.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function splitKeyValue(field: string): { key: string; value: string } | undefined {
  const eq = field.indexOf('=');
  if (eq < 0) return undefined;
  return { key: field.slice(0, eq).trim().toLowerCase(), value: field.slice(eq + 1).trim() };
}
