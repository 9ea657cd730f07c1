import type { DockyardConfig } from '../config/schema/index.js';
import type { MarkerInfo } from '../emit/generated-marker.js';
import { targetOf } from '../targets/registry.js';
import type { GeneratedFile, RenderAssets } from './generated-file.js';

export type { GeneratedFile, RenderAssets } from './generated-file.js';

/**
 * Render every file `dockyard synth` writes for a validated config: for each CI system of `config.ci`, in that
 * order, the files its target renders (pipeline files with the generated-file marker, in reusable mode the unit and
 * its caller, and helpers such as GitLab's metadata helper). Pure.
 *
 * @param marker what the marker says: the config file and the command that regenerates the files.
 * @param assets the package's prebuilt assets (`readRenderAssets()`).
 * @throws {import('../tags/tag-rule.js').TagRuleError} only for a config that did not pass `validateConfig`.
 * @see ../targets/ci-target.ts `CiTarget.renderFiles`
 */
export function renderPipelineFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[] {
  return config.ci.flatMap((ci) => targetOf(ci).renderFiles(config, marker, assets));
}
