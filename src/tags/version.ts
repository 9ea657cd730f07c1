import type { ExplainEntry } from './explain.js';
import type { Flavor } from './flavor.js';
import { selectInputLines } from './input-lines.js';
import { MetaInputError, withInputContext } from './meta-error.js';
import { fixOciTag } from './oci-tag.js';
import { DEFAULT_TAG_PRIORITIES, formatTagLine, parseTagLine, validateTagRule, type TagRule } from './tag-rule.js';
import { resolveRuleValue, type RuleEnv } from './tag-values.js';

/**
 * The image version: the main tag, the other tags, and whether `latest` is added.
 *
 * @see https://github.com/docker/metadata-action#outputs
 */
export interface Version {
  /** The first tag by priority (the `version` output and label), or `null` when no rule produced a tag. */
  readonly main: string | null;
  /** The other tags, in priority order, without duplicates. */
  readonly partial: readonly string[];
  /** Whether the `latest` tag is added. */
  readonly latest: boolean;
}

/**
 * A tag rule ready to run: the rule, how to show it, and its effective priority.
 *
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export interface PlannedTagRule {
  /** The rule. */
  readonly rule: TagRule;
  /** The rule as written (the input line, or the typed rule formatted as a line). */
  readonly label: string;
  /** `priority` attribute or the type's default. */
  readonly priority: number;
}

/**
 * metadata-action's default rules, for an empty `tags` input.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export const DEFAULT_TAG_LINES = [
  'type=schedule',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
] as const;

/**
 * Parse (or validate) the `tags` input and order it by priority, highest first; rules of equal priority keep
 * their input order. An empty input means {@link DEFAULT_TAG_LINES}.
 *
 * @throws {MetaInputError} for a line or typed rule that is not a valid tag rule.
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export function planTagRules(tags: readonly (string | TagRule)[]): PlannedTagRule[] {
  const selected = selectInputLines(tags);
  const inputs = selected.length === 0 ? [...DEFAULT_TAG_LINES] : selected;
  const planned = inputs.map((input) => {
    const label = typeof input === 'string' ? input : safeFormat(input);
    const rule = withInputContext('tags', label, () =>
      typeof input === 'string' ? parseTagLine(input) : validateTagRule(input),
    );
    return { rule, label, priority: rule.priority ?? DEFAULT_TAG_PRIORITIES[rule.type] };
  });
  return planned.sort((a, b) => b.priority - a.priority);
}

function safeFormat(rule: TagRule): string {
  try {
    return formatTagLine(rule);
  } catch {
    return `type=${String(rule.type)}`;
  }
}

/**
 * What {@link computeVersion} needs beyond the rules.
 *
 * @see https://github.com/docker/metadata-action#latest-tag
 */
export interface VersionEnv extends RuleEnv {
  /** The flavor. */
  readonly flavor: Flavor;
}

/**
 * The outcome of {@link computeVersion}.
 *
 * @see https://github.com/docker/metadata-action#outputs
 */
export interface VersionOutcome {
  /** The version. */
  readonly version: Version;
  /** One entry per rule, in processing order. */
  readonly explain: ExplainEntry[];
  /** Warnings (non-matching versions, fixed or dropped tags, major-zero tags). */
  readonly warnings: string[];
}

/**
 * Run the planned rules in order. Each enabled rule that applies gives a value, wrapped in its prefix and suffix
 * (its own `prefix`/`suffix`, else the flavor's; `type=sha` defaults to `sha-`, `type=ref,event=pr` to `pr-`),
 * sanitised and fitted to the OCI tag grammar. The first value is the main version and the others are partial
 * tags; under `latest=auto` the first rule that gives a value decides `latest`.
 *
 * @throws {MetaInputError} when an `enable` renders to neither `true` nor `false`, or a template fails.
 * @see https://github.com/docker/metadata-action#latest-tag
 */
export function computeVersion(plan: readonly PlannedTagRule[], env: VersionEnv): VersionOutcome {
  let main: string | null = null;
  const partial: string[] = [];
  let latest: boolean | undefined;
  const explain: ExplainEntry[] = [];
  const warnings: string[] = [];
  for (const { rule, label, priority } of plan) {
    const note = (entry: Omit<ExplainEntry, 'rule' | 'priority'>): void => {
      explain.push({ rule: label, priority, ...entry });
    };
    const step = withInputContext('tags', label, () => {
      if (!isEnabled(rule, env)) return undefined;
      const resolved = resolveRuleValue(rule, env);
      return resolved.kind === 'skip' ? resolved : { ...resolved, value: applyAffixes(resolved.value, rule, env) };
    });
    if (step === undefined) {
      note({ outcome: 'disabled', reason: `enable=${rule.enable ?? 'true'} is false` });
      continue;
    }
    if (step.kind === 'skip') {
      if (step.warning) warnings.push(`${label}: ${step.warning}`);
      note({ outcome: 'skipped', reason: step.reason });
      continue;
    }
    warnings.push(...step.warnings.map((warning) => `${label}: ${warning}`));
    if (step.value === '') {
      note({ outcome: 'skipped', reason: 'the value is empty' });
      continue;
    }
    const fixed = fixOciTag(step.value);
    warnings.push(...fixed.changes.map((change) => `${label}: ${change}`));
    if (fixed.tag === undefined) {
      note({ outcome: 'skipped', reason: fixed.changes.join('; ') });
      continue;
    }
    const tag = fixed.tag;
    const details = [step.note, ...fixed.changes].filter((text) => text !== undefined).join('; ');
    const ruleLatest = env.flavor.latest === 'auto' ? step.latestAuto : env.flavor.latest === 'true';
    if (latest === undefined) latest = ruleLatest;
    if (main === null) {
      main = tag;
      note({ outcome: 'main', tag, reason: joinReason('first tag by priority: the version', details) });
    } else if (tag === main || partial.includes(tag)) {
      note({ outcome: 'duplicate', tag, reason: joinReason('an earlier rule already produced this tag', details) });
    } else {
      partial.push(tag);
      note({ outcome: 'partial', tag, reason: joinReason('additional tag', details) });
    }
  }
  return { version: { main, partial, latest: latest ?? false }, explain, warnings };
}

function joinReason(base: string, details: string): string {
  return details === '' ? base : `${base} (${details})`;
}

function isEnabled(rule: TagRule, env: RuleEnv): boolean {
  const enable = rule.enable ?? 'true';
  const rendered = env.render.renderGlobal(enable);
  if (rendered !== 'true' && rendered !== 'false') {
    throw new MetaInputError('tags', '', `enable="${enable}" renders to "${rendered}", expected true or false`);
  }
  return rendered === 'true';
}

/** The prefix a rule carries of its own: its `prefix` attribute, else `sha-` for sha and `pr-` for ref/pr. */
function getOwnPrefix(rule: TagRule): string | undefined {
  if (rule.prefix !== undefined) return rule.prefix;
  if (rule.type === 'sha') return 'sha-';
  if (rule.type === 'ref' && rule.attributes.event === 'pr') return 'pr-';
  return undefined;
}

function applyAffixes(value: string, rule: TagRule, env: VersionEnv): string {
  const prefix = getOwnPrefix(rule) ?? env.flavor.prefix;
  const suffix = rule.suffix ?? env.flavor.suffix;
  return `${env.render.renderGlobal(prefix)}${value}${env.render.renderGlobal(suffix)}`;
}

/**
 * The `latest` tag: `latest`, with the flavor prefix and suffix when their `onlatest` is `true`, fitted to the
 * OCI tag grammar. Unlike metadata-action, expressions in the flavor prefix/suffix are rendered here too.
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export function renderLatestTag(env: VersionEnv): { tag: string | undefined; changes: readonly string[] } {
  const { flavor, render } = env;
  const prefix = flavor.prefixLatest ? render.renderGlobal(flavor.prefix) : '';
  const suffix = flavor.suffixLatest ? render.renderGlobal(flavor.suffix) : '';
  return fixOciTag(`${prefix}latest${suffix}`);
}
