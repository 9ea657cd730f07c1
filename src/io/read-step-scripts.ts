import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STEP_SCRIPT_FILES, stepScriptBody, type StepScripts } from '../emit/step-scripts.js';

/**
 * Read every step script of the package's `templates/steps/` folder (found relative to this module, in `lib/`,
 * `src/` or the bundled `dist/cli/`) and keep each one's body (see `stepScriptBody`).
 *
 * @param dir the folder to read, default the package's `templates/steps/`.
 * @throws {Error} when a file is missing (a broken package) or malformed (`templates/steps/<name>: …`).
 * @see ../../docs/architecture.md ("Step scripts")
 */
export function readStepScripts(dir: URL = new URL('../../templates/steps/', import.meta.url)): StepScripts {
  const entries = Object.entries(STEP_SCRIPT_FILES).map(([field, name]) => {
    const text = readFileSync(fileURLToPath(new URL(name, dir)), 'utf8');
    return [field, stepScriptBody(name, text)] as const;
  });
  return Object.fromEntries(entries) as unknown as StepScripts;
}
