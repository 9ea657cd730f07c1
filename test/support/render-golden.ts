import type { GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { renderScenarioFiles } from './render-scenario.js';

/**
 * The pipeline files of a golden scenario (test/golden/scenarios.ts), rendered in memory as the golden files hold
 * them: the helpers (the 400 KB GitLab metadata bundle) are checked in test/templates, not copied into every golden.
 *
 * @throws {Error} when the scenario is unknown or its config is invalid (see {@link renderScenarioFiles}).
 */
export function renderGoldenPipelineFiles(name: string): GeneratedFile[] {
  return renderScenarioFiles(name).filter((f) => f.kind === 'pipeline');
}
