import { parse } from 'yaml';
import { validateConfig } from '../../src/config/validate-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles, type GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { splitComponentTemplate } from '../../src/validate/check-gitlab-component.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';

/**
 * Every file `dockyard synth` writes for a golden scenario (test/golden/scenarios.ts), rendered in memory.
 *
 * @throws {Error} when the scenario is unknown or its config is invalid, with the validation errors.
 */
export function renderScenarioFiles(name: string): GeneratedFile[] {
  const input = GOLDEN_SCENARIOS[name];
  if (input === undefined) throw new Error(`no golden scenario ${name}`);
  const result = validateConfig(input);
  if (!result.ok) throw new Error(`scenario ${name}: ${JSON.stringify(result.errors)}`);
  return renderPipelineFiles(
    result.config,
    { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
    readRenderAssets(),
  );
}

/** The reusable-mode outputs of a scenario: the GitHub reusable workflow and the GitLab component template, parsed. */
export interface ReusableScenario {
  readonly files: GeneratedFile[];
  /** The content of a generated file by path; throws when there is none. */
  readonly content: (path: string) => string;
  /** `.github/workflows/image.yml`, parsed. */
  readonly reusable: Record<string, any>;
  /** `templates/image.yml` split into its `spec` header and its body. */
  readonly component: { header: Record<string, any>; body: Record<string, any> };
}

/**
 * Render a reusable-mode scenario and parse its reusable workflow and component template.
 *
 * @throws {Error} when a file is missing or the component template is not two YAML documents.
 */
export function renderReusableScenario(name: string): ReusableScenario {
  const files = renderScenarioFiles(name);
  const content = (path: string): string => {
    const found = files.find((f) => f.path === path);
    if (!found) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
    return found.content;
  };
  const component = splitComponentTemplate(content('templates/image.yml'));
  if (!component) throw new Error(`${name}: templates/image.yml is not a spec header plus a body`);
  return {
    files,
    content,
    reusable: parse(content('.github/workflows/image.yml')) as Record<string, any>,
    component: component as ReusableScenario['component'],
  };
}
