import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousConfigError, ConfigLoadError, findConfigFile, loadConfigFile } from '../../src/io/load-config.js';

const expected = { ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const body = JSON.stringify(expected);

const FORMATS: Array<[string, string]> = [
  [
    'dockyard.config.ts',
    `import { defineConfig } from 'dockyard';\nconst name: string = 'acme/api';\nexport default defineConfig({ ci: ['github'], image: { name }, test: { commands: ['true'] } });\n`,
  ],
  ['dockyard.config.mts', `import { defineConfig } from 'dockyard';\nexport default defineConfig(${body} as const);\n`],
  ['dockyard.config.js', `export default ${body};\n`],
  ['dockyard.config.mjs', `export default async () => (${body});\n`],
  ['dockyard.config.json', body],
  ['dockyard.config.yaml', 'ci: [github]\nimage:\n  name: acme/api\ntest:\n  commands: ["true"]\n'],
  ['dockyard.config.yml', 'ci: [github]\nimage: { name: acme/api }\ntest: { commands: ["true"] }\n'],
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfigFile', () => {
  it.each(FORMATS)('loads %s', async (name, content) => {
    writeFileSync(join(dir, name), content);
    const path = findConfigFile(dir);
    expect(path).toBe(join(dir, name));
    expect(await loadConfigFile(path)).toEqual(expected);
  });

  it.each([
    ['dockyard.config.json', '{ "ci": [', 'cannot load dockyard.config.json'],
    ['dockyard.config.yaml', 'ci: [github\nimage: {', 'cannot load dockyard.config.yaml'],
    ['dockyard.config.yaml', 'ci: [github]\nci: [gitlab]\n', 'Map keys must be unique'],
    ['dockyard.config.ts', 'export default {', 'cannot load dockyard.config.ts'],
    ['dockyard.config.mjs', 'throw new Error("boom from config")', 'boom from config'],
  ])('rejects a broken %s with exit code 1', async (name, content, message) => {
    writeFileSync(join(dir, name), content);
    const error = await loadConfigFile(findConfigFile(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigLoadError);
    expect((error as ConfigLoadError).exitCode).toBe(1);
    expect((error as Error).message).toContain(message);
  });
});

describe('findConfigFile', () => {
  it.each([
    [
      ['dockyard.config.ts', 'dockyard.config.json'],
      'found dockyard.config.ts and dockyard.config.json in DIR; keep one, or pass --config',
    ],
    [
      ['dockyard.config.yaml', 'dockyard.config.mjs'],
      'found dockyard.config.mjs and dockyard.config.yaml in DIR; keep one, or pass --config',
    ],
    [
      ['dockyard.config.yml', 'dockyard.config.ts', 'dockyard.config.json'],
      'found dockyard.config.ts, dockyard.config.json and dockyard.config.yml in DIR; keep one, or pass --config',
    ],
  ])('refuses %j at once with exit code 2', (names, message) => {
    for (const name of names) writeFileSync(join(dir, name), '{}');
    let error: unknown;
    try {
      findConfigFile(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmbiguousConfigError);
    expect((error as ConfigLoadError).exitCode).toBe(2);
    expect((error as Error).message).toBe(message.replace('DIR', dir));
  });

  it('takes the --config file when two configs are present', () => {
    writeFileSync(join(dir, 'dockyard.config.json'), '{}');
    writeFileSync(join(dir, 'dockyard.config.ts'), 'export default {}');
    expect(findConfigFile(dir, 'dockyard.config.json')).toBe(join(dir, 'dockyard.config.json'));
  });

  it('fails with exit code 2 naming the files it looked for', () => {
    let error: ConfigLoadError | undefined;
    try {
      findConfigFile(dir);
    } catch (e) {
      error = e as ConfigLoadError;
    }
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toContain('dockyard.config.ts, dockyard.config.mts');
  });

  it('resolves an explicit path relative to the directory', () => {
    writeFileSync(join(dir, 'ci.yaml'), '{}');
    expect(findConfigFile(dir, 'ci.yaml')).toBe(join(dir, 'ci.yaml'));
    expect(() => findConfigFile(dir, 'nope.yaml')).toThrow(/config file not found: .*nope\.yaml/);
  });
});
