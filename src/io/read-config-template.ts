import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Read the template `dockyard init` renders into `dockyard.config.ts`: the package's
 * `templates/config/dockyard.config.ts.hbs`, found relative to this module. Every module that reads a packaged file
 * sits two folders below the package root (`lib/io/`, `src/io/`, `dist/cli/`), so the same relative path holds in
 * the compiled library, the sources and the bundled CLI.
 *
 * @throws {Error} (ENOENT) when the package is incomplete.
 */
export function readConfigTemplate(): string {
  return readFileSync(fileURLToPath(new URL('../../templates/config/dockyard.config.ts.hbs', import.meta.url)), 'utf8');
}
