// The `dockyard` executable's code, bundled into dist/cli/dockyard.js (scripts/bundle-cli.mjs) and run by
// bin/dockyard.js. It loads only run-process.ts; each command's code loads when that command runs.
import { runProcess } from './run-process.js';

await runProcess(process.argv.slice(2));
