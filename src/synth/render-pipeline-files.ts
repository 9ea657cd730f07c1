import type { DockyardConfig } from '../config/schema/index.js';
import type { GeneratedFile, RenderAssets } from './generated-file.js';
import { pinCommentFor } from '../emit/github/action-pins.js';
import { emitGithubWorkflow } from '../emit/github/emit-github-workflow.js';
import { emitGitlabCi } from '../emit/gitlab/emit-gitlab-ci.js';
import { gitlabMetaHelperPath } from '../emit/gitlab/gitlab-metadata-job.js';
import { addMarker, type MarkerInfo } from '../emit/generated-marker.js';
import { renderYaml } from '../emit/render-yaml.js';
import { renderGitlabHelperFile } from './render-helper-file.js';
import { renderReusableFiles } from './render-reusable-files.js';
import { planPipeline } from '../model/plan-pipeline.js';

export type { GeneratedFile, RenderAssets } from './generated-file.js';

/**
 * Render every file the config asks for, in memory: plan the model and emit it per CI system, serialise to YAML
 * and add the generated-file marker. GitLab pipelines also get their metadata helper beside the CI file.
 * Pure and deterministic (same config and assets, same bytes).
 *
 * @param config a config returned by `validateConfig`.
 * @param marker origin and regenerate command written into each file's marker.
 */
export function renderPipelineFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[] {
  if (config.output.mode === 'reusable') return renderReusableFiles(config, marker, assets);
  return config.ci.flatMap((ci): GeneratedFile[] => {
    // The model of this CI system (its own cache mode where `cache` names one per CI system).
    const pipeline = planPipeline(config, ci);
    if (ci === 'github') {
      const body = renderYaml(emitGithubWorkflow(assets.steps, pipeline), { usesComment: pinCommentFor });
      return [{ ci, kind: 'pipeline', path: config.output.github, content: addMarker(body, marker) }];
    }
    const helperPath = gitlabMetaHelperPath(config.output.gitlab);
    return [
      {
        ci,
        kind: 'pipeline',
        path: config.output.gitlab,
        content: addMarker(renderYaml(emitGitlabCi(assets.steps, pipeline, helperPath)), marker),
      },
      renderGitlabHelperFile(helperPath, assets),
    ];
  });
}
