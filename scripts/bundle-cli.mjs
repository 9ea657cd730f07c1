// Bundles the `dockyard` executable into dist/cli/ (bin/dockyard.js runs dist/cli/dockyard.js). Run by the
// prepare script, so `npm ci` on a fresh clone and `npm pack`/`npm publish` build it; dist/ is not committed.
// Run: npm run bundle:cli
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle-cli-lib.mjs';

const outdir = fileURLToPath(new URL('../dist/cli', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
const metafile = await bundleCli(outdir);
const outputs = Object.entries(metafile.outputs).filter(([name]) => name.endsWith('.js'));
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
// On stderr: `npm pack --json` runs prepare and its stdout must stay JSON.
console.error(`wrote dist/cli (${outputs.length} files, ${bytes} bytes)`);
