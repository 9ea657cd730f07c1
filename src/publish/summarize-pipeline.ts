import { targetOf } from '../targets/registry.js';
import type { DockyardConfig } from '../config/schema/index.js';
import { platformsOf, type TestSpec } from '../model/pipeline.js';
import { planPipeline } from '../model/plan-pipeline.js';
import { hasGateSummary, sizeThreshold } from '../model/verify-gates.js';

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
    const notes = config.ci.filter((ci) => targetOf(ci).platformRunnerOf(p).emulated).map((ci) => targetOf(ci).name);
    return notes.length > 0 ? `${p.platform} (QEMU on ${notes.join(' and ')})` : p.platform;
  });
  const jobs = pipeline.jobs.map((job) => {
    const count = job.perPlatform ? platformsOf(pipeline, job).length : 1;
    return job.perPlatform ? `${job.id} ×${count}: ${job.title}` : `${job.id}: ${job.title}`;
  });
  const test = pipeline.test;
  const testJob = pipeline.jobs.find((j) => j.id === 'test');
  const testPlatforms = testJob
    ? platformsOf(pipeline, testJob)
        .map((p) => p.platform)
        .join(', ')
    : '';
  const { coverage, smoke, size, lint } = pipeline.gates;
  const gates = [
    ...(lint ? [`lint: hadolint fails on findings >= ${lint.failureThreshold}`] : []),
    `test: ${describeTest(test)} (${testPlatforms})`,
    ...(coverage
      ? [`coverage: at least ${coverage.minimum}% of lines (${coverage.format} report from the test ${coverage.from})`]
      : []),
    `scan: Trivy fails on ${pipeline.scan.severities.join(', ')}${pipeline.scan.ignoreUnfixed ? ' (unfixed ignored)' : ''}`,
    ...(smoke ? [`smoke: the candidate's HEALTHCHECK reports healthy within ${smoke.timeoutSeconds} s`] : []),
    ...(size ? [`size: ${sizeThreshold(size)}`] : []),
    hasGateSummary(pipeline)
      ? 'publish: push and manifest run only after every gate passes, never for pull/merge requests'
      : 'publish: push and manifest run only after build, test and scan pass, never for pull/merge requests',
  ];
  const registries = pipeline.registries.map((r) =>
    r.type === 'native'
      ? 'the CI system’s own registry (ghcr.io / GitLab registry)'
      : describeRegistry(r, pipeline.image.name),
  );
  return { image: pipeline.image.name, ci: [...config.ci], platforms, jobs, gates, registries };
}

function describeRegistry(registry: object, image: string): string {
  const r = registry as { type: string; host?: string; repository?: string };
  return `${r.type}${r.host ? ` (${r.host})` : ''}: ${r.repository ?? image}`;
}

function describeTest(test: TestSpec): string {
  const parts = [
    ...(test.target !== undefined ? [`Dockerfile stage \`${test.target}\` built on the candidate`] : []),
    ...(test.commands ? [`${test.commands.length} command(s) in the candidate`] : []),
  ];
  return parts.join(', then ');
}
