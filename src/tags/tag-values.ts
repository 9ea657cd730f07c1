import { pep440Lib, semverLib } from './lazy-dependencies.js';
import { getBranchName, getPullRequestRef, getTagName, type EventContext } from './event-context.js';
import { isRawStatement, listTemplatePaths, shortenSha, type TemplateRenderer } from './expressions.js';
import type { TagRule } from './tag-rule.js';

/**
 * What one tag rule gives before prefix, suffix and sanitising: a value, or the reason it does not apply.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export type RuleValue =
  | {
      readonly kind: 'value';
      /** The bare value (`1.2`, `dev`, `860c190`). */
      readonly value: string;
      /** Whether this rule asks for `latest` under `latest=auto`. */
      readonly latestAuto: boolean;
      /** Something worth telling about how the value came about. */
      readonly note?: string;
      /** Warnings to surface (a `0` major tag…). */
      readonly warnings: readonly string[];
    }
  | {
      readonly kind: 'skip';
      /** Why the rule gives no tag. */
      readonly reason: string;
      /** A warning to surface as well, when the skip probably is a mistake. */
      readonly warning?: string;
    };

/**
 * What the rules read.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export interface RuleEnv {
  /** The event. */
  readonly context: EventContext;
  /** Template renderer for the event. */
  readonly render: TemplateRenderer;
  /** Length of `type=sha,format=short` values. */
  readonly shortShaLength: number;
}

const skip = (reason: string, warning?: string): RuleValue => ({
  kind: 'skip',
  reason,
  ...(warning ? { warning } : {}),
});
const value = (v: string, latestAuto: boolean, note?: string, warnings: readonly string[] = []): RuleValue => ({
  kind: 'value',
  value: v,
  latestAuto,
  warnings,
  ...(note ? { note } : {}),
});

/**
 * Work out the value one tag rule gives for the event, following metadata-action's rules for each type.
 *
 * @throws {Error} on a template that does not render or a regular expression that does not compile.
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function resolveRuleValue(rule: TagRule, env: RuleEnv): RuleValue {
  const { context, render } = env;
  const attrs = rule.attributes;
  switch (rule.type) {
    case 'schedule':
      if (!context.eventName.includes('schedule')) return skip(`event "${context.eventName}" is not a schedule`);
      return value(render.renderGlobal(attrs.pattern ?? 'nightly'), false);
    case 'semver':
      return resolveSemver(rule, env);
    case 'pep440':
      return resolvePep440(rule, env);
    case 'match':
      return resolveMatch(rule, env);
    case 'edge': {
      const branch = getBranchName(context.ref);
      if (branch === undefined) return skip(`ref "${context.ref}" is not a branch`);
      const wanted = attrs.branch || context.repo.defaultBranch;
      if (branch !== wanted) return skip(`branch "${branch}" is not the edge branch "${wanted}"`);
      return value('edge', false);
    }
    case 'ref':
      return resolveRef(attrs.event ?? '', context);
    case 'raw':
      return value(render.renderGlobal(attrs.value ?? ''), false);
    case 'sha':
      if (context.sha === '') return skip('the event has no commit SHA');
      return value(attrs.format === 'long' ? context.sha : shortenSha(context.sha, env.shortShaLength), false);
  }
}

function resolveRef(event: string, context: EventContext): RuleValue {
  const { ref } = context;
  const name =
    event === 'branch'
      ? getBranchName(ref)
      : event === 'tag'
        ? getTagName(ref)
        : event === 'pr'
          ? getPullRequestRef(ref)
          : undefined;
  if (name === undefined)
    return skip(`ref "${ref || '(none)'}" is not a ${event === 'pr' ? 'pull request' : event} ref`);
  return value(name, event === 'tag');
}

/** The version text of a semver/pep440/match rule: its `value` attribute, or the tag name of a tag ref. */
function readVersionSource(rule: TagRule, env: RuleEnv): string | undefined {
  const given = rule.attributes.value ?? '';
  return given !== '' ? env.render.renderGlobal(given) : getTagName(env.context.ref);
}

function compileRegExp(source: string, flags: string | undefined, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new Error(`${what} "${source}" is not a valid regular expression: ${(error as Error).message}`);
  }
}

/** Apply a semver/pep440 `match` attribute: keep its first group (or the whole match); no match keeps the input. */
function applyMatch(source: string, match: string | undefined): { candidate: string; warning?: string } {
  if (match === undefined || match === '') return { candidate: source };
  const found = source.match(compileRegExp(match, undefined, 'match'));
  if (!found)
    return { candidate: source, warning: `match "${match}" does not match "${source}"; using "${source}" as is` };
  return { candidate: found[1] ?? found[0] };
}

const NO_VERSION = 'not a tag ref (refs/tags/…) and no value attribute';

function resolveSemver(rule: TagRule, env: RuleEnv): RuleValue {
  const source = readVersionSource(rule, env);
  if (source === undefined) return skip(NO_VERSION);
  const { candidate, warning } = applyMatch(source, rule.attributes.match);
  const raw = candidate.replaceAll('/', '-');
  if (semverLib().valid(raw) === null) {
    const why = `"${raw}" is not a valid semver (https://semver.org/)`;
    return skip(why, warning ?? why);
  }
  const parsed = semverLib().parse(raw, { loose: true })!;
  const data = {
    raw: parsed.raw,
    version: parsed.version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease,
    build: parsed.build,
  };
  const pattern = rule.attributes.pattern ?? '';
  if (semverLib().prerelease(raw) !== null) {
    if (isRawStatement(pattern))
      return value(env.render.renderPattern(pattern, data), false, `pre-release ${raw} is kept raw`);
    const note = `pre-release ${parsed.version} only gets {{version}}, and no latest`;
    return value(env.render.renderPattern('{{version}}', data), false, note);
  }
  return value(
    env.render.renderPattern(pattern, data),
    true,
    undefined,
    listMajorZeroWarnings(rule, parsed.major, raw),
  );
}

function resolvePep440(rule: TagRule, env: RuleEnv): RuleValue {
  const source = readVersionSource(rule, env);
  if (source === undefined) return skip(NO_VERSION);
  const { candidate, warning } = applyMatch(source, rule.attributes.match);
  const raw = candidate.replaceAll('/', '-');
  const explained = pep440Lib().valid(raw) === null ? null : pep440Lib().explain(raw);
  if (explained === null) {
    const why = `"${raw}" does not conform to PEP 440 (https://peps.python.org/pep-0440/)`;
    return skip(why, warning ?? why);
  }
  const pattern = rule.attributes.pattern ?? '';
  const clean = pep440Lib().clean(raw) ?? raw;
  if (explained.is_prerelease || explained.is_postrelease || explained.is_devrelease) {
    if (isRawStatement(pattern)) return value(raw, false, `pre/post/dev release ${raw} is kept raw`);
    return value(clean, false, `pre/post/dev release ${clean} only gets {{version}}, and no latest`);
  }
  const major = pep440Lib().major(raw);
  const data = { raw, version: clean, major, minor: pep440Lib().minor(raw), patch: pep440Lib().patch(raw) };
  return value(env.render.renderPattern(pattern, data), true, undefined, listMajorZeroWarnings(rule, major, raw));
}

function resolveMatch(rule: TagRule, env: RuleEnv): RuleValue {
  const source = readVersionSource(rule, env);
  if (source === undefined) return skip(NO_VERSION);
  const pattern = rule.attributes.pattern ?? '';
  const literal = /^\/(.+)\/(.*)$/.exec(pattern);
  const regexp = literal
    ? compileRegExp(literal[1]!, literal[2], 'pattern')
    : compileRegExp(pattern, undefined, 'pattern');
  const found = source.match(regexp);
  if (!found) {
    const why = `pattern "${pattern}" does not match "${source}"`;
    return skip(why, why);
  }
  const group = rule.attributes.group ?? '0';
  const picked = found[Number(group)];
  if (picked === undefined) {
    const why = `group ${group} does not exist for pattern "${pattern}" on "${source}"`;
    return skip(why, why);
  }
  return value(picked, true);
}

/** Version parts that, beside `{{major}}`, make a pattern specific enough not to float across 0.y.z releases. */
const SPECIFIC_PARTS = ['minor', 'patch', 'version', 'raw', 'prerelease', 'build'];

/**
 * A warning when a pattern renders only the major version and that major is 0: the `0` tag would move with every
 * 0.y.z release, whose API may break at any time.
 *
 * @see https://github.com/docker/metadata-action#major-version-zero
 */
function listMajorZeroWarnings(rule: TagRule, major: number, raw: string): string[] {
  const parts = listTemplatePaths(rule.attributes.pattern ?? '');
  if (major !== 0 || !parts.has('major') || SPECIFIC_PARTS.some((part) => parts.has(part))) return [];
  return [
    `pattern "${rule.attributes.pattern}" publishes a major-zero tag for ${raw}: it moves with every 0.y.z release, ` +
      'which may break the API; add enable=false for 0.x versions or use {{major}}.{{minor}} ' +
      '(see https://github.com/docker/metadata-action#major-version-zero)',
  ];
}
