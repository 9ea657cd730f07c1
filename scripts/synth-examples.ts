// Re-synthesises every example's pipelines with the CLI (same code path as `npx dockyard synth`).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../src/cli/main.js';

const examples = resolve(import.meta.dirname, '..', 'examples');
let failed = 0;
for (const name of readdirSync(examples)) {
  if (!existsSync(resolve(examples, name, 'dockyard.config.ts'))) continue;
  console.log(`== examples/${name}`);
  failed += (await runCli(['synth', '--dir', resolve(examples, name)])) === 0 ? 0 : 1;
}
process.exitCode = failed > 0 ? 1 : 0;
