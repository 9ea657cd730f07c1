// Entry point of DOCKYARD_PROCESS (dockyard-process.ts): the same call as bin/dockyard.js, on the sources.
import { runProcess } from '../../src/cli/run-process.js';

await runProcess(process.argv.slice(2));
