import { describe, expect, it } from 'vitest';
import { ConfigLoadError, loadConfigSource } from '../../src/io/load-config.js';

const VALUE = { ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } };

describe('loadConfigSource', () => {
  it.each([
    [
      'dockyard.config.ts',
      `import { defineConfig } from 'dockyard';\nconst name: string = 'acme/api';\nexport default defineConfig({ ci: ['github'], image: { name }, test: { commands: ['true'] } });\n`,
    ],
    ['dockyard.config.mts', `export default async () => (${JSON.stringify(VALUE)});\n`],
    ['dockyard.config.js', `export default ${JSON.stringify(VALUE)};\n`],
    [
      'dockyard.config.mjs',
      `import { PLATFORM_IDS } from 'dockyard';\nexport default { ...${JSON.stringify(VALUE)}, platforms: PLATFORM_IDS.filter((p) => p === 'linux/amd64') };\n`,
    ],
    ['dockyard.config.json', JSON.stringify(VALUE)],
    ['dockyard.config.yaml', 'ci: [github]\nimage:\n  name: acme/api\ntest:\n  commands: ["true"]\n'],
    ['dockyard.config.yml', 'ci: [github]\nimage: {name: acme/api}\ntest: {commands: ["true"]}\n'],
  ])('evaluates %s from its text', async (name, source) => {
    const value = (await loadConfigSource(name, source)) as Record<string, unknown>;
    expect({ ...value, platforms: undefined }).toEqual({ ...VALUE, platforms: undefined });
  });

  it('evaluates each source afresh (no cache between two texts for the same name)', async () => {
    const a = await loadConfigSource('dockyard.config.ts', `export default { n: 1 };`);
    const b = await loadConfigSource('dockyard.config.ts', `export default { n: 2 };`);
    expect([a, b]).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it.each([
    [
      'dockyard.config.ts',
      `import x from './shared.js';\nexport default x;\n`,
      /^cannot load dockyard.config.ts: .*shared/,
    ],
    ['dockyard.config.json', '{"ci": [', /^cannot load dockyard.config.json: /],
    ['dockyard.config.yaml', 'a: 1\na: 2\n', /^cannot load dockyard.config.yaml: Map keys must be unique/],
    [
      'dockyard.config.toml',
      'ci = ["github"]',
      /^unsupported config file type ".toml" \(dockyard.config.toml\): expected dockyard.config.ts, /,
    ],
  ])('%s with %j fails with a ConfigLoadError naming the file', async (name, source, message) => {
    const error = await loadConfigSource(name, source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLoadError);
    expect((error as Error).message).toMatch(message);
  });
});
