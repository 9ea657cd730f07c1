import type { ConfigIssue } from '../config/format-issues.js';
import type { DockyardConfig } from '../config/schema/index.js';
import { validateConfig } from '../config/validate-config.js';
import { loadConfigSource } from '../io/load-config.js';
import { renderPipelineFiles, type GeneratedFile, type RenderAssets } from '../synth/render-pipeline-files.js';

/**
 * Regenerate command written into the marker of files rendered for a repository (run at its root).
 *
 * @see https://github.com/unjs/jiti#evalmodule
 */
export const REMOTE_SYNTH_COMMAND = 'npx dockyard synth';

/**
 * The outcome of {@link synthesizeConfigSource}.
 *
 * @see https://github.com/unjs/jiti#evalmodule
 */
export type SourceSynthesis =
  | {
      readonly ok: true;
      readonly config: DockyardConfig;
      readonly files: readonly GeneratedFile[];
      readonly warnings: readonly ConfigIssue[];
    }
  | { readonly ok: false; readonly errors: readonly ConfigIssue[]; readonly warnings: readonly ConfigIssue[] };

/**
 * Load, validate and render a config from its text, in memory, exactly as `dockyard synth` at the repository
 * root would (same marker: `configFile` and `npx dockyard synth`). Used for a remote repository's own config.
 *
 * @param configFile the config's path at the repository root, e.g. `dockyard.config.ts`.
 * @param source its text.
 * @param assets the package's prebuilt assets (`readRenderAssets()`).
 * @returns the validated config and rendered files, or the validation errors.
 * @throws {import('../io/load-config.js').ConfigLoadError} when the text cannot be parsed or evaluated.
 * @see https://github.com/unjs/jiti#evalmodule
 */
export async function synthesizeConfigSource(
  configFile: string,
  source: string,
  assets: RenderAssets,
): Promise<SourceSynthesis> {
  const result = validateConfig(await loadConfigSource(configFile, source));
  if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
  const files = renderPipelineFiles(result.config, { configFile, command: REMOTE_SYNTH_COMMAND }, assets);
  return { ok: true, config: result.config, files, warnings: result.warnings };
}
