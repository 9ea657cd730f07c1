// Writes docs/examples.md: each example's job graph (Mermaid) and tag table, from examples/*/dockyard.config.ts.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateConfig } from '../src/config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../src/io/load-config.js';
import { renderExamplesDoc, type ExampleConfig } from '../src/plan/render-examples-doc.js';

const root = resolve(import.meta.dirname, '..');
const examplesDir = resolve(root, 'examples');
const examples: ExampleConfig[] = [];
for (const name of readdirSync(examplesDir).sort()) {
  if (!existsSync(resolve(examplesDir, name, 'dockyard.config.ts'))) continue;
  const result = validateConfig(await loadConfigFile(findConfigFile(resolve(examplesDir, name))));
  if (!result.ok) throw new Error(`examples/${name}: invalid config: ${JSON.stringify(result.errors)}`);
  examples.push({ name, config: result.config });
}
writeFileSync(resolve(root, 'docs', 'examples.md'), renderExamplesDoc(examples));
console.log(`docs/examples.md: ${examples.length} examples`);
