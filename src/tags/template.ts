// The part of Handlebars that docker/metadata-action's tag, flavor, label and annotation lines use:
// `{{name}}` mustaches, helper calls with quoted, numeric or path arguments and `key=value` hash arguments
// (`{{date 'YYYYMMDD' tz='Asia/Tokyo'}}`), `{{{ }}}`/`{{& }}`, comments, `\{{` escapes and `~` whitespace control.
// metadata-action renders every line with `handlebars.compile(line)(context)` (src/meta.ts); blocks, partials
// and sub-expressions have no meaning in a tag and are rejected with a clear error instead of being evaluated.
// The lexing rules follow handlebars 4.7 (src/handlebars.l, lib/handlebars/compiler/whitespace-control.js);
// test/tags/template.test.ts compares this file with handlebars itself.

/** A value inside a mustache: a literal, or a path looked up in the template's data. */
export type TemplateValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null | undefined }
  | { readonly kind: 'path'; readonly original: string; readonly parts: readonly string[] };

/** One piece of a parsed template. */
export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'comment'; readonly stripLeft: boolean; readonly stripRight: boolean }
  | {
      readonly kind: 'mustache';
      /** The expression name (`date` in `{{date 'YYYY'}}`) as written. */
      readonly path: Extract<TemplateValue, { kind: 'path' }>;
      readonly params: readonly TemplateValue[];
      readonly hash: readonly (readonly [string, TemplateValue])[];
      /** `~` after the opening / before the closing braces. */
      readonly stripLeft: boolean;
      readonly stripRight: boolean;
    };

/** A template that does not parse, or uses a Handlebars feature tag lines do not support. */
export class TemplateSyntaxError extends Error {}

/** A mustache whose name is neither a helper nor a data key (Handlebars strict mode: `"name" not defined`). */
export class UnknownExpressionError extends Error {
  constructor(readonly expression: string) {
    super(`unknown expression "${expression}"`);
  }
}

/** A helper: called with the positional arguments and the hash (`tz='UTC'` → `{ tz: 'UTC' }`). */
export type TemplateHelper = (params: unknown[], hash: Record<string, unknown>) => string;

// Handlebars' ID: any run of characters but whitespace and !"#%&'()*+,./;<=>@[\]^`{|}~ (src/handlebars.l).
const ID = /^[^\s!"#%-,./;->@[-^`{-~]+/;
const LITERAL = /^(-?[0-9]+(?:\.[0-9]+)?|true|false|null|undefined)(?=[~}\s)])/;

/**
 * Parse a template into text, comments and mustaches. Whitespace control (`~`) is recorded, not applied.
 *
 * @throws {TemplateSyntaxError} on an unclosed mustache, a block (`{{#if}}`), partial, sub-expression, `@data`
 *   or `../` path, or any other syntax error; the message names the column (1-based).
 * @see https://handlebarsjs.com/guide/expressions.html
 */
export function parseTemplate(template: string): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open < 0) {
      nodes.push({ kind: 'text', text: template.slice(pos) });
      break;
    }
    let text = template.slice(pos, open);
    if (text.endsWith('\\') && !text.endsWith('\\\\')) {
      // `\{{`: the braces and what follows, up to the next `{{`, are text (Handlebars' "emu" state).
      const next = template.indexOf('{{', open + 2);
      let end = next < 0 ? template.length : next;
      if (next >= 0 && template[next - 1] === '\\') end = next - (template[next - 2] === '\\' ? 2 : 1);
      nodes.push({ kind: 'text', text: text.slice(0, -1) + template.slice(open, Math.max(end, open + 2)) });
      pos = Math.max(end, open + 2);
      continue;
    }
    if (text.endsWith('\\\\')) text = text.slice(0, -1);
    if (text !== '') nodes.push({ kind: 'text', text });
    pos = parseMustache(template, open, nodes);
  }
  return nodes;
}

function fail(message: string, column: number): never {
  throw new TemplateSyntaxError(`${message} at column ${column + 1}`);
}

/** Parse the mustache that opens at `open`; push it and return the index after its closing braces. */
function parseMustache(template: string, open: number, nodes: TemplateNode[]): number {
  let pos = open + 2;
  const stripLeft = template[pos] === '~';
  if (stripLeft) pos += 1;
  const sigil = template[pos];
  if (sigil === '!') {
    const long = template.startsWith('!--', pos);
    const close = long ? /--(~?)\}\}/g : /(~?)\}\}/g;
    close.lastIndex = pos;
    const found = close.exec(template);
    if (!found) fail('unclosed comment', open);
    nodes.push({ kind: 'comment', stripLeft, stripRight: found[1] === '~' });
    return found.index + found[0].length;
  }
  if (sigil !== undefined && '#/^>*'.includes(sigil))
    fail(`"{{${sigil}" (blocks, partials, decorators) is not supported in a tag line`, open);
  const triple = sigil === '{';
  if (triple || sigil === '&') pos += 1;
  const values: (TemplateValue | { kind: 'hash'; key: string; value: TemplateValue })[] = [];
  for (;;) {
    while (/\s/.test(template[pos] ?? '')) pos += 1;
    const rest = template.slice(pos);
    const close = /^(~?)\}\}(\}?)/.exec(rest);
    if (close) {
      if (triple !== (close[2] === '}')) fail(triple ? 'expected "}}}"' : 'unexpected "}"', pos);
      const [head, ...args] = values;
      if (head === undefined) fail('empty mustache', open);
      if (head.kind !== 'path') fail('a mustache must start with an expression name', open);
      const firstHash = args.findIndex((a) => a.kind === 'hash');
      const params = firstHash < 0 ? args : args.slice(0, firstHash);
      const hash = firstHash < 0 ? [] : args.slice(firstHash);
      if (hash.some((h) => h.kind !== 'hash')) fail('positional arguments must come before key=value arguments', open);
      nodes.push({
        kind: 'mustache',
        path: head,
        params: params as TemplateValue[],
        hash: hash.map((h) => [(h as { key: string }).key, (h as { value: TemplateValue }).value] as const),
        stripLeft,
        stripRight: close[1] === '~',
      });
      return pos + close[0].length;
    }
    if (rest === '') fail('unclosed "{{"', open);
    const key = /^([^\s!"#%-,./;->@[-^`{-~]+)\s*=/.exec(rest);
    if (key) {
      pos += key[0].length;
      while (/\s/.test(template[pos] ?? '')) pos += 1;
      const [value, next] = parseValue(template, pos);
      values.push({ kind: 'hash', key: key[1], value });
      pos = next;
      continue;
    }
    const [value, next] = parseValue(template, pos);
    values.push(value);
    pos = next;
  }
}

/** Parse one literal or path at `pos`; return it and the index after it. */
function parseValue(template: string, pos: number): [TemplateValue, number] {
  const rest = template.slice(pos);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const found = (quote === '"' ? /^"((?:\\"|[^"])*)"/ : /^'((?:\\'|[^'])*)'/).exec(rest);
    if (!found) fail('unterminated string', pos);
    return [{ kind: 'literal', value: found[1].replaceAll(`\\${quote}`, quote) }, pos + found[0].length];
  }
  const literal = LITERAL.exec(rest);
  if (literal) {
    const word = literal[1];
    const value =
      word === 'true'
        ? true
        : word === 'false'
          ? false
          : word === 'null'
            ? null
            : word === 'undefined'
              ? undefined
              : Number(word);
    return [{ kind: 'literal', value }, pos + word.length];
  }
  if (rest[0] === '(') fail('sub-expressions "(…)" are not supported in a tag line', pos);
  if (rest[0] === '@') fail('"@" data variables are not supported in a tag line', pos);
  // A path: segments (IDs, `[literal segments]`, a leading `this` or `.`) joined by "." or "/".
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const tail = rest.slice(at);
    if (tail.startsWith('..')) fail('"../" paths are not supported in a tag line', pos + at);
    if (at > 0 && LITERAL.test(tail))
      fail(`unexpected "${tail[0]}" (a path segment cannot be a number or literal; write [${tail[0]}…])`, pos + at);
    const dot = /^\.(?=[=~}\s/.)|])/.exec(tail);
    const segment = dot ?? (tail[0] === '[' ? /^\[((?:\\\]|[^\]])*)\]/.exec(tail) : ID.exec(tail));
    if (!segment) fail(`unexpected "${tail[0] ?? ''}"`, pos + at);
    const literal = tail[0] === '[';
    const name = literal ? segment[1].replaceAll('\\]', ']') : segment[0];
    // Handlebars drops a leading `this` / `.` and rejects one later in the path ("Invalid path").
    if (!literal && (name === 'this' || name === '.')) {
      if (parts.length > 0) fail(`invalid path segment "${name}"`, pos + at);
    } else parts.push(name);
    at += segment[0].length;
    if (rest[at] !== '.' && rest[at] !== '/') break;
    at += 1;
  }
  return [{ kind: 'path', original: rest.slice(0, at), parts }, pos + at];
}

/**
 * Apply `~` whitespace control and standalone comments to the text nodes, as Handlebars' WhitespaceControl does
 * for the root program (lib/handlebars/compiler/whitespace-control.js): `~` strips all whitespace on its side; a
 * comment with only whitespace around it on its line takes that line's indentation and line break with it.
 * Returns each node's text ('' for the others).
 */
function applyWhitespaceControl(nodes: readonly TemplateNode[]): string[] {
  const original = nodes.map((n) => (n.kind === 'text' ? n.text : undefined));
  const texts = [...original];
  const isPrevWhitespace = (i: number): boolean => {
    if (i === 0) return true;
    const prev = original[i - 1];
    if (prev === undefined) return false;
    return (i > 1 ? /\r?\n\s*?$/ : /(^|\r?\n)\s*?$/).test(prev);
  };
  const isNextWhitespace = (i: number): boolean => {
    if (i === nodes.length - 1) return true;
    const next = original[i + 1];
    if (next === undefined) return false;
    return (i < nodes.length - 2 ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(next);
  };
  // Handlebars' rightStripped / leftStripped flags: a standalone strip skips a side `~` already stripped.
  const flags = { right: new Map<number, boolean>(), left: new Map<number, boolean>() };
  const omit = (side: 'right' | 'left', at: number, pattern: RegExp, multiple: boolean) => {
    const text = texts[at];
    if (text === undefined || (!multiple && flags[side].get(at))) return;
    texts[at] = text.replace(pattern, '');
    flags[side].set(at, texts[at] !== text);
  };
  nodes.forEach((node, i) => {
    if (node.kind === 'text') return;
    if (node.stripRight) omit('right', i + 1, /^\s+/, true);
    if (node.stripLeft) omit('left', i - 1, /\s+$/, true);
    if (node.kind === 'comment' && isPrevWhitespace(i) && isNextWhitespace(i)) {
      omit('right', i + 1, /^[ \t]*\r?\n?/, false);
      omit('left', i - 1, /[ \t]+$/, false);
    }
  });
  return texts.map((t) => t ?? '');
}

/**
 * Handlebars' lookup: strict for a mustache's own path (every segment must exist), lenient for an argument's
 * last segment. A segment that exists only on the prototype (`constructor`) is `undefined`, as Handlebars denies
 * prototype access (lib/handlebars/internal/proto-access.js).
 */
function lookupPath(data: unknown, parts: readonly string[], original: string, strict: boolean): unknown {
  let value = data;
  for (const [i, part] of parts.entries()) {
    if (typeof value !== 'object' || value === null || !(part in value)) {
      if (strict || i < parts.length - 1) throw new UnknownExpressionError(original);
      return undefined;
    }
    value = Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function evaluate(value: TemplateValue, data: object): unknown {
  return value.kind === 'literal' ? value.value : lookupPath(data, value.parts, value.original, false);
}

/**
 * Render parsed nodes as Handlebars does with `{ strict: true, noEscape: true }`: a mustache whose name is a
 * helper calls it (a helper wins over a data key of the same name); otherwise it is a data path, which must
 * exist (arguments are an error then). Arguments that are paths resolve to `undefined` when their last segment is
 * missing, as in Handlebars. `null` and `undefined` render as "", anything else as `String(value)`.
 *
 * @throws {UnknownExpressionError} on a name that is neither a helper nor in `data`.
 * @throws {TemplateSyntaxError} on arguments given to a data path.
 * @see https://handlebarsjs.com/api-reference/compilation.html#handlebars-compile-template-options
 */
export function renderTemplate(
  nodes: readonly TemplateNode[],
  data: object,
  helpers: Readonly<Record<string, TemplateHelper>>,
): string {
  const texts = applyWhitespaceControl(nodes);
  let out = '';
  nodes.forEach((node, i) => {
    if (node.kind !== 'mustache') {
      out += texts[i];
      return;
    }
    const { path, params, hash } = node;
    const scoped = /^(\.|this\b)/.test(path.original);
    const helper =
      !scoped && path.parts.length === 1 && Object.hasOwn(helpers, path.parts[0]) ? helpers[path.parts[0]] : undefined;
    let result: unknown;
    if (helper !== undefined) {
      result = helper(
        params.map((p) => evaluate(p, data)),
        Object.fromEntries(hash.map(([key, value]) => [key, evaluate(value, data)])),
      );
    } else {
      if (params.length > 0 || hash.length > 0) {
        if (!scoped && path.parts.length === 1 && !Object.hasOwn(data, path.parts[0]))
          throw new UnknownExpressionError(path.original);
        throw new TemplateSyntaxError(`"${path.original}" is not a helper and takes no arguments`);
      }
      result = lookupPath(data, path.parts, path.original, true);
    }
    if (result !== null && result !== undefined) out += String(result);
  });
  return out;
}
