import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RenderAssets } from '../synth/render-pipeline-files.js';
import { readStepScripts } from './read-step-scripts.js';

/**
 * Read the prebuilt assets shipped in the package's `templates/` folder (the GitLab helper and the step scripts) and the package's version (found relative
 * to this module, in `lib/` or `src/`).
 *
 * @throws {Error} when the package is incomplete (a file of `templates/` is missing).
 */
export function readRenderAssets(): RenderAssets {
  const path = fileURLToPath(new URL('../../templates/gitlab/dockyard-meta.mjs', import.meta.url));
  const packageJson = fileURLToPath(new URL('../../package.json', import.meta.url));
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { gitlabMetaHelper: readFileSync(path, 'utf8'), dockyardVersion: version, steps: readStepScripts() };
}
