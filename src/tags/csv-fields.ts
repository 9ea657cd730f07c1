// The CSV reading docker/metadata-action applies to its input lines: csv-parse's `parse(line, { relaxColumnCount:
// true, skipEmptyLines: true })` (src/tag.ts, src/flavor.ts, src/image.ts), optionally with `trim: true`, for
// the default dialect (delimiter ",", quote and escape '"', record delimiter discovered as \r\n, \n or \r).
// A port of csv-parse 6 (lib/api/index.js) restricted to those options; test/tags/csv-fields.test.ts compares it
// with csv-parse itself, error messages included.

/** A line that is not valid CSV; the message is csv-parse's. */
export class CsvSyntaxError extends Error {}

// csv-parse's trimable characters (lib/api/init_state.js `timchars`).
const isTrimable = (c: string | undefined): boolean =>
  c === '\r' || c === '\n' || c === '\f' || c === ' ' || c === '\t';
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

/**
 * Split CSV text into records of fields, as csv-parse does with `relaxColumnCount` and `skipEmptyLines`.
 * With `trim`, whitespace around fields (and around quotes) is dropped.
 *
 * @throws {CsvSyntaxError} on a quote inside an unquoted field, text after a closing quote, or an unclosed quote.
 * @see https://csv.js.org/parse/options/
 */
export function parseCsvRecords(text: string, trim = false): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoting = false;
  let wasQuoting = false;
  let line = 1;
  let recordDelimiter: string | undefined;
  const recordDelimiterAt = (at: number): number => {
    if (recordDelimiter !== undefined) return text.startsWith(recordDelimiter, at) ? recordDelimiter.length : 0;
    // The first record delimiter seen is the only one from then on (csv-parse __autoDiscoverRecordDelimiter).
    recordDelimiter = RECORD_DELIMITERS.find((d) => text.startsWith(d, at));
    return recordDelimiter?.length ?? 0;
  };
  const endField = () => {
    record.push(trim && !wasQuoting ? field.trimEnd() : field);
    field = '';
    wasQuoting = false;
  };
  for (let pos = 0; pos < text.length; pos += 1) {
    const c = text[pos];
    if (quoting && c === '"' && text[pos + 1] === '"' && pos + 1 < text.length) {
      field += '"';
      pos += 1;
      continue;
    }
    if (c === '"') {
      if (quoting) {
        const next = text[pos + 1];
        if (next === undefined || next === ',' || recordDelimiterAt(pos + 1) > 0 || (trim && isTrimable(next))) {
          quoting = false;
          wasQuoting = true;
          continue;
        }
        throw new CsvSyntaxError(
          `Invalid Closing Quote: got "${next}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`,
        );
      }
      if (field.length !== 0) {
        throw new CsvSyntaxError(
          `Invalid Opening Quote: a quote is found on field ${record.length} at line ${line}, value is ${JSON.stringify(field)}`,
        );
      }
      quoting = true;
      continue;
    }
    if (!quoting) {
      const delimiterLength = recordDelimiterAt(pos);
      if (delimiterLength > 0) {
        if (!(!wasQuoting && record.length === 0 && field.length === 0)) {
          endField();
          records.push(record);
          record = [];
        }
        line += 1;
        pos += delimiterLength - 1;
        continue;
      }
      if (c === ',') {
        endField();
        continue;
      }
    }
    // With trim: whitespace before a field is skipped, and only whitespace may follow a closing quote.
    const leftAppend = !trim || quoting || field.length !== 0 || !isTrimable(c);
    const rightAppend = !trim || !wasQuoting;
    if (leftAppend && rightAppend) field += c;
    else if (!isTrimable(c))
      throw new CsvSyntaxError(`Invalid Closing Quote: found non trimable byte after quote at line ${line}`);
  }
  if (quoting)
    throw new CsvSyntaxError(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  if (wasQuoting || record.length !== 0 || field.length !== 0) {
    endField();
    records.push(record);
  }
  return records;
}
