import { describeValue, type ConfigIssue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';
import { computeMeta } from '../tags/compute-meta.js';
import type { EventContext } from '../tags/event-context.js';
import { MetaInputError } from '../tags/meta-error.js';
import { formatTagLine } from '../tags/tag-rule.js';
import { resolveTagRule } from '../tags/resolve-tag-rules.js';
import { formatFlavorLines } from '../tags/flavor.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPO = {
  name: 'app',
  fullName: 'acme/app',
  description: '',
  url: 'https://example.invalid/acme/app',
  license: '',
  defaultBranch: 'main',
};

/** Synthetic events that together make every tag rule render: branch and tag pushes, a pull request, a schedule. */
const PROBE_EVENTS: readonly EventContext[] = [
  { eventName: 'push', ref: 'refs/heads/main', sha: SHA, defaultBranch: 'main', repo: REPO },
  { eventName: 'push', ref: 'refs/tags/v1.2.3', sha: SHA, defaultBranch: 'main', baseRef: 'main', repo: REPO },
  { eventName: 'push', ref: 'refs/tags/1.2.3rc1', sha: SHA, defaultBranch: 'main', repo: REPO },
  {
    eventName: 'pull_request',
    ref: 'refs/pull/7/merge',
    sha: SHA,
    defaultBranch: 'main',
    baseRef: 'main',
    prNumber: 7,
    repo: REPO,
  },
  { eventName: 'schedule', ref: 'refs/heads/main', sha: SHA, defaultBranch: 'main', repo: REPO },
];

/** Expressions that always render, whatever the event: lines using only these need no probe. */
const SAFE_EXPRESSIONS = new Set([
  'version',
  'major',
  'minor',
  'patch',
  'raw',
  'branch',
  'tag',
  'sha',
  'base_ref',
  'is_default_branch',
  'is_not_default_branch',
]);

/** Whether a line has an expression outside {@link SAFE_EXPRESSIONS} (a date, a typo, a helper call…). */
function needsProbe(line: string): boolean {
  return [...line.matchAll(/\{\{(.*?)\}\}/g)].some((m) => !SAFE_EXPRESSIONS.has(m[1].trim()));
}

/**
 * Run the tag strategy (tags, flavor, labels, annotations) through the metadata engine for a few synthetic
 * events, so that what would only fail in a pipeline (an unknown `{{expression}}`, a bad time zone, an `enable`
 * that is neither true nor false) is a config error now. Lines whose expressions all come from a fixed set that
 * always renders skip the probe, which keeps `dockyard synth` fast. Pure.
 */
export function checkTagStrategy(config: DockyardConfig): ConfigIssue[] {
  let lines: string[];
  try {
    lines = config.tags.map((tag) => formatTagLine(resolveTagRule(tag)));
  } catch {
    return []; // reported by checkConfigRules with the tag's index
  }
  if (![...lines, ...config.labels, ...config.annotations, config.flavor.prefix, config.flavor.suffix].some(needsProbe))
    return [];
  const inputs = {
    images: ['registry.example/acme/app'],
    tags: lines,
    flavor: formatFlavorLines(config.flavor),
    labels: config.labels,
    annotations: config.annotations,
  };
  for (const event of PROBE_EVENTS) {
    try {
      computeMeta(inputs, event, new Date(0));
    } catch (error) {
      if (!(error instanceof MetaInputError)) throw error;
      return [toIssue(config, lines, error)];
    }
  }
  return [];
}

function toIssue(config: DockyardConfig, lines: readonly string[], error: MetaInputError): ConfigIssue {
  const source = { tags: lines, labels: config.labels, annotations: config.annotations } as Record<
    string,
    readonly string[]
  >;
  const index = source[error.input]?.indexOf(error.line) ?? -1;
  const path = index >= 0 ? `${error.input}[${index}]` : error.input === 'flavor' ? 'flavor' : error.input;
  const given = index >= 0 && error.input === 'tags' ? config.tags[index] : error.line;
  return {
    path,
    problem: error.detail,
    expected: 'a line docker/metadata-action accepts (see docs/tags.md)',
    received: describeValue(given),
    severity: 'error',
  };
}
