import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../../src/io/load-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../src/synth/render-pipeline-files.js';
import { EXAMPLES_DIR } from '../support/paths.js';
import { describeFindings, validateGeneratedFile } from '../support/validate-generated.js';

const examples = readdirSync(EXAMPLES_DIR).filter((name) =>
  existsSync(resolve(EXAMPLES_DIR, name, 'dockyard.config.ts')),
);

async function render(name: string) {
  const dir = resolve(EXAMPLES_DIR, name);
  const result = validateConfig(await loadConfigFile(findConfigFile(dir)));
  if (!result.ok) throw new Error(`example ${name} has an invalid config: ${JSON.stringify(result.errors)}`);
  return {
    config: result.config,
    files: renderPipelineFiles(
      result.config,
      { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
      readRenderAssets(),
    ),
  };
}

describe('examples', () => {
  it('has at least three examples with configs', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it('cover one, two and three platforms, every cache mode and both CI systems', async () => {
    const configs = await Promise.all(examples.map(async (name) => (await render(name)).config));
    for (const n of [1, 2, 3])
      expect(
        configs.some((c) => c.platforms.length === n),
        `an example with ${n} platform(s)`,
      ).toBe(true);
    for (const mode of ['gha', 'registry', 'inline', 'local', 'none']) {
      expect(
        configs.some((c) => c.cache === mode),
        `an example with cache mode ${mode}`,
      ).toBe(true);
    }
    expect(configs.some((c) => c.ci.includes('gitlab'))).toBe(true);
    expect(configs.some((c) => c.ci.includes('github'))).toBe(true);
  });

  describe.each(examples)('%s', (name) => {
    it('re-synthesis reproduces the committed files exactly', async () => {
      const { files } = await render(name);
      for (const file of files) {
        const committed = resolve(EXAMPLES_DIR, name, file.path);
        expect(existsSync(committed), `${name}/${file.path} is committed`).toBe(true);
        expect(readFileSync(committed, 'utf8'), `${name}/${file.path} is current (run npm run examples)`).toBe(
          file.content,
        );
      }
    });

    it('generated files pass every validator with zero findings', async () => {
      const { files } = await render(name);
      for (const file of files) {
        expect(describeFindings(await validateGeneratedFile(file)), `${name}/${file.path}`).toEqual([]);
      }
    });
  });
});
