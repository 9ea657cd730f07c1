import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; import: string } | string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
};

/** The source file tsc compiles to a `lib/` path (lib/x/y.js ← src/x/y.ts). */
const sourceOf = (libPath: string) =>
  resolve(ROOT, libPath.replace(/^\.\/lib\//, 'src/').replace(/\.(d\.ts|js)$/, '.ts'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('package entry points', () => {
  it.each(['.', './projen'])('exports %s (types and import) from compiled sources that exist', (subpath) => {
    const entry = pkg.exports[subpath];
    expect(typeof entry).toBe('object');
    const { types, import: js } = entry as { types: string; import: string };
    expect(sourceOf(types)).toBe(sourceOf(js));
    expect(existsSync(sourceOf(js)), sourceOf(js)).toBe(true);
  });

  it('declares projen as an optional peer dependency that the installed dev version satisfies', async () => {
    const { satisfies, minVersion } = await import('semver');
    expect(pkg.peerDependenciesMeta.projen).toEqual({ optional: true });
    const installed = (
      JSON.parse(readFileSync(resolve(ROOT, 'node_modules/projen/package.json'), 'utf8')) as { version: string }
    ).version;
    expect(satisfies(installed, pkg.peerDependencies.projen)).toBe(true);
    expect(satisfies(minVersion(pkg.devDependencies.projen)!, pkg.peerDependencies.projen)).toBe(true);
  });

  it('only src/projen imports projen, so the CLI and the main entry point work without it', () => {
    const importers = sourceFiles(resolve(ROOT, 'src'))
      .filter((file) => /from ['"](projen|constructs)(\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file).split('\\').join('/'));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((f) => !f.startsWith('src/projen/'))).toEqual([]);
    expect(readFileSync(resolve(ROOT, 'src/index.ts'), 'utf8')).not.toMatch(/projen/);
  });
});
