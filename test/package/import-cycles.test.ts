import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, readImportGraph } from '../support/import-graph.js';
import { ROOT } from '../support/paths.js';

/*
 * No import cycles among the source files, type-only imports included (docs/architecture.md: the model does not
 * depend on what is built from it). A cycle is reported as the chain of files that closes it.
 */
describe('import cycles', () => {
  it.each([
    { name: 'import from', text: "import { b } from './b.js';", imports: ['/p/b.ts'] },
    { name: 'type-only import', text: "import type { B } from './b.js';", imports: ['/p/b.ts'] },
    {
      name: 'export from',
      text: "export { a } from '../q/a.js';\nexport * from './c.js';",
      imports: ['/q/a.ts', '/p/c.ts'],
    },
    { name: 'side-effect import', text: "import './b.js';", imports: ['/p/b.ts'] },
    {
      name: 'import() in code and in a type',
      text: "type T = import('./b.js').B;\nawait import('./c.js');",
      imports: ['/p/b.ts', '/p/c.ts'],
    },
    { name: 'multi-line import', text: "import {\n  a,\n  b,\n} from './b.js';", imports: ['/p/b.ts'] },
    {
      name: 'comments, strings and packages',
      text: "/** {@link import('./c.js').c} */\n// import './d.js';\nconst s = \"import './e.js'\";\nimport { z } from 'zod';",
      imports: [],
    },
  ])('reads $name', ({ text, imports }) => {
    expect(importsOf('/p/a.ts', text)).toEqual(imports);
  });

  it.each([
    {
      name: 'a two-file cycle',
      graph: { '/p/a.ts': ['/p/b.ts'], '/p/b.ts': ['/p/a.ts', '/p/c.ts'], '/p/c.ts': [] },
      cycles: [['/p/a.ts', '/p/b.ts', '/p/a.ts']],
    },
    {
      name: 'a three-file cycle',
      graph: { '/p/a.ts': ['/p/b.ts'], '/p/b.ts': ['/p/c.ts'], '/p/c.ts': ['/p/a.ts'] },
      cycles: [['/p/a.ts', '/p/b.ts', '/p/c.ts', '/p/a.ts']],
    },
    { name: 'a chain', graph: { '/p/a.ts': ['/p/b.ts'], '/p/b.ts': [] }, cycles: [] },
    { name: 'imports outside the graph', graph: { '/p/a.ts': ['/x/y.ts'] }, cycles: [] },
  ])('finds $name', ({ graph, cycles }) => {
    expect(findCycles(new Map(Object.entries(graph)))).toEqual(cycles);
  });

  it('src/ has none', () => {
    const cycles = findCycles(readImportGraph(join(ROOT, 'src'))).map((c) =>
      c.map((f) => relative(ROOT, f)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});
