import type { DockyardConfig } from '../config/schema/index.js';
import type { CiSystem } from '../config/schema/primitives.js';
import { pinCommentFor } from '../emit/github/action-pins.js';
import { emitGithubWorkflow } from '../emit/github/emit-github-workflow.js';
import { emitGitlabCi } from '../emit/gitlab/emit-gitlab-ci.js';
import { addMarker, type MarkerInfo } from '../emit/generated-marker.js';
import { renderYaml } from '../emit/render-yaml.js';
import { planPipeline } from '../model/plan-pipeline.js';

/** A file dockyard generates: path relative to the config directory (POSIX separators) and full content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
  readonly ci: CiSystem;
}

/**
 * Render every pipeline file the config asks for, in memory: plan the model once, emit per CI system,
 * serialise to YAML and add the generated-file marker. Pure and deterministic (same config, same bytes).
 *
 * @param config a config returned by `validateConfig`.
 * @param marker origin and regenerate command written into each file's marker.
 */
export function renderPipelineFiles(config: DockyardConfig, marker: MarkerInfo): GeneratedFile[] {
  const pipeline = planPipeline(config);
  return config.ci.map((ci) => {
    const body =
      ci === 'github'
        ? renderYaml(emitGithubWorkflow(pipeline), { usesComment: pinCommentFor })
        : renderYaml(emitGitlabCi(pipeline));
    return { ci, path: config.output[ci], content: addMarker(body, marker) };
  });
}
