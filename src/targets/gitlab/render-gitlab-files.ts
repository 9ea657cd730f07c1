/**
 * The files `dockyard synth` writes for GitLab CI: the pipeline (`output.gitlab`) and the metadata helper beside it,
 * or in reusable mode the CI/CD component (`templates/<name>.yml`, spec and template as two YAML documents), the
 * including pipeline at `output.gitlab` and the helper.
 *
 * @see https://docs.gitlab.com/ci/components/
 */
import type { DockyardConfig } from '../../config/schema/index.js';
import { addMarker, type MarkerInfo } from '../../emit/generated-marker.js';
import { emitGitlabCi } from './emit-gitlab-ci.js';
import { emitGitlabComponent } from './emit-gitlab-component.js';
import { severitiesAsVariable } from './gitlab-component-scan.js';
import { gitlabMetaHelperPath } from './gitlab-metadata-job.js';
import { renderYaml } from '../../emit/render-yaml.js';
import { renderYamlDocuments } from '../../emit/render-yaml-documents.js';
import { planPipeline } from '../../model/plan-pipeline.js';
import type { GeneratedFile, RenderAssets } from '../../synth/generated-file.js';
import { renderGitlabHelperFile } from './render-gitlab-helper-file.js';
import type { TargetHelperFile } from '../ci-target.js';
import { DEFAULT_REUSABLE_NAME } from '../reusable-name.js';

/** The GitLab pipeline file paths: `[output.gitlab]`, or in reusable mode `[templates/<name>.yml, output.gitlab]`. */
export function gitlabPipelineFilePaths(config: DockyardConfig): string[] {
  if (config.output.mode !== 'reusable') return [config.output.gitlab];
  return [`templates/${config.output.reusable?.name ?? DEFAULT_REUSABLE_NAME}.yml`, config.output.gitlab];
}

/** The metadata helper the GitLab pipeline runs (`.gitlab/dockyard-meta.mjs` beside `output.gitlab`), unmarked. */
export function gitlabHelperFiles(config: DockyardConfig, assets: RenderAssets): TargetHelperFile[] {
  return [{ path: gitlabMetaHelperPath(config.output.gitlab), content: assets.gitlabMetaHelper, comment: '//' }];
}

/**
 * Render the GitLab CI files of a validated config, each pipeline file with the generated-file marker.
 *
 * @throws {import('../../tags/tag-rule.js').TagRuleError} only for a config that did not pass `validateConfig`.
 */
export function renderGitlabFiles(config: DockyardConfig, marker: MarkerInfo, assets: RenderAssets): GeneratedFile[] {
  const pipeline = planPipeline(config, 'gitlab');
  const helperPath = gitlabMetaHelperPath(config.output.gitlab);
  const ci = emitGitlabCi(assets.steps, pipeline, helperPath);
  if (config.output.mode !== 'reusable')
    return [
      { ci: 'gitlab', kind: 'pipeline', path: config.output.gitlab, content: addMarker(renderYaml(ci), marker) },
      renderGitlabHelperFile(helperPath, assets),
    ];
  const reusable = config.output.reusable;
  const { spec, template, caller } = emitGitlabComponent(severitiesAsVariable(ci, pipeline.scan.severities), {
    name: reusable?.name ?? DEFAULT_REUSABLE_NAME,
    central: reusable?.gitlab,
  });
  const [unitPath] = gitlabPipelineFilePaths(config);
  return [
    {
      ci: 'gitlab',
      kind: 'pipeline',
      path: unitPath!,
      content: addMarker(renderYamlDocuments([spec, template]), marker),
    },
    { ci: 'gitlab', kind: 'pipeline', path: config.output.gitlab, content: addMarker(renderYaml(caller), marker) },
    renderGitlabHelperFile(helperPath, assets),
  ];
}
