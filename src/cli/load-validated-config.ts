import { relative } from 'node:path';
import type { DockyardConfig } from '../config/schema/index.js';
import { validateConfig } from '../config/validate-config.js';
import { checkTestStage } from '../config/check-test-stage.js';
import { findConfigFile, loadConfigFile } from '../io/load-config.js';
import { readConfigDockerfile } from '../io/read-dockerfile.js';
import type { Output } from './output.js';
import { printIssues } from './print-issues.js';

/** A validated config and where it came from. */
export interface LoadedConfig {
  readonly config: DockyardConfig;
  /** Absolute path of the config file. */
  readonly path: string;
  /** Path relative to the project directory, POSIX separators. */
  readonly relativePath: string;
}

/** Options of {@link loadValidatedConfig}. */
export interface LoadConfigOptions {
  /**
   * Read the Dockerfile and check that `test.target` derives from `image.target` (`checkTestStage`). Default
   * `true`; `dockyard doctor` turns it off and reports the same problem as a finding with its line.
   */
  readonly checkDockerfile?: boolean;
}

/**
 * Find, load and validate the config of `dir`, and (unless turned off) check its test stage against the
 * Dockerfile; print warnings, and errors when invalid.
 *
 * @returns the config, or `undefined` after printing errors (the caller exits 1).
 * @throws {import('../io/load-config.js').ConfigLoadError} when the file is missing or cannot be loaded.
 */
export async function loadValidatedConfig(
  dir: string,
  explicit: string | undefined,
  output: Output,
  options: LoadConfigOptions = {},
): Promise<LoadedConfig | undefined> {
  const path = findConfigFile(dir, explicit);
  const relativePath = relative(dir, path).split('\\').join('/');
  const result = validateConfig(await loadConfigFile(path));
  if (!result.ok) {
    printIssues(output, result.errors, result.warnings, relativePath);
    return undefined;
  }
  const stage =
    options.checkDockerfile === false
      ? []
      : checkTestStage(result.config, await readConfigDockerfile(path, result.config));
  const errors = stage.filter((i) => i.severity === 'error');
  const warnings = [...result.warnings, ...stage.filter((i) => i.severity === 'warning')];
  printIssues(output, errors, warnings, relativePath);
  if (errors.length > 0) return undefined;
  return { config: result.config, path, relativePath };
}
