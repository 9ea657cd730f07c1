import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';

/** tsx's loader as a file URL, so `--import` finds it from any working directory. */
const TSX = pathToFileURL(createRequire(resolve(ROOT, 'package.json')).resolve('tsx')).href;

/**
 * The argv that runs the `dockyard` executable's entry point (`runProcess`, what bin/dockyard.js runs bundled in dist/cli/)
 * from the TypeScript sources, through tsx, so process-level behaviour is tested without a build.
 */
export const DOCKYARD_PROCESS = [
  process.execPath,
  '--import',
  TSX,
  resolve(ROOT, 'test/support/dockyard-entry.ts'),
] as const;
