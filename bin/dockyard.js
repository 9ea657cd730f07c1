#!/usr/bin/env node
// dockyard CLI launcher: runs the bundled CLI (dist/cli/, built by `npm ci` via the prepare script:
// scripts/bundle-cli.mjs). The library API and `dockyard/projen` are the tsc output in lib/.
import '../dist/cli/dockyard.js';
