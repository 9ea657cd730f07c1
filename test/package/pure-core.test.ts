import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listSources } from '../support/import-graph.js';
import { ROOT } from '../support/paths.js';

/*
 * Pure core, I/O at the rim (docs/architecture.md): the files of these folders neither import a module that reaches
 * the file system, processes or the network, nor touch `process`. Text inside strings (the sh and JavaScript
 * programs the emitters write) does not count: the TypeScript parser tells code from string contents.
 */
const PURE_FOLDERS = ['config', 'model', 'emit', 'targets', 'tags', 'synth'];
const IMPURE_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|dgram|dns|os|process|worker_threads)$/;

/** What in one source text breaks purity: `import 'node:fs'` (or `require`, `import()`) and each use of `process`. */
export function findImpurities(text: string): string[] {
  const found: string[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (IMPURE_MODULES.test(fileName)) found.push(`imports ${fileName}`);
  }
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'process') {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ts.isPropertySignature(parent) ||
        (ts.isQualifiedName(parent) && parent.right === node);
      // `NodeJS.ProcessEnv` is a type; `process` as a qualifier of a type (typeof process) still counts.
      if (!isName) found.push(`uses process (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('pure core', () => {
  it.each([
    { text: "import { readFileSync } from 'node:fs';", found: ['imports node:fs'] },
    { text: "import { spawn } from 'child_process';", found: ['imports child_process'] },
    { text: "const fs = await import('node:fs/promises');", found: ['imports node:fs/promises'] },
    { text: "const fs = require('fs');", found: ['imports fs'] },
    { text: 'export const cwd = () => process.cwd();', found: ['uses process (line 1)'] },
    { text: '\nconst { env } = process;', found: ['uses process (line 2)'] },
    { text: "import { posix } from 'node:path';\nimport { createHash } from 'node:crypto';", found: [] },
    { text: 'const script = `process.exit(2); require("node:fs")`;', found: [] },
    { text: '// process.env\nconst o = { process: 1 }; o.process = 2; type T = { process: string };', found: [] },
  ])('finds $found in $text', ({ text, found }) => {
    expect(findImpurities(text)).toEqual(found);
  });

  it.each(PURE_FOLDERS)('src/%s does no I/O', (folder) => {
    const report = listSources(join(ROOT, 'src', folder)).flatMap((file) =>
      findImpurities(readFileSync(file, 'utf8')).map((what) => `${relative(ROOT, file)}: ${what}`),
    );
    expect(report).toEqual([]);
  });
});
