import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import type { GithubJob, GithubWorkflow } from '../../src/targets/github/github-types.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { stepScripts } from './step-scripts.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';

/**
 * The GitHub Actions workflow of a golden scenario (test/golden/scenarios.ts), as an object, with `patch` applied to
 * its config first.
 *
 * @throws {Error} when the patched config is invalid, with the validation errors.
 */
export function emitGithubScenario(scenario: string, patch: Record<string, unknown> = {}): GithubWorkflow {
  const result = validateConfig({ ...GOLDEN_SCENARIOS[scenario], ...patch });
  if (!result.ok) throw new Error(`${scenario}: ${JSON.stringify(result.errors)}`);
  return emitGithubWorkflow(stepScripts, planPipeline(result.config, 'github'));
}

/** An artifact a job uploads or downloads: its name (or download pattern) and path, as the step's `with` has them. */
export interface GithubArtifactUse {
  readonly name: string;
  readonly path: string;
}

const PATTERN = /^actions\/(upload|download)-artifact@/;

/** The artifacts a job uploads (`actions/upload-artifact`) and downloads (`actions/download-artifact`), in step order. */
export function githubArtifactsOf(job: GithubJob): { uploads: GithubArtifactUse[]; downloads: GithubArtifactUse[] } {
  const uses = (kind: string): GithubArtifactUse[] =>
    job.steps
      .filter((s) => PATTERN.exec(s.uses ?? '')?.[1] === kind)
      .map((s) => ({ name: String(s.with?.name ?? s.with?.pattern), path: String(s.with?.path) }));
  return { uploads: uses('upload'), downloads: uses('download') };
}
