import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DockyardConfig } from '../../src/config/schema/index.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../../src/io/load-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles, type GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import type { EventRow, EventTrigger } from './event-table.js';
import type { EventRefs } from './github-event-context.js';
import { githubFilterSelects, instantiateGithubPattern } from './github-filter-match.js';
import { EXAMPLES_DIR } from './paths.js';

/** A config and every file `dockyard synth` writes for it: an example (examples/*) or a golden scenario. */
export interface EventScenario {
  readonly name: string;
  readonly config: DockyardConfig;
  readonly files: readonly GeneratedFile[];
  readonly refs: EventRefs;
}

/** A branch and a tag no config in the repository configures (checked per scenario by {@link rowApplies}). */
const OTHER_BRANCH = 'feature/event-table';
const OTHER_TAG = 'untracked/tag-1';

function scenario(name: string, config: DockyardConfig): EventScenario {
  const files = renderPipelineFiles(
    config,
    { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
    readRenderAssets(),
  );
  const { branches, tags } = config.triggers;
  return {
    name,
    config,
    files,
    refs: {
      branch: branches.length > 0 ? instantiateGithubPattern(branches[0]) : 'main',
      otherBranch: OTHER_BRANCH,
      tag: tags.length > 0 ? instantiateGithubPattern(tags[0]) : 'v1.0.0',
      otherTag: OTHER_TAG,
      // dockyard's configs assume `main` (docs/tags.md); the default branch is configured when a branch glob selects it.
      defaultBranch: 'main',
    },
  };
}

/** Every example and golden scenario, rendered in memory (the committed copies equal these, other suites check that). */
export async function loadEventScenarios(): Promise<EventScenario[]> {
  const examples = readdirSync(EXAMPLES_DIR).filter((n) => existsSync(resolve(EXAMPLES_DIR, n, 'dockyard.config.ts')));
  const out: EventScenario[] = [];
  for (const name of examples) {
    const result = validateConfig(await loadConfigFile(findConfigFile(resolve(EXAMPLES_DIR, name))));
    if (!result.ok) throw new Error(`example ${name}: ${JSON.stringify(result.errors)}`);
    out.push(scenario(`examples/${name}`, result.config));
  }
  for (const [name, input] of Object.entries(GOLDEN_SCENARIOS)) {
    const result = validateConfig(input);
    if (!result.ok) throw new Error(`golden ${name}: ${JSON.stringify(result.errors)}`);
    out.push(scenario(`golden/${name}`, result.config));
  }
  return out;
}

/** Whether the config turns on the trigger a row needs. */
export function triggerOn(config: DockyardConfig, trigger: EventTrigger): boolean {
  const t = config.triggers;
  switch (trigger) {
    case 'branches':
      return t.branches.length > 0;
    case 'tags':
      return t.tags.length > 0;
    case 'pullRequests':
      return t.pullRequests && t.branches.length > 0;
    case 'manual':
      return t.manual;
    case 'dispatch':
      return t.dispatch !== undefined;
    case 'schedule':
      return t.schedule.length > 0;
    case 'none':
      return false;
  }
}

/**
 * Whether a row can be instantiated for a scenario: its "unconfigured" branch or tag really is unconfigured (the
 * tag glob `*` does not match `untracked/tag-1`: `*` stops at `/`), and a "configured" ref exists.
 */
export function rowApplies(s: EventScenario, row: EventRow): boolean {
  const { branches, tags } = s.config.triggers;
  if (row.ref === 'other-branch') return !githubFilterSelects(branches, s.refs.otherBranch);
  if (row.ref === 'other-tag') return !githubFilterSelects(tags, s.refs.otherTag);
  if (row.ref === 'tag') return tags.length > 0;
  if (row.ref === 'branch' || row.ref === 'pull') return branches.length > 0;
  return true;
}

/** Whether the row's ref is a configured branch or tag (GitLab: a protected one). */
export function refConfigured(s: EventScenario, row: EventRow): boolean {
  const { branches, tags } = s.config.triggers;
  switch (row.ref) {
    case 'branch':
      return githubFilterSelects(branches, s.refs.branch);
    case 'tag':
      return githubFilterSelects(tags, s.refs.tag);
    case 'default-branch':
      return githubFilterSelects(branches, s.refs.defaultBranch);
    default:
      return false;
  }
}

/** The expected outcome of a row for a scenario: the pipeline runs; publish-role jobs run. */
export function expectedOutcome(s: EventScenario, row: EventRow): { runs: boolean; publishes: boolean } {
  const runs = triggerOn(s.config, row.trigger);
  return { runs, publishes: runs && row.publishes && (row.ref !== 'default-branch' || refConfigured(s, row)) };
}
