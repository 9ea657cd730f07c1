import { readRenderAssets } from '../../src/io/read-assets.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { loadConfigSource } from '../../src/io/load-config.js';
import { renderPipelineFiles, type GeneratedFile } from '../../src/synth/render-pipeline-files.js';

/** A TypeScript config as a repository would commit it. */
export const TS_CONFIG = `import { defineConfig } from 'dockyard';

export default defineConfig({
  ci: ['github'],
  image: { name: 'acme/api', target: 'production' },
  platforms: ['linux/amd64', 'linux/arm64'],
  test: { target: 'test' },
});
`;

/** The same repository after someone adds a platform and a GitLab pipeline. */
export const TS_CONFIG_CHANGED = TS_CONFIG.replace(
  "['linux/amd64', 'linux/arm64']",
  "['linux/amd64', 'linux/arm64', 'linux/arm/v7']",
).replace("ci: ['github']", "ci: ['github', 'gitlab']");

export const YAML_CONFIG = `ci: [gitlab]\nimage:\n  name: acme/worker\ntest:\n  commands: ['/app/worker --self-test']\n`;

export const JSON_CONFIG = `{"ci": ["github", "gitlab"], "image": {"name": "acme/site"}, "test": {"commands": ["true"]}, "scan": {"severities": ["CRITICAL"]}}\n`;

/** What `dockyard synth` at the repository root renders for a config file (the expected PR content). */
export async function expectedFiles(configFile: string, source: string): Promise<GeneratedFile[]> {
  const result = validateConfig(await loadConfigSource(configFile, source));
  if (!result.ok) throw new Error(`fixture config is invalid: ${JSON.stringify(result.errors)}`);
  return renderPipelineFiles(result.config, { configFile, command: 'npx dockyard synth' }, readRenderAssets());
}
