import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** Every `.ts` file under a directory, depth first, in directory order. */
export function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) =>
      e.isDirectory() ? listSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
}

/**
 * The relative imports of one file, resolved to `.ts` paths: `import`/`export … from` (type-only too), side-effect
 * `import '…'`, `import('…')` (in code and in types) and `require('…')`, as the TypeScript compiler's own
 * pre-processor finds them (`ts.preProcessFile`), so comments (TSDoc `{@link import('…')}`) and strings do not count.
 * Package imports (`zod`, `node:fs`) are left out.
 *
 * @see https://github.com/microsoft/TypeScript/wiki/Using-the-Compiler-API (preProcessFile)
 */
export function importsOf(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
}

/** The import graph of the `.ts` files under a directory: file → the files it imports. */
export function readImportGraph(dir: string): Map<string, string[]> {
  return new Map(listSources(dir).map((file) => [file, importsOf(file, readFileSync(file, 'utf8'))]));
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
