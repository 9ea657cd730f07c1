import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/*
 * No import cycles among the source files, type-only imports included (docs/architecture.md: the model does not
 * depend on what is built from it). A cycle is reported as the chain of files that closes it.
 */
const SRC = join(ROOT, 'src');

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Relative specifiers of `import … from`, `export … from` and `import('…')` in a file, resolved to .ts paths;
 * comments (TSDoc `{@link import('…')}`) do not count.
 */
export function importsOf(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [
    ...code.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The cycles of a graph, each as the chain of nodes from one node back to itself (depth-first, each reported once). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (state.get(node) === undefined) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle, type-only imports included, and none in a chain', () => {
    const graph = new Map([
      ['a', importsOf('/p/a.ts', "/** {@link import('./c.js').c} */\nimport type { B } from './b.js';")],
      ['/p/b.ts', importsOf('/p/b.ts', "export { a } from './a.js';\nimport { c } from './c.js';")],
    ]);
    const keyed = new Map([
      ['/p/a.ts', graph.get('a')!],
      ['/p/b.ts', graph.get('/p/b.ts')!],
      ['/p/c.ts', []],
    ]);
    expect(findCycles(keyed)).toEqual([['/p/a.ts', '/p/b.ts', '/p/a.ts']]);
    expect(graph.get('a')).toEqual(['/p/b.ts']);
    expect(
      findCycles(
        new Map([
          ['/p/a.ts', ['/p/b.ts']],
          ['/p/b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('src/ has none', () => {
    const files = listSources(SRC);
    const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
