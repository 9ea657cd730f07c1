import { posix } from 'node:path';
import type { DockyardConfig } from '../config/schema/index.js';
import { addMarker, type MarkerInfo } from '../emit/generated-marker.js';
import { pinCommentFor } from '../emit/github/action-pins.js';
import { emitGithubReusable } from '../emit/github/emit-github-reusable.js';
import { emitGithubWorkflow } from '../emit/github/emit-github-workflow.js';
import { emitGitlabCi } from '../emit/gitlab/emit-gitlab-ci.js';
import { emitGitlabComponent } from '../emit/gitlab/emit-gitlab-component.js';
import { severitiesAsVariable } from '../emit/gitlab/gitlab-component-scan.js';
import { gitlabMetaHelperPath } from '../emit/gitlab/gitlab-metadata-job.js';
import { renderGitlabHelperFile } from './render-helper-file.js';
import { renderYaml } from '../emit/render-yaml.js';
import { renderYamlDocuments } from '../emit/render-yaml-documents.js';
import { planPipeline } from '../model/plan-pipeline.js';
import type { GeneratedFile, RenderAssets } from './generated-file.js';

/** Default `output.reusable.name`. */
const DEFAULT_NAME = 'dockyard-image';

/**
 * The pipeline files (not helpers) a config renders for one CI system, relative to the config directory: the
 * pipeline at `output.<ci>`, and in mode `reusable` the reusable workflow or component template first.
 */
export function pipelineFilePaths(config: DockyardConfig, ci: 'github' | 'gitlab'): string[] {
  if (config.output.mode !== 'reusable') return [config.output[ci]];
  const name = config.output.reusable?.name ?? DEFAULT_NAME;
  const unit =
    ci === 'github' ? posix.join(posix.dirname(config.output.github), `${name}.yml`) : `templates/${name}.yml`;
  return [unit, config.output[ci]];
}

/**
 * The files of `output.mode: "reusable"`. GitHub: the reusable workflow `.github/workflows/<name>.yml` (beside the
 * caller) and the caller at `output.github`. GitLab: the component template `templates/<name>.yml` (relative to the
 * config directory, the component project's root as the CI/CD Catalog expects), the caller at `output.gitlab`
 * and the metadata helper beside the caller (the component's metadata job runs it from the caller's checkout).
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows
 * @see https://docs.gitlab.com/ci/components/#directory-structure
 */
export function renderReusableFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[] {
  const reusable = config.output.reusable;
  const name = reusable?.name ?? DEFAULT_NAME;
  return config.ci.flatMap((ci): GeneratedFile[] => {
    const pipeline = planPipeline(config, ci);
    if (ci === 'github') {
      const { reusable: called, caller } = emitGithubReusable(emitGithubWorkflow(assets.steps, pipeline), {
        name,
        central: reusable?.github,
      });
      const yaml = (value: unknown) => addMarker(renderYaml(value, { usesComment: pinCommentFor }), marker);
      return [
        { ci, kind: 'pipeline', path: pipelineFilePaths(config, ci)[0], content: yaml(called) },
        { ci, kind: 'pipeline', path: config.output.github, content: yaml(caller) },
      ];
    }
    const helperPath = gitlabMetaHelperPath(config.output.gitlab);
    const { spec, template, caller } = emitGitlabComponent(
      severitiesAsVariable(emitGitlabCi(assets.steps, pipeline, helperPath), pipeline.scan.severities),
      {
        name,
        central: reusable?.gitlab,
      },
    );
    return [
      {
        ci,
        kind: 'pipeline',
        path: pipelineFilePaths(config, ci)[0],
        content: addMarker(renderYamlDocuments([spec, template]), marker),
      },
      { ci, kind: 'pipeline', path: config.output.gitlab, content: addMarker(renderYaml(caller), marker) },
      renderGitlabHelperFile(helperPath, assets),
    ];
  });
}
