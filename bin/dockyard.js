#!/usr/bin/env node
// dockyard CLI launcher: runs the compiled CLI (lib/, built by `npm ci` via the prepare script).
import { runProcess } from '../lib/cli/run-process.js';

await runProcess(process.argv.slice(2));
