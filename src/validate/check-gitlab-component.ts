/**
 * Checks for GitLab CI/CD component templates (`templates/<name>.yml`): a `spec:` header document, `---`, then
 * the pipeline. GitLab's CI JSON schema describes only the pipeline document, so the header is checked here
 * against the documented `spec:inputs` rules.
 *
 * @see https://docs.gitlab.com/ci/inputs/#define-input-parameters-with-specinputs
 * @see https://docs.gitlab.com/ci/yaml/#specinputs
 * @module
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { Finding } from './finding.js';

/** A component template split into its two documents (parsed). */
export interface ComponentDocuments {
  readonly header: unknown;
  readonly body: unknown;
}

/**
 * Split a two-document component template. `undefined` when the text is a single document (a plain CI file).
 *
 * @throws Error when there are more than two documents or a document does not parse.
 */
export function splitComponentTemplate(content: string): ComponentDocuments | undefined {
  const docs = parseAllDocuments(content);
  if (!Array.isArray(docs)) throw new Error('not YAML documents');
  if (docs.length === 1) return undefined;
  if (docs.length !== 2)
    throw new Error(`a component template has a header and a pipeline document, not ${docs.length} documents`);
  for (const d of docs) if (d.errors.length > 0) throw new Error(d.errors[0].message);
  return { header: docs[0].toJS(), body: docs[1].toJS() };
}

const INPUT_TYPES = ['string', 'number', 'boolean', 'array'] as const;
const INPUT_KEYS = new Set(['type', 'default', 'description', 'options', 'regex']);
/** Input names GitLab accepts (letters, digits, `-` and `_`). */
const INPUT_NAME = /^[A-Za-z0-9_-]+$/;
const INTERPOLATION = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesType(type: string, value: unknown): boolean {
  if (type === 'array') return Array.isArray(value);
  return typeof value === type;
}

/**
 * Check a component header (and its use in the body): only `spec.inputs`; per input only `type` (string, number,
 * boolean, array; default string), `default`, `description`, `options`, `regex`; the default has the declared
 * type, is one of the `options` and matches the `regex` (JavaScript RegExp standing in for GitLab's RE2);
 * `options` only on string/number inputs, `regex` only on string inputs; names are letters, digits, `-`, `_`;
 * every `$[[ inputs.x ]]` in the body names a declared input and every input is used. Pure; never throws.
 */
export function checkGitlabComponentSpec(documents: ComponentDocuments, fileName: string): Finding[] {
  const findings: Finding[] = [];
  const fail = (message: string): void =>
    void findings.push({ tool: 'gitlab-component-spec', file: fileName, severity: 'error', message });
  const { header } = documents;
  if (!isRecord(header) || !isRecord(header.spec)) {
    fail('the header document must be a mapping with a `spec:` mapping');
    return findings;
  }
  for (const key of Object.keys(header)) if (key !== 'spec') fail(`unknown header key \`${key}\` (only \`spec\`)`);
  for (const key of Object.keys(header.spec))
    if (key !== 'inputs' && key !== 'description') fail(`unknown key \`spec.${key}\``);
  const inputs = isRecord(header.spec.inputs) ? header.spec.inputs : {};
  for (const [name, raw] of Object.entries(inputs)) {
    const where = `spec.inputs.${name}`;
    if (!INPUT_NAME.test(name)) fail(`${where}: input names are letters, digits, "-" and "_"`);
    if (!isRecord(raw)) {
      fail(`${where}: must be a mapping`);
      continue;
    }
    for (const key of Object.keys(raw)) if (!INPUT_KEYS.has(key)) fail(`${where}: unknown key \`${key}\``);
    const type = raw.type ?? 'string';
    if (typeof type !== 'string' || !(INPUT_TYPES as readonly string[]).includes(type)) {
      fail(`${where}.type: must be one of ${INPUT_TYPES.join(', ')}`);
      continue;
    }
    if ('default' in raw && !matchesType(type, raw.default)) fail(`${where}.default: is not a ${type}`);
    if (raw.options !== undefined) {
      if (type !== 'string' && type !== 'number') fail(`${where}.options: only string and number inputs take options`);
      else if (!Array.isArray(raw.options) || raw.options.some((o) => !matchesType(type, o)))
        fail(`${where}.options: must be a list of ${type} values`);
      else if ('default' in raw && !raw.options.includes(raw.default))
        fail(`${where}.default: is not one of the options`);
    }
    if (raw.regex !== undefined) {
      if (type !== 'string') fail(`${where}.regex: only string inputs take a regex`);
      else if (typeof raw.regex !== 'string' || raw.regex.startsWith('/'))
        fail(`${where}.regex: must be a pattern string without enclosing slashes`);
      else if (typeof raw.default === 'string' && !new RegExp(raw.regex).test(raw.default))
        fail(`${where}.default: does not match the regex`);
    }
  }
  const used = new Set([...JSON.stringify(documents.body).matchAll(INTERPOLATION)].map((m) => m[1]));
  for (const name of used) if (!(name in inputs)) fail(`\`$[[ inputs.${name} ]]\` names no declared input`);
  for (const name of Object.keys(inputs)) if (!used.has(name)) fail(`spec.inputs.${name}: declared but never used`);
  return findings;
}

/**
 * gitlab-ci-local cannot fetch components offline: each `include: component:` entry of a caller naming a template
 * that is at hand (`.../<name>@<version>` with `templates/<name>.yml` among `files`, path to content) becomes
 * `include: local:` of that template, keeping its `inputs`, so gitlab-ci-local interpolates and validates it.
 *
 * @returns the rewritten CI file and the templates to place beside it, or `undefined` when no include matches.
 * @see https://docs.gitlab.com/ci/components/#use-a-component
 */
export function localizeComponentIncludes(
  parsed: unknown,
  files: Readonly<Record<string, string>>,
): { config: string; extraFiles: Record<string, string> } | undefined {
  if (!isRecord(parsed) || !Array.isArray(parsed.include)) return undefined;
  const extraFiles: Record<string, string> = {};
  const include = parsed.include.map((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.component !== 'string') return entry;
    const name = /\/([a-z0-9-]+)@[^/]+$/.exec(entry.component)?.[1];
    const path = `templates/${name}.yml`;
    if (name === undefined || files[path] === undefined) return entry;
    extraFiles[path] = files[path];
    const { component: _component, ...rest } = entry;
    return { local: path, ...rest };
  });
  return Object.keys(extraFiles).length === 0 ? undefined : { config: stringify({ ...parsed, include }), extraFiles };
}
