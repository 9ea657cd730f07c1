import { getBranchName, getPullRequestRef, getTagName, type EventContext } from './event-context.js';
import { formatMoment, isKnownTimeZone } from './moment-format.js';
import {
  parseTemplate,
  renderTemplate,
  UnknownExpressionError,
  type TemplateHelper,
  type TemplateNode,
} from './template.js';

/**
 * The global expressions that `value`, `prefix`, `suffix` and `enable` attributes, flavor prefix/suffix, labels
 * and annotations may use.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export const GLOBAL_EXPRESSIONS = [
  'branch',
  'tag',
  'sha',
  'base_ref',
  'is_default_branch',
  'is_not_default_branch',
  'date',
  'commit_date',
] as const;

/**
 * Default length of a short commit SHA (`type=sha`, `{{sha}}`).
 *
 * @see https://github.com/docker/metadata-action#environment-variables
 */
export const DEFAULT_SHORT_SHA_LENGTH = 7;

/**
 * What the expressions read: the event, the fixed "now" and the short-SHA length.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export interface ExpressionEnv {
  /** The event. */
  readonly context: EventContext;
  /** "Now", for `{{date}}`, and for `{{commit_date}}` when the context has no commit date. */
  readonly clock: Date;
  /** Length of `{{sha}}`; default {@link DEFAULT_SHORT_SHA_LENGTH}. */
  readonly shortShaLength?: number;
}

/**
 * Renders Handlebars templates (strict, no HTML escaping; the subset in template.ts) with the global expressions
 * as helpers.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export interface TemplateRenderer {
  /** Render a template that only sees the global expressions. */
  renderGlobal(template: string): string;
  /** Render a pattern whose own expressions (`{{major}}`…) come from `data`; global expressions are available too. */
  renderPattern(template: string, data: object): string;
}

/** Parsed templates, cached across events and calls, which keeps a config check over several probe events cheap. */
const parsedTemplates = new Map<string, TemplateNode[]>();

/**
 * Create a {@link TemplateRenderer} for one event. Templates render as Handlebars does in strict mode, so an
 * unknown expression (`{{brnach}}`) is an error rather than an empty string, and with `noEscape`, so `&` or `"`
 * stay as written. A line without `{{` is returned as it is.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export function createTemplateRenderer(env: ExpressionEnv): TemplateRenderer {
  const { context, clock } = env;
  const commitDate = parseCommitDate(context.commitDate) ?? clock;
  const shaLength = env.shortShaLength ?? DEFAULT_SHORT_SHA_LENGTH;
  const helpers: Record<(typeof GLOBAL_EXPRESSIONS)[number], TemplateHelper> = {
    branch: () => getBranchName(context.ref) ?? '',
    tag: () => getTagName(context.ref) ?? '',
    sha: () => shortenSha(context.sha, shaLength),
    base_ref: () =>
      getTagName(context.ref) !== undefined || getPullRequestRef(context.ref) !== undefined
        ? (context.baseRef ?? '')
        : '',
    is_default_branch: () => String(isDefaultBranch(context)),
    is_not_default_branch: () => String(!isDefaultBranch(context)),
    date: (params, hash) => renderDateHelper('date', clock, params, hash),
    commit_date: (params, hash) => renderDateHelper('commit_date', commitDate, params, hash),
  };
  const render = (template: string, data: object): string => {
    if (!template.includes('{{')) return template;
    try {
      let parsed = parsedTemplates.get(template);
      if (parsed === undefined) {
        parsed = parseTemplate(template);
        parsedTemplates.set(template, parsed);
      }
      return renderTemplate(parsed, data, helpers);
    } catch (error) {
      throw new Error(describeTemplateError(template, error as Error, Object.keys(data)));
    }
  };
  return {
    renderGlobal: (template) => render(template, {}),
    renderPattern: (template, data) => render(template, data),
  };
}

function describeTemplateError(template: string, error: Error, dataKeys: readonly string[]): string {
  if (error instanceof UnknownExpressionError) {
    const known = [...dataKeys, ...GLOBAL_EXPRESSIONS].join(', ');
    return `template "${template}" uses unknown expression "${error.expression}" (known: ${known})`;
  }
  return `template "${template}" cannot be rendered: ${error.message}`;
}

/**
 * `{{is_default_branch}}`: whether the event's branch is the payload's default branch. Always `true` on
 * `create`, `discussion*`, `issues*` and `schedule` events, which GitHub runs on the default branch; `false` for
 * tag and pull-request refs otherwise.
 *
 * @see https://github.com/docker/metadata-action#is_default_branch
 */
export function isDefaultBranch(context: EventContext): boolean {
  const branch = context.ref.replace(/^refs\/heads\//, '');
  if (branch === '') return false;
  if (context.defaultBranch !== undefined && context.defaultBranch === branch) return true;
  return ['create', 'discussion', 'issues', 'schedule'].some((name) => context.eventName.includes(name));
}

/**
 * The first `length` characters of a commit SHA (the whole SHA when it is not longer).
 *
 * @see https://github.com/docker/metadata-action#typesha
 */
export function shortenSha(sha: string, length: number = DEFAULT_SHORT_SHA_LENGTH): string {
  return length >= sha.length ? sha : sha.slice(0, length);
}

/**
 * Render a date with a moment.js format (`YYYYMMDD-HHmmss`) in an IANA time zone (default `UTC`), on Node's
 * time-zone data (moment-format.ts). An empty or `undefined` format is moment's default
 * (`YYYY-MM-DDTHH:mm:ss[Z]` at offset 0, `YYYY-MM-DDTHH:mm:ssZ` elsewhere).
 *
 * @throws {Error} on an unknown time zone, or the zone-name tokens `z`/`zz`.
 * @see https://github.com/docker/metadata-action#date-format-tztimezone
 */
export function formatDate(date: Date, format: string | undefined, timeZone = 'UTC'): string {
  if (!isKnownTimeZone(timeZone)) {
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA name such as UTC or Europe/Paris)`);
  }
  return formatMoment(date, format, timeZone);
}

/**
 * `{{date}}` / `{{commit_date}}`, as metadata-action evaluates them. metadata-action passes these as functions in
 * the template's context (docker/metadata-action src/meta.ts, `setGlobalExp` and `procSchedule`: `date: function
 * (format, options) { ... return m.tz(tz).format(format); }`), so an unquoted format (`{{date YYYYMMDD}}`) is a
 * Handlebars path that resolves to `undefined`, and moment formats with its default
 * (`YYYY-MM-DDTHH:mm:ss[Z]` in UTC, `YYYY-MM-DDTHH:mm:ssZ` elsewhere: moment src/lib/moment/format.js); its own
 * suite expects `{{commit_date YYYY-MM-DD-HHmmSS}}` → `2020-01-10T00-30-00Z` (__tests__/meta.test.ts, pr12).
 * A bare `{{date}}` fails there (no options hash) and is an error here.
 */
function renderDateHelper(name: string, date: Date, params: unknown[], hash: Record<string, unknown>): string {
  const [format] = params;
  if ((typeof format !== 'string' && format !== undefined) || params.length !== 1) {
    throw new Error(`{{${name}}} takes one quoted moment format, as in {{${name} 'YYYYMMDD'}}`);
  }
  let timeZone = 'UTC';
  for (const [key, value] of Object.entries(hash)) {
    if (key !== 'tz') throw new Error(`{{${name}}} has no "${key}" attribute (only tz='Zone')`);
    timeZone = String(value);
  }
  return formatDate(date, format as string | undefined, timeZone);
}

function parseCommitDate(iso: string | undefined): Date | undefined {
  if (iso === undefined || iso === '') return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`commit date "${iso}" is not an ISO 8601 timestamp`);
  return date;
}

/**
 * Whether a pattern is exactly `{{raw}}` (spaces allowed inside the braces): the one pattern a pre-release
 * keeps as written instead of falling back to `{{version}}`.
 *
 * @see https://github.com/docker/metadata-action#typesemver
 */
export function isRawStatement(pattern: string): boolean {
  const paths = [...listTemplatePaths(pattern, true)];
  return paths.length === 1 && paths[0] === 'raw';
}

/**
 * The expression names a template uses (`{{major}}.{{minor}}` → `major`, `minor`). With `onlyIfSingle`, returns
 * the name only when the template is one mustache statement and nothing else, and an empty set otherwise.
 * A template that does not parse gives an empty set.
 *
 * @see https://github.com/docker/metadata-action#major-version-zero
 */
export function listTemplatePaths(template: string, onlyIfSingle = false): Set<string> {
  const names = new Set<string>();
  let nodes: TemplateNode[];
  try {
    nodes = parseTemplate(template);
  } catch {
    return names;
  }
  if (onlyIfSingle && nodes.length !== 1) return names;
  for (const node of nodes) {
    if (node.kind !== 'mustache') {
      if (onlyIfSingle) return names;
      continue;
    }
    names.add(node.path.original);
  }
  return names;
}
