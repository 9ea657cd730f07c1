/**
 * The files `dockyard synth` writes for GitHub Actions: the workflow (`output.github`), or in reusable mode the
 * reusable workflow beside it and the caller at `output.github`.
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows
 */
import { posix } from 'node:path';
import type { DockyardConfig } from '../../config/schema/index.js';
import { pinCommentFor } from './action-pins.js';
import { emitGithubReusable } from './emit-github-reusable.js';
import { emitGithubWorkflow } from './emit-github-workflow.js';
import { addMarker, type MarkerInfo } from '../../emit/generated-marker.js';
import { renderYaml, type RenderYamlOptions } from '../../emit/render-yaml.js';
import { planPipeline } from '../../model/plan-pipeline.js';
import type { GeneratedFile, RenderAssets } from '../../synth/generated-file.js';
import { DEFAULT_REUSABLE_NAME } from '../reusable-name.js';

/** How GitHub pipeline objects become YAML: each pinned `uses:` is followed by its release tag as a comment. */
export const GITHUB_YAML: RenderYamlOptions = { usesComment: pinCommentFor };

/**
 * The GitHub pipeline file paths: `[output.github]`, or in reusable mode `[<dir of output.github>/<name>.yml,
 * output.github]` (the reusable workflow first).
 */
export function githubPipelineFilePaths(config: DockyardConfig): string[] {
  if (config.output.mode !== 'reusable') return [config.output.github];
  const name = config.output.reusable?.name ?? DEFAULT_REUSABLE_NAME;
  return [posix.join(posix.dirname(config.output.github), `${name}.yml`), config.output.github];
}

/**
 * Render the GitHub workflow files of a validated config, each with the generated-file marker.
 *
 * @param assets the package's prebuilt assets; the workflow embeds their step scripts.
 * @throws {import('../../tags/tag-rule.js').TagRuleError} only for a config that did not pass `validateConfig`.
 */
export function renderGithubFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[] {
  const pipeline = planPipeline(config, 'github');
  const yaml = (value: unknown) => addMarker(renderYaml(value, GITHUB_YAML), marker);
  const workflow = emitGithubWorkflow(assets.steps, pipeline);
  if (config.output.mode !== 'reusable')
    return [{ ci: 'github', kind: 'pipeline', path: config.output.github, content: yaml(workflow) }];
  const reusable = config.output.reusable;
  const { reusable: called, caller } = emitGithubReusable(workflow, {
    name: reusable?.name ?? DEFAULT_REUSABLE_NAME,
    central: reusable?.github,
  });
  const [unitPath] = githubPipelineFilePaths(config);
  return [
    { ci: 'github', kind: 'pipeline', path: unitPath!, content: yaml(called) },
    { ci: 'github', kind: 'pipeline', path: config.output.github, content: yaml(caller) },
  ];
}
