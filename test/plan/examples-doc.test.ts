import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../../src/io/load-config.js';
import { renderExamplesDoc, type ExampleConfig } from '../../src/plan/render-examples-doc.js';
import { parseMermaid } from '../support/parse-mermaid.js';
import { EXAMPLES_DIR, ROOT } from '../support/paths.js';

async function loadExamples(): Promise<ExampleConfig[]> {
  const out: ExampleConfig[] = [];
  for (const name of readdirSync(EXAMPLES_DIR).sort()) {
    if (!existsSync(resolve(EXAMPLES_DIR, name, 'dockyard.config.ts'))) continue;
    const result = validateConfig(await loadConfigFile(findConfigFile(resolve(EXAMPLES_DIR, name))));
    if (!result.ok) throw new Error(name);
    out.push({ name, config: result.config });
  }
  return out;
}

describe('docs/examples.md', () => {
  it('is generated from the examples (npm run docs:graphs)', async () => {
    expect(readFileSync(resolve(ROOT, 'docs', 'examples.md'), 'utf8')).toBe(renderExamplesDoc(await loadExamples()));
  });

  it('has one section, one parsable graph and both events per example', async () => {
    const examples = await loadExamples();
    const doc = readFileSync(resolve(ROOT, 'docs', 'examples.md'), 'utf8');
    const graphs = [...doc.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    expect(graphs).toHaveLength(examples.length);
    for (const graph of graphs) expect(await parseMermaid(graph)).toBe('flowchart-v2');
    for (const { name } of examples) expect(doc).toContain(`## ${name}\n`);
    expect(doc.match(/\| push \| `refs\/tags\/v1\.2\.3` \|/g)).toHaveLength(examples.length);
    expect(doc.match(/\| push \| `refs\/heads\/main` \|/g)).toHaveLength(examples.length);
  });
});
