import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RenderAssets } from '../synth/render-pipeline-files.js';

/**
 * Read the prebuilt assets shipped in the package's `templates/` folder (found relative to this module, in
 * `lib/` or `src/`).
 *
 * @throws {Error} when the package is incomplete (a file of `templates/` is missing).
 */
export function readRenderAssets(): RenderAssets {
  const path = fileURLToPath(new URL('../../templates/gitlab/dockyard-meta.mjs', import.meta.url));
  return { gitlabMetaHelper: readFileSync(path, 'utf8') };
}
