import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../src/synth/render-pipeline-files.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { ROOT } from '../support/paths.js';
import { describeFindings, validateGeneratedFile } from '../support/validate-generated.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function renderScenario(name: string) {
  const result = validateConfig(GOLDEN_SCENARIOS[name]);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  // Helpers (the 400 KB GitLab metadata bundle) are checked in test/templates, not copied into every golden.
  return renderPipelineFiles(
    result.config,
    { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
    readRenderAssets(),
  ).filter((f) => f.kind === 'pipeline');
}

describe.each(Object.keys(GOLDEN_SCENARIOS))('golden scenario %s', (name) => {
  it('matches the reviewed golden files (UPDATE_GOLDEN=1 to rewrite)', () => {
    for (const file of renderScenario(name)) {
      const golden = resolve(ROOT, 'test', 'golden', name, file.path);
      if (UPDATE) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, file.content);
      }
      expect(existsSync(golden), `golden file ${name}/${file.path}`).toBe(true);
      expect(file.content).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('passes every validator with zero findings', async () => {
    const files = renderScenario(name);
    for (const file of files) {
      expect(describeFindings(await validateGeneratedFile(file, files)), `${name}/${file.path}`).toEqual([]);
    }
  });
});
