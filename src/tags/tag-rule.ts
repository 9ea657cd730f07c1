import { parseCsvRecords } from './csv-fields.js';

/**
 * The tag types of docker/metadata-action's `tags` input, in the order of their default priority
 * (highest first).
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export const TAG_TYPES = ['schedule', 'semver', 'pep440', 'match', 'edge', 'ref', 'raw', 'sha'] as const;

/** One of {@link TAG_TYPES}. */
export type TagType = (typeof TAG_TYPES)[number];

/** The `event` attribute values of a `type=ref` tag. */
export const REF_EVENTS = ['branch', 'tag', 'pr'] as const;

/** The `format` attribute values of a `type=sha` tag. */
export const SHA_FORMATS = ['short', 'long'] as const;

/**
 * Default priority of each tag type (and of each `ref` event). A higher priority sorts first, and the first
 * tag by priority decides `latest=auto`.
 *
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export const DEFAULT_TAG_PRIORITIES: Readonly<Record<TagType, number>> = {
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};

/** The attributes each tag type accepts besides `type`, `enable`, `priority`, `prefix` and `suffix`. */
export const TAG_TYPE_ATTRIBUTES: Readonly<Record<TagType, readonly string[]>> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
};

/** Attributes every tag type accepts. */
export const COMMON_TAG_ATTRIBUTES = ['type', 'enable', 'priority', 'prefix', 'suffix'] as const;

/** The attributes a tag type cannot do without. */
const REQUIRED_TAG_ATTRIBUTES: Readonly<Partial<Record<TagType, readonly string[]>>> = {
  semver: ['pattern'],
  pep440: ['pattern'],
  match: ['pattern'],
  ref: ['event'],
  raw: ['value'],
};

/**
 * A tag rule in typed form: the same information as one line of metadata-action's `tags` input.
 * `attributes` holds the type-specific attributes as strings, exactly as they would appear in the line
 * (`pattern`, `value`, `match`, `group`, `branch`, `event`, `format`).
 */
export interface TagRule {
  /** The tag type. */
  readonly type: TagType;
  /** Type-specific attributes, as strings. */
  readonly attributes: Readonly<Record<string, string>>;
  /** `enable` attribute: `"true"`, `"false"` or an expression such as `{{is_default_branch}}`. Default `"true"`. */
  readonly enable?: string;
  /** `priority` attribute (an integer); default {@link DEFAULT_TAG_PRIORITIES}. */
  readonly priority?: number;
  /** `prefix` attribute; default empty (`sha-` for `type=sha`, `pr-` for `type=ref,event=pr`). */
  readonly prefix?: string;
  /** `suffix` attribute; default empty. */
  readonly suffix?: string;
}

/** A problem found in a tag line or typed tag object. */
export class TagRuleError extends Error {
  constructor(
    message: string,
    /** What a valid value looks like. */
    readonly expected: string,
  ) {
    super(message);
    this.name = 'TagRuleError';
  }
}

/**
 * Parse one line of metadata-action's `tags` input (`type=semver,pattern={{version}}`) into a {@link TagRule}.
 * Fields are comma-separated `key=value` pairs (CSV quoting applies); a field without `=` is the `value`
 * attribute and a line without `type` is `type=raw`, as in metadata-action. Unlike metadata-action, unknown attributes are rejected so that typos surface.
 *
 * @throws {TagRuleError} on an unknown type, unknown attribute, missing required attribute or bad value.
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function parseTagLine(line: string): TagRule {
  const trimmed = line.trim();
  if (trimmed === '') {
    throw new TagRuleError('empty tag line', 'a line such as "type=ref,event=branch"');
  }
  let fields: string[];
  try {
    fields = parseCsvRecords(trimmed, true).flat();
  } catch (error) {
    throw new TagRuleError(
      `cannot split tag line into fields: ${(error as Error).message}`,
      'comma-separated key=value fields',
    );
  }
  const attrs: Record<string, string> = {};
  for (const field of fields) {
    const eq = field.indexOf('=');
    // As in metadata-action, a field without `=` is the rule's value (`type=raw,my-tag`).
    const key = eq < 0 ? 'value' : field.slice(0, eq).trim().toLowerCase();
    if (key in attrs) {
      throw new TagRuleError(`attribute "${key}" is given twice`, 'each attribute at most once');
    }
    attrs[key] = (eq < 0 ? field : field.slice(eq + 1)).trim();
  }
  const type = (attrs.type ?? 'raw') as TagType;
  delete attrs.type;
  const { enable, priority, prefix, suffix, ...rest } = attrs;
  return validateTagRule({
    type,
    attributes: rest,
    ...(enable !== undefined ? { enable } : {}),
    ...(priority !== undefined ? { priority: parsePriority(priority) } : {}),
    ...(prefix !== undefined ? { prefix } : {}),
    ...(suffix !== undefined ? { suffix } : {}),
  });
}

function parsePriority(raw: string): number {
  if (!/^-?\d+$/.test(raw)) {
    throw new TagRuleError(`priority "${raw}" is not an integer`, 'an integer such as 200');
  }
  return Number(raw);
}

/**
 * Check a {@link TagRule}: known type, only the attributes that type accepts, required attributes present,
 * enumerated attributes (`event`, `format`) valid and `group` numeric.
 *
 * @returns the same rule, for chaining.
 * @throws {TagRuleError} describing the first problem found.
 */
export function validateTagRule(rule: TagRule): TagRule {
  if (!(TAG_TYPES as readonly string[]).includes(rule.type)) {
    throw new TagRuleError(`unknown tag type "${rule.type}"`, `one of ${TAG_TYPES.join(', ')}`);
  }
  const allowed = TAG_TYPE_ATTRIBUTES[rule.type];
  for (const key of Object.keys(rule.attributes)) {
    if (!allowed.includes(key)) {
      const all = [...allowed, ...COMMON_TAG_ATTRIBUTES.filter((a) => a !== 'type')];
      throw new TagRuleError(`unknown attribute "${key}" for type=${rule.type}`, `one of ${all.join(', ')}`);
    }
  }
  for (const key of REQUIRED_TAG_ATTRIBUTES[rule.type] ?? []) {
    if (rule.attributes[key] === undefined || rule.attributes[key] === '') {
      throw new TagRuleError(
        `type=${rule.type} needs the "${key}" attribute`,
        `${key}=… (see metadata-action's tags input)`,
      );
    }
  }
  if (rule.enable !== undefined && !rule.enable.includes('{{') && !/^(true|false)$/i.test(rule.enable.trim())) {
    throw new TagRuleError(
      `enable "${rule.enable}" is neither true nor false`,
      'enable=true, enable=false or an expression such as {{is_default_branch}}',
    );
  }
  const { event, format, group } = rule.attributes;
  if (rule.type === 'ref' && !(REF_EVENTS as readonly string[]).includes(event ?? '')) {
    throw new TagRuleError(`unknown ref event "${event}"`, `event=${REF_EVENTS.join('|')}`);
  }
  if (rule.type === 'sha' && format !== undefined && !(SHA_FORMATS as readonly string[]).includes(format)) {
    throw new TagRuleError(`unknown sha format "${format}"`, `format=${SHA_FORMATS.join('|')}`);
  }
  if (rule.type === 'match' && group !== undefined && !/^\d+$/.test(group)) {
    throw new TagRuleError(`group "${group}" is not a number`, 'group=0, group=1, …');
  }
  return rule;
}

/**
 * Render a {@link TagRule} back to one metadata-action `tags` line, attributes in a stable order.
 * Values containing a comma or a double quote are CSV-quoted.
 */
export function formatTagLine(rule: TagRule): string {
  const parts: Array<[string, string]> = [['type', rule.type]];
  for (const key of TAG_TYPE_ATTRIBUTES[rule.type]) {
    const value = rule.attributes[key];
    if (value !== undefined) parts.push([key, value]);
  }
  if (rule.prefix !== undefined) parts.push(['prefix', rule.prefix]);
  if (rule.suffix !== undefined) parts.push(['suffix', rule.suffix]);
  if (rule.enable !== undefined) parts.push(['enable', rule.enable]);
  if (rule.priority !== undefined) parts.push(['priority', String(rule.priority)]);
  return parts.map(([k, v]) => quoteCsvField(`${k}=${v}`)).join(',');
}

function quoteCsvField(field: string): string {
  return /[",]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
