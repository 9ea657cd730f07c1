#!/usr/bin/env node
// dockyard CLI launcher: runs the compiled CLI (lib/, built by `npm ci` via the prepare script).
import { runCli } from '../lib/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
