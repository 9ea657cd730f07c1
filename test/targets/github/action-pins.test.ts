import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../../src/config/validate-config.js';
import { ACTION_PINS } from '../../../src/targets/github/action-pins.js';
import { readRenderAssets } from '../../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../../src/synth/render-pipeline-files.js';
import { GOLDEN_SCENARIOS } from '../../golden/scenarios.js';
import { HAS_SHARED, SHARED } from '../../support/paths.js';

interface SharedPin {
  action: string;
  tag: string;
  sha: string;
  inputs: string[];
}

const shared: SharedPin[] = HAS_SHARED
  ? (JSON.parse(readFileSync(resolve(SHARED, 'actions', 'pins.json'), 'utf8')) as { actions: SharedPin[] }).actions
  : [];
if (!HAS_SHARED) console.warn('SKIPPED: action pin checks against ../shared/actions/pins.json (absent).');

function workflows() {
  return Object.entries(GOLDEN_SCENARIOS).flatMap(([name, input]) => {
    const result = validateConfig(input);
    if (!result.ok) throw new Error(name);
    return renderPipelineFiles(result.config, { configFile: 'c', command: 'x' }, readRenderAssets())
      .filter((f) => f.ci === 'github')
      .map((f) => ({
        name,
        workflow: parse(f.content) as {
          jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
        },
      }));
  });
}

describe.skipIf(!HAS_SHARED)('action pins', () => {
  it.each(Object.entries(ACTION_PINS))('%s is pinned to the release SHA in pins.json', (_, pin) => {
    const entry = shared.find((a) => a.action === pin.action);
    expect(entry, pin.action).toBeDefined();
    expect({ sha: pin.sha, tag: pin.tag }).toEqual({ sha: entry!.sha, tag: entry!.tag });
  });

  it('every input a generated workflow passes exists in that action', () => {
    const problems: string[] = [];
    for (const { name, workflow } of workflows()) {
      for (const [jobId, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses) continue;
          const [action, sha] = step.uses.split('@');
          const entry = shared.find((a) => a.action === action);
          if (!entry || entry.sha !== sha) {
            problems.push(`${name} ${jobId}: ${step.uses} is not a pinned release`);
            continue;
          }
          for (const input of Object.keys(step.with ?? {})) {
            if (!entry.inputs.includes(input)) problems.push(`${name} ${jobId}: ${action} has no input "${input}"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('renders uses: with the full SHA and the tag as a comment', () => {
    const result = validateConfig(GOLDEN_SCENARIOS['minimal-github']);
    if (!result.ok) throw new Error('invalid');
    const [file] = renderPipelineFiles(result.config, { configFile: 'c', command: 'x' }, readRenderAssets());
    expect(file.content).toContain(`uses: actions/checkout@${ACTION_PINS.checkout.sha} # ${ACTION_PINS.checkout.tag}`);
    expect(file.content).not.toMatch(/uses: [^@\s]+@v\d/);
  });
});
