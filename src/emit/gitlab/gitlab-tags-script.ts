import type { TagStrategy } from '../../model/pipeline.js';
import { DEFAULT_TAG_PRIORITIES, type TagRule } from '../../tags/tag-rule.js';

/**
 * Why a tag rule cannot (yet) be computed by the GitLab pipeline's POSIX sh, or undefined when it can.
 * Supported: `ref` (branch, tag, pr), `sha`, `edge`, `raw` and `schedule` with literal values, `semver` with
 * `{{version}}`, `{{major}}`, `{{minor}}`, `{{patch}}`, `{{raw}}`; `enable` true/false/`{{is_default_branch}}`/
 * `{{is_not_default_branch}}`.
 */
export function gitlabTagRuleProblem(rule: TagRule): string | undefined {
  if (rule.type === 'pep440' || rule.type === 'match') return `type=${rule.type} is not supported on GitLab yet`;
  const enable = rule.enable ?? 'true';
  if (!['true', 'false', '{{is_default_branch}}', '{{is_not_default_branch}}'].includes(enable)) {
    return `enable=${enable} is not supported on GitLab yet (use true, false, {{is_default_branch}} or {{is_not_default_branch}})`;
  }
  const literal = [rule.prefix, rule.suffix, rule.type === 'semver' ? undefined : rule.attributes.value, rule.type === 'schedule' ? rule.attributes.pattern : undefined];
  if (literal.some((v) => v?.includes('{{'))) return 'expressions in values, patterns, prefixes and suffixes are not supported on GitLab yet';
  if (rule.type === 'semver') {
    const rest = (rule.attributes.pattern ?? '').replace(/\{\{\s*(version|major|minor|patch|raw)\s*\}\}/g, '');
    if (rest.includes('{{')) return `semver pattern ${rule.attributes.pattern} is not supported on GitLab yet`;
    if (rule.attributes.value !== undefined || rule.attributes.match !== undefined) return 'semver value/match attributes are not supported on GitLab yet';
  }
  return undefined;
}

/** A POSIX sh function splitting a git tag into semver parts (sv_version, sv_major, sv_minor, sv_patch, sv_pre). */
const SEMVER_FUNCTION = [
  'parse_semver() {',
  '  sv_version=$(printf \'%s\' "$1" | sed -n \'s/^[vV=]*\\([0-9][0-9]*\\.[0-9][0-9]*\\.[0-9][0-9]*\\(-[0-9A-Za-z.-]*\\)\\{0,1\\}\\)\\(+[0-9A-Za-z.-]*\\)\\{0,1\\}$/\\1/p\')',
  '  [ -n "$sv_version" ] || return 1',
  '  sv_major=${sv_version%%.*}; sv_rest=${sv_version#*.}',
  '  sv_minor=${sv_rest%%.*}; sv_patch=${sv_rest#*.}; sv_patch=${sv_patch%%-*}',
  '  case $sv_version in *-*) sv_pre=${sv_version#*-} ;; *) sv_pre="" ;; esac',
  '  export sv_version sv_major sv_minor sv_patch sv_pre',
  '}',
];

/** Single-quote a literal for sh. */
function q(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

const ENABLE: Record<string, string | undefined> = {
  true: undefined,
  false: 'false',
  '{{is_default_branch}}': 'is_default_branch',
  '{{is_not_default_branch}}': '! is_default_branch',
};

function ruleBody(rule: TagRule): string[] {
  const pre = q(rule.prefix ?? (rule.type === 'sha' ? 'sha-' : rule.type === 'ref' && rule.attributes.event === 'pr' ? 'pr-' : ''));
  const suf = q(rule.suffix ?? '');
  const own = rule.prefix !== undefined || rule.suffix !== undefined || rule.type === 'sha' || rule.type === 'ref' && rule.attributes.event === 'pr';
  const add = (value: string, latest = 'false') => `add_tag ${pre} ${value} ${suf} ${own ? 1 : 0} ${latest}`;
  switch (rule.type) {
    case 'ref':
      if (rule.attributes.event === 'branch') return ['if [ -n "${CI_COMMIT_BRANCH:-}" ]; then', `  ${add('"$CI_COMMIT_BRANCH"')}`, 'fi'];
      if (rule.attributes.event === 'tag') return ['if [ -n "${CI_COMMIT_TAG:-}" ]; then', `  ${add('"$CI_COMMIT_TAG"', 'true')}`, 'fi'];
      return ['if [ -n "${CI_MERGE_REQUEST_IID:-}" ]; then', `  ${add('"$CI_MERGE_REQUEST_IID"')}`, 'fi'];
    case 'sha':
      return [add(rule.attributes.format === 'long' ? '"$CI_COMMIT_SHA"' : '"$(printf \'%s\' "$CI_COMMIT_SHA" | cut -c1-7)"')];
    case 'raw':
      return [add(q(rule.attributes.value ?? ''))];
    case 'schedule':
      return ['if [ "${CI_PIPELINE_SOURCE:-}" = schedule ]; then', `  ${add(q(rule.attributes.pattern ?? 'nightly'))}`, 'fi'];
    case 'edge': {
      const branch = rule.attributes.branch ? q(rule.attributes.branch) : '"${CI_DEFAULT_BRANCH:-}"';
      return [`if [ -n "\${CI_COMMIT_BRANCH:-}" ] && [ "$CI_COMMIT_BRANCH" = ${branch} ]; then`, `  ${add("'edge'")}`, 'fi'];
    }
    case 'semver': {
      const pattern = rule.attributes.pattern ?? '{{version}}';
      const expr = pattern.replace(/\{\{\s*(version|major|minor|patch|raw)\s*\}\}/g, (_, name: string) => (name === 'raw' ? '${CI_COMMIT_TAG}' : `\${sv_${name}}`));
      return [
        'if parse_semver "${CI_COMMIT_TAG:-}"; then',
        `  if [ -n "$sv_pre" ]; then ${add('"$sv_version"', 'false')}; else ${add(`"${expr.replaceAll('"', '\\"')}"`, 'true')}; fi`,
        'fi',
      ];
    }
    default:
      throw new Error(`unsupported tag rule type=${rule.type} on GitLab`);
  }
}

/**
 * Render the POSIX sh that computes the image tags of a GitLab pipeline from its predefined variables, with
 * docker/metadata-action's rules for the supported tag types: rules in priority order, per-rule prefix/suffix
 * overriding the flavor's, tags sanitised to `[A-Za-z0-9._-]`, duplicates dropped, and `latest` (with
 * `latest=auto`) only when the highest-priority tag is a git tag or a non-pre-release semver.
 * The script sets `DOCKYARD_TAG_LIST` (space-separated tags, without repository).
 *
 * @throws {Error} for a rule {@link gitlabTagRuleProblem} reports (the validator rejects those first).
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function renderGitlabTagsScript(strategy: TagStrategy): string {
  const { flavor } = strategy;
  const rules = strategy.rules
    .map((rule, index) => ({ rule, index, priority: rule.priority ?? DEFAULT_TAG_PRIORITIES[rule.type] }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const lines = [
    'DOCKYARD_TAG_LIST=""',
    'first_latest=""',
    'is_default_branch() { [ -n "${CI_COMMIT_BRANCH:-}" ] && [ "$CI_COMMIT_BRANCH" = "${CI_DEFAULT_BRANCH:-}" ]; }',
    ...(rules.some((r) => r.rule.type === 'semver') ? SEMVER_FUNCTION : []),
    '# add_tag PREFIX VALUE SUFFIX OWN_AFFIXES LATEST_ELIGIBLE',
    'add_tag() {',
    `  if [ "$4" = 1 ]; then tag="$1$2$3"; else tag=${flavor.prefix ? q(flavor.prefix) : ''}"$2"${flavor.suffix ? q(flavor.suffix) : ''}; fi`,
    '  tag=$(printf \'%s\' "$tag" | sed \'s/[^A-Za-z0-9._-]\\{1,\\}/-/g\')',
    '  [ -n "$first_latest" ] || first_latest=$5',
    '  case " $DOCKYARD_TAG_LIST " in *" $tag "*) ;; *) DOCKYARD_TAG_LIST="${DOCKYARD_TAG_LIST:+$DOCKYARD_TAG_LIST }$tag" ;; esac',
    '}',
  ];
  for (const { rule, priority } of rules) {
    lines.push(`# type=${rule.type} (priority ${priority})`);
    const guard = ENABLE[rule.enable ?? 'true'];
    const body = ruleBody(rule);
    if (guard === undefined) lines.push(...body);
    else lines.push(`if ${guard}; then`, ...body.map((l) => `  ${l}`), 'fi');
  }
  const latestTag = flavor.onlatest ? `${flavor.prefix}latest${flavor.suffix}` : 'latest';
  if (flavor.latest === 'true') lines.push(`add_tag '' ${q(latestTag)} '' 1 false`);
  if (flavor.latest === 'auto') lines.push(`if [ "$first_latest" = true ]; then add_tag '' ${q(latestTag)} '' 1 false; fi`);
  return lines.join('\n');
}
