import type { PlatformId } from '../config/schema/primitives.js';
import type { PlannedJob } from './plan-job-steps.js';
import type { ArtifactSpec, JobKind } from './pipeline.js';
import type { VerifyGates } from './verify-gates.js';

/** The gate result files (`dockyard/gates/<gate>[-<slug>].tsv`) handed from each gate job to the summary job. */
export const GATE_RESULTS_ARTIFACT: ArtifactSpec = {
  id: 'gate-results',
  description:
    'one tab-separated line per gate and platform (gate, platform, result, figure, threshold) for the gate summary',
  retentionDays: 1,
};

/**
 * How a gate job that runs the candidate image (the smoke test) reaches it: with the artifact handoff nothing beyond
 * `contents: read`; with the registry handoff the staging registry's login, read access and `staging: 'pull'`, as
 * the test job has.
 */
export type CandidateAccess = Pick<PlannedJob, 'permissions' | 'logsInTo' | 'staging'>;

/** What {@link insertVerifyGateJobs} needs beside the jobs and gates. */
export interface VerifyGateJobOptions {
  /** The platforms the test job runs on (the smoke test runs on the same). */
  readonly testPlatforms: readonly PlatformId[];
  /** Whether the gate jobs write result files and the summary job runs (see `hasGateSummary`). */
  readonly summary: boolean;
  readonly candidateAccess: CandidateAccess;
}

const VERIFY = { stage: 'verify', permissions: { contents: 'read' }, logsInTo: [], secrets: [] } as const;

/** Jobs that write a result file the summary job reads, in the order they appear. */
const SUMMARISED: readonly JobKind[] = ['lint', 'test', 'scan', 'smoke', 'size', 'sbom'];

/**
 * Add the lint, smoke, size and summary jobs a config asks for to the planned jobs (metadata → build → test, scan,
 * [sbom] → push → manifest → [sign]): lint runs first and the build needs it; smoke (on the test platforms) and
 * size (on every platform) check the candidate beside test and scan; the summary (`gates`, right before push)
 * collects every verify-stage gate's result file, the SBOM's included; the push job needs every gate job and the
 * summary, so nothing is published unless every configured gate passed. With the summary, the sign job (publish
 * stage, after manifest) also needs it and reads the results, to render the final table with its own row.
 *
 * Smoke runs the candidate and so reaches it like the test job (`candidateAccess`); size reads only the archive or,
 * with the registry handoff, the manifest the build job recorded, and needs no login.
 *
 * @param jobs the jobs so far (with the supply-chain jobs), in order; not changed.
 */
export function insertVerifyGateJobs(
  jobs: readonly PlannedJob[],
  gates: VerifyGates,
  options: VerifyGateJobOptions,
): PlannedJob[] {
  const { summary, testPlatforms, candidateAccess } = options;
  const results = summary ? (['gate-results'] as const) : [];
  const lint: PlannedJob | undefined = gates.lint
    ? {
        id: 'lint',
        title: 'Lint the Dockerfile (hadolint)',
        needs: [],
        perPlatform: false,
        ...VERIFY,
        consumes: [],
        produces: [...results],
      }
    : undefined;
  const checks: PlannedJob[] = [];
  if (gates.smoke) {
    checks.push({
      id: 'smoke',
      title: 'Start the exact candidate image and wait for its HEALTHCHECK to report healthy',
      needs: ['build'],
      perPlatform: true,
      platforms: [...testPlatforms],
      ...VERIFY,
      ...candidateAccess,
      consumes: ['candidate'],
      produces: [...results],
    });
  }
  if (gates.size) {
    checks.push({
      id: 'size',
      title: 'Measure the candidate image size',
      needs: ['build'],
      perPlatform: true,
      ...VERIFY,
      consumes: ['candidate'],
      produces: [...results],
    });
  }
  const present = new Set<JobKind>([
    ...jobs.map((j) => j.id),
    ...(lint ? ['lint' as const] : []),
    ...checks.map((j) => j.id),
  ]);
  const gateJobs = SUMMARISED.filter((id) => present.has(id));
  const out: PlannedJob[] = [];
  for (const job of jobs) {
    if (job.id === 'build' && lint) out.push(lint);
    if (job.id === 'push' && summary) {
      out.push({
        id: 'gates',
        title: 'Summarise the gate results',
        needs: gateJobs,
        perPlatform: false,
        ...VERIFY,
        consumes: ['gate-results'],
        produces: [],
      });
    }
    out.push(adjust(job, gates, summary, gateJobs));
    if (job.id === 'scan') out.push(...checks);
  }
  return out;
}

function adjust(job: PlannedJob, gates: VerifyGates, summary: boolean, gateJobs: readonly JobKind[]): PlannedJob {
  switch (job.id) {
    case 'build':
      return gates.lint ? { ...job, needs: [...job.needs, 'lint'] } : job;
    case 'test':
    case 'scan':
    case 'sbom':
      return summary ? { ...job, produces: [...job.produces, 'gate-results'] } : job;
    case 'push':
      return summary ? { ...job, needs: ['build', ...gateJobs, 'gates'] } : job;
    case 'sign':
      return summary
        ? {
            ...job,
            needs: [...job.needs, 'gates'],
            consumes: [...job.consumes, 'gate-results'],
            produces: [...job.produces, 'gate-results'],
          }
        : job;
    default:
      return job;
  }
}
