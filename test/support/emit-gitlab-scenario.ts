import { validateConfig } from '../../src/config/validate-config.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import type { GitlabCiConfig } from '../../src/targets/gitlab/gitlab-ci-types.js';
import type { GitlabJob } from '../../src/targets/gitlab/gitlab-types.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { resolveGitlabJob } from './gitlab-jobs.js';
import { stepScripts } from './step-scripts.js';

/** The global keywords of a GitLab CI configuration (every other top-level key is a job). */
const KEYWORDS = new Set(['workflow', 'variables', 'stages', 'include', 'default', 'spec']);

/**
 * The GitLab CI configuration of a golden scenario (test/golden/scenarios.ts), as an object, with `patch` applied to
 * its config first.
 *
 * @throws {Error} when the patched config is invalid, with the validation errors.
 */
export function emitGitlabScenario(scenario: string, patch: Record<string, unknown> = {}): GitlabCiConfig {
  const result = validateConfig({ ...GOLDEN_SCENARIOS[scenario], ...patch });
  if (!result.ok) throw new Error(`${scenario}: ${JSON.stringify(result.errors)}`);
  return emitGitlabCi(stepScripts, planPipeline(result.config, 'gitlab'), '.gitlab/dockyard-meta.mjs');
}

/**
 * A job as GitLab runs it: merged with the hidden job it extends (see {@link resolveGitlabJob}).
 *
 * @throws {Error} when there is no job of that name, naming the keys there are.
 */
export function gitlabJobOf(ci: GitlabCiConfig, name: string): GitlabJob {
  const job = ci[name];
  if (job === undefined || Array.isArray(job) || KEYWORDS.has(name))
    throw new Error(`no job ${name} in ${Object.keys(ci).join(', ')}`);
  return resolveGitlabJob(ci, job as Record<string, unknown>) as GitlabJob;
}

/** The names of the jobs GitLab runs, in file order: no global keyword, no hidden job (`.scan`). */
export function gitlabJobNames(ci: GitlabCiConfig): string[] {
  return Object.keys(ci).filter((name) => !KEYWORDS.has(name) && !name.startsWith('.'));
}
