import { relative } from 'node:path';
import type { DockyardConfig } from '../config/schema/index.js';
import { validateConfig } from '../config/validate-config.js';
import { findConfigFile, loadConfigFile } from '../io/load-config.js';
import { printIssues, type Output } from './output.js';

/** A validated config and where it came from. */
export interface LoadedConfig {
  readonly config: DockyardConfig;
  /** Absolute path of the config file. */
  readonly path: string;
  /** Path relative to the project directory, POSIX separators. */
  readonly relativePath: string;
}

/**
 * Find, load and validate the config of `dir`; print warnings, and errors when invalid.
 *
 * @returns the config, or `undefined` after printing errors (the caller exits 1).
 * @throws {import('../io/load-config.js').ConfigLoadError} when the file is missing or cannot be loaded.
 */
export async function loadValidatedConfig(dir: string, explicit: string | undefined, output: Output): Promise<LoadedConfig | undefined> {
  const path = findConfigFile(dir, explicit);
  const relativePath = relative(dir, path).split('\\').join('/');
  const result = validateConfig(await loadConfigFile(path));
  if (!result.ok) {
    printIssues(output, result.errors, result.warnings, relativePath);
    return undefined;
  }
  printIssues(output, [], result.warnings, relativePath);
  return { config: result.config, path, relativePath };
}
