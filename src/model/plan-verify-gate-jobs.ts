import type { PlatformId } from '../config/schema/primitives.js';
import type { ArtifactSpec, Job, JobKind } from './pipeline.js';
import { hasGateSummary, type VerifyGates } from './verify-gates.js';

/** The gate result files (`dockyard/gates/<gate>[-<slug>].tsv`) handed from each gate job to the summary job. */
export const GATE_RESULTS_ARTIFACT: ArtifactSpec = {
  id: 'gate-results',
  description: 'one tab-separated line per gate and platform (gate, platform, result, figure, threshold) for the gate summary',
  retentionDays: 1,
};

const VERIFY = { stage: 'verify', permissions: { contents: 'read' }, logsInTo: [], secrets: [] } as const;

/**
 * Add the lint, smoke, size and summary jobs a config asks for to the core jobs (metadata → build → test, scan →
 * push → manifest): lint runs first and the build needs it; smoke (on the test platforms) and size (on every
 * platform) check the candidate beside test and scan; the summary (`gates`) collects every gate's result file;
 * the push job needs every gate job, so nothing is published unless every configured gate passed.
 *
 * @param jobs the core jobs, in order; not changed.
 * @param testPlatforms the platforms the test job runs on (the smoke test runs on the same).
 */
export function insertVerifyGateJobs(jobs: readonly Job[], gates: VerifyGates, testPlatforms: readonly PlatformId[]): Job[] {
  const summary = hasGateSummary(gates);
  const results = summary ? (['gate-results'] as const) : [];
  const extra: Job[] = [];
  if (gates.lint) {
    extra.push({ id: 'lint', title: 'Lint the Dockerfile (hadolint)', needs: [], perPlatform: false, ...VERIFY, consumes: [], produces: [...results] });
  }
  if (gates.smoke) {
    extra.push({
      id: 'smoke',
      title: 'Start the exact candidate image and wait for its HEALTHCHECK to report healthy',
      needs: ['build'],
      perPlatform: true,
      platforms: [...testPlatforms],
      ...VERIFY,
      consumes: ['candidate'],
      produces: [...results],
    });
  }
  if (gates.size) {
    extra.push({ id: 'size', title: 'Measure the candidate image size', needs: ['build'], perPlatform: true, ...VERIFY, consumes: ['candidate'], produces: [...results] });
  }
  const gateJobs: JobKind[] = [...(gates.lint ? ['lint' as const] : []), 'test', 'scan', ...(gates.smoke ? ['smoke' as const] : []), ...(gates.size ? ['size' as const] : [])];
  if (summary) {
    extra.push({ id: 'gates', title: 'Summarise the gate results', needs: gateJobs, perPlatform: false, ...VERIFY, consumes: ['gate-results'], produces: [] });
  }
  const byId = new Map(extra.map((job) => [job.id, job]));
  const out: Job[] = [];
  for (const job of jobs) {
    if (job.id === 'build' && byId.has('lint')) out.push(byId.get('lint')!);
    out.push(adjust(job, gates, summary, gateJobs));
    if (job.id === 'scan') out.push(...extra.filter((j) => j.id !== 'lint'));
  }
  return out;
}

function adjust(job: Job, gates: VerifyGates, summary: boolean, gateJobs: readonly JobKind[]): Job {
  switch (job.id) {
    case 'build':
      return gates.lint ? { ...job, needs: [...job.needs, 'lint'] } : job;
    case 'test':
      return summary ? { ...job, produces: [...job.produces, 'gate-results'] } : job;
    case 'push':
      return summary ? { ...job, needs: ['build', ...gateJobs, 'gates'] } : job;
    default:
      return job;
  }
}
