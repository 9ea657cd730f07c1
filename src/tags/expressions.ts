import Handlebars from 'handlebars';
import { momentTimezone } from './lazy-dependencies.js';
import { getBranchName, getPullRequestRef, getTagName, type EventContext } from './event-context.js';

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
 * Renders Handlebars templates (strict, no HTML escaping) with the global expressions as helpers.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export interface TemplateRenderer {
  /** Render a template that only sees the global expressions. */
  renderGlobal(template: string): string;
  /** Render a pattern whose own expressions (`{{major}}`…) come from `data`; global expressions are available too. */
  renderPattern(template: string, data: object): string;
}

/** Per-render values the global-expression helpers read, passed through Handlebars' private `@data`. */
interface HelperEnv {
  readonly context: EventContext;
  readonly clock: Date;
  readonly commitDate: Date;
  readonly shaLength: number;
}

const DATA_KEY = 'dockyardEnv';

function envOf(args: unknown[]): HelperEnv {
  return ((args.at(-1) as Handlebars.HelperOptions).data as Record<string, HelperEnv>)[DATA_KEY];
}

/**
 * One Handlebars environment for every event, with the global expressions registered once; each render passes
 * its event through `@data`. Compiled templates are cached across events and calls, which keeps a config
 * check over several probe events cheap.
 */
const handlebars = Handlebars.create();
handlebars.registerHelper({
  branch: (...args: unknown[]) => getBranchName(envOf(args).context.ref) ?? '',
  tag: (...args: unknown[]) => getTagName(envOf(args).context.ref) ?? '',
  sha: (...args: unknown[]) => shortenSha(envOf(args).context.sha, envOf(args).shaLength),
  base_ref: (...args: unknown[]) => {
    const { context } = envOf(args);
    return getTagName(context.ref) !== undefined || getPullRequestRef(context.ref) !== undefined ? (context.baseRef ?? '') : '';
  },
  is_default_branch: (...args: unknown[]) => String(isDefaultBranch(envOf(args).context)),
  is_not_default_branch: (...args: unknown[]) => String(!isDefaultBranch(envOf(args).context)),
  date: (...args: unknown[]) => renderDateHelper('date', envOf(args).clock, args),
  commit_date: (...args: unknown[]) => renderDateHelper('commit_date', envOf(args).commitDate, args),
} satisfies Record<(typeof GLOBAL_EXPRESSIONS)[number], Handlebars.HelperDelegate>);
const compiledTemplates = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Create a {@link TemplateRenderer} for one event. Templates compile in strict mode, so an unknown expression
 * (`{{brnach}}`) is an error rather than an empty string, and with `noEscape`, so `&` or `"` stay as written.
 *
 * @see https://github.com/docker/metadata-action#global-expressions
 */
export function createTemplateRenderer(env: ExpressionEnv): TemplateRenderer {
  const { context, clock } = env;
  const helperEnv: HelperEnv = {
    context,
    clock,
    commitDate: parseCommitDate(context.commitDate) ?? clock,
    shaLength: env.shortShaLength ?? DEFAULT_SHORT_SHA_LENGTH,
  };
  const render = (template: string, data: object): string => {
    let compiled = compiledTemplates.get(template);
    if (compiled === undefined) {
      compiled = handlebars.compile(template, { noEscape: true, strict: true });
      compiledTemplates.set(template, compiled);
    }
    try {
      return compiled(data, { data: { [DATA_KEY]: helperEnv } });
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
  const unknown = /"([^"]+)" not defined/.exec(error.message);
  if (unknown) {
    const known = [...dataKeys, ...GLOBAL_EXPRESSIONS].join(', ');
    return `template "${template}" uses unknown expression "${unknown[1]}" (known: ${known})`;
  }
  return `template "${template}" cannot be rendered: ${error.message.split('\n')[0]}`;
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
 * Render a date with a moment.js format (`YYYYMMDD-HHmmss`) in an IANA time zone (default `UTC`). An empty or
 * `undefined` format is moment's default (`YYYY-MM-DDTHH:mm:ss[Z]` in UTC, `YYYY-MM-DDTHH:mm:ssZ` elsewhere).
 *
 * @throws {Error} on an unknown time zone.
 * @see https://github.com/docker/metadata-action#date-format-tztimezone
 */
export function formatDate(date: Date, format: string | undefined, timeZone = 'UTC'): string {
  if (momentTimezone().tz.zone(timeZone) === null) {
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA name such as UTC or Europe/Paris)`);
  }
  return momentTimezone()(date).tz(timeZone).format(format);
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
function renderDateHelper(name: string, date: Date, args: unknown[]): string {
  const options = args.pop() as Handlebars.HelperOptions;
  const [format] = args;
  if ((typeof format !== 'string' && format !== undefined) || args.length !== 1) {
    throw new Error(`{{${name}}} takes one quoted moment format, as in {{${name} 'YYYYMMDD'}}`);
  }
  let timeZone = 'UTC';
  for (const [key, value] of Object.entries(options.hash as Record<string, unknown>)) {
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
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parseWithoutProcessing(template);
  } catch {
    return names;
  }
  if (onlyIfSingle && program.body.length !== 1) return names;
  for (const statement of program.body) {
    if (statement.type !== 'MustacheStatement') {
      if (onlyIfSingle) return names;
      continue;
    }
    const path = (statement as hbs.AST.MustacheStatement).path;
    if (path.type === 'PathExpression') names.add((path as hbs.AST.PathExpression).original);
  }
  return names;
}
