import type { DockyardConfig } from '../config/schema/index.js';
import { platformsOf } from '../model/pipeline.js';
import { planPipeline } from '../model/plan-pipeline.js';

/**
 * What a reviewer needs to know about a generated pipeline, as short lines of text.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobs
 */
export interface PipelineSummary {
  readonly image: string;
  readonly ci: readonly string[];
  /** Platforms, with `(QEMU on GitHub)` style notes where a platform is emulated. */
  readonly platforms: readonly string[];
  /** Jobs in order, e.g. `build ×2 (one per platform)`. */
  readonly jobs: readonly string[];
  /** The gates an image passes before it is published. */
  readonly gates: readonly string[];
  /** Where it is published. */
  readonly registries: readonly string[];
}

/**
 * Summarise the pipeline a config produces, from the platform-neutral model (`planPipeline`): jobs (with how many
 * instances per platform), platforms, gates (test, scan, publish rules) and registries. Pure.
 *
 * @param config a config returned by `validateConfig`.
  * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobs
 */
export function summarizePipeline(config: DockyardConfig): PipelineSummary {
  const pipeline = planPipeline(config);
  const platforms = pipeline.platforms.map((p) => {
    const notes = [p.githubEmulated && config.ci.includes('github') ? 'GitHub' : '', p.gitlabEmulated && config.ci.includes('gitlab') ? 'GitLab' : ''].filter(Boolean);
    return notes.length > 0 ? `${p.platform} (QEMU on ${notes.join(' and ')})` : p.platform;
  });
  const jobs = pipeline.jobs.map((job) => {
    const count = job.perPlatform ? platformsOf(pipeline, job).length : 1;
    return job.perPlatform ? `${job.id} ×${count}: ${job.title}` : `${job.id}: ${job.title}`;
  });
  const test = pipeline.test;
  const testJob = pipeline.jobs.find((j) => j.id === 'test');
  const testPlatforms = testJob ? platformsOf(pipeline, testJob).map((p) => p.platform).join(', ') : '';
  const gates = [
    test.mode === 'target' ? `test: Dockerfile stage \`${test.target}\` built on the candidate (${testPlatforms})` : `test: ${test.commands.length} command(s) in the candidate (${testPlatforms})`,
    `scan: Trivy fails on ${pipeline.scan.severities.join(', ')}${pipeline.scan.ignoreUnfixed ? ' (unfixed ignored)' : ''}`,
    'publish: push and manifest run only after build, test and scan pass, never for pull/merge requests',
  ];
  const registries = pipeline.registries.map((r) => (r.type === 'native' ? 'the CI system’s own registry (ghcr.io / GitLab registry)' : describeRegistry(r, pipeline.image.name)));
  return { image: pipeline.image.name, ci: [...config.ci], platforms, jobs, gates, registries };
}

function describeRegistry(registry: object, image: string): string {
  const r = registry as { type: string; host?: string; repository?: string };
  return `${r.type}${r.host ? ` (${r.host})` : ''}: ${r.repository ?? image}`;
}
