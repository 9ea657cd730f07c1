/**
 * Validate parsed pipeline objects against a JSON Schema (draft-07) with Ajv, e.g. SchemaStore's
 * `github-workflow.json` or GitLab's `ci.json`.
 *
 * @module
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type Document, isMap, isNode, LineCounter, parseDocument } from 'yaml';
import type { Finding } from './finding.js';

/**
 * Validates one parsed document: `(obj, fileName, source?) => Finding[]`; see
 * {@link createSchemaChecker}. Never throws for any `obj`.
 * @see https://ajv.js.org/api.html#validation-errors
 */
export type SchemaChecker = (obj: unknown, fileName: string, source?: string) => Finding[];

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the
// module object, so take `.default` when it is there.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One-line description of an Ajv error: `<label>: <path> <message>[: detail]`. */
function describe(err: ErrorObject, label: string): string {
  const where = err.instancePath === '' ? '(root)' : err.instancePath;
  let detail = '';
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') detail = `: '${String(params.additionalProperty)}'`;
  else if (err.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    detail = `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${label}: ${where} ${err.message ?? err.keyword}${detail}`;
}

interface ParsedSource {
  doc: Document;
  lineCounter: LineCounter;
}

function parseSource(source: string): ParsedSource {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(source, { lineCounter }), lineCounter };
}

/** 1-based line/column of the YAML node an Ajv error points at. */
function locate({ doc, lineCounter }: ParsedSource, err: ErrorObject): { line?: number; column?: number } {
  const path = decodePointer(err.instancePath);
  let node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const extra = (err.params as Record<string, unknown>).additionalProperty;
  if (err.keyword === 'additionalProperties' && isMap(node)) {
    const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === extra);
    if (pair !== undefined) node = pair.key;
  }
  const offset = isNode(node) ? node.range?.[0] : undefined;
  if (offset === undefined) return {};
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Compile `schema` once and return a checker for parsed documents.
 *
 * Ajv settings: draft-07 (Ajv's default draft), `strict: false` (so vendor keywords such as
 * GitLab's `markdownDescription` are ignored), `allErrors: true`, formats from `ajv-formats`
 * (uri, uri-reference, date-time, regex, …).
 *
 * The checker returns one `error` finding (tool `json-schema`) per distinct Ajv error, with
 * message `<label>: <instancePath or (root)> <ajv message>[: offending property / allowed values]`,
 * for example `github-workflow: /jobs/build must have required property 'runs-on'`; `[]` when the
 * object is valid. When the YAML `source` text is passed as third argument, findings also get the
 * 1-based `line`/`column` of the offending node (of the key, for unknown properties).
 *
 * @param schema - a draft-07 JSON Schema object (no external `$ref`s are fetched).
 * @param label - names the schema in messages, e.g. `'github-workflow'` or `'gitlab-ci'`.
 * @throws Error from Ajv when `schema` itself does not compile.
 * @see https://ajv.js.org/api.html
 * @see https://json-schema.org/draft-07
 */
export function createSchemaChecker(schema: object, label: string): SchemaChecker {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (obj, fileName, source) => {
    if (validate(obj)) return [];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const parsed = source === undefined ? undefined : parseSource(source);
    for (const err of validate.errors ?? []) {
      const message = describe(err, label);
      if (seen.has(message)) continue;
      seen.add(message);
      const pos = parsed === undefined ? {} : locate(parsed, err);
      findings.push({ tool: 'json-schema', file: fileName, ...pos, severity: 'error', message });
    }
    return findings;
  };
}
