import { githubPlatformRunner } from './github-platform-runners.js';
import { SCAN_REPORT_RETENTION_DAYS } from '../../model/github-repository.js';
import type { Pipeline } from '../../model/pipeline.js';

/** The topics of {@link RepositoryNote}: one per platform limit dockyard works around or warns about. */
export type RepositoryNoteTopic =
  'attestations' | 'code-scanning' | 'arm64-runner' | 'artifact-storage' | 'transparency-log';

/**
 * One thing the GitHub repository's visibility and plan changed in the workflow, or a cost to know about. `info`:
 * dockyard chose something that works there; `warning`: a limit the pipeline may hit or a disclosure to accept.
 */
export interface RepositoryNote {
  readonly topic: RepositoryNoteTopic;
  readonly severity: 'info' | 'warning';
  readonly message: string;
  /** What to change, when something can be changed. */
  readonly fix?: string;
}

/** Hours of a 30-day month: GitHub turns GB-hours into GB-months by the month's hours ("usually 720"). */
const HOURS_PER_MONTH = 720;
/** Hours a candidate archive is stored: the artifact handoff keeps it one day (`retention-days: 1`). */
const CANDIDATE_HOURS = 24;
/** Bytes of GitHub's storage GB (binary: 2^30) and of a size-gate MB (decimal, as `docker image ls`). */
const GITHUB_GB = 2 ** 30;
const SIZE_GATE_MB = 1_000_000;

/**
 * The notes `dockyard plan` prints and `dockyard doctor` reports for the GitHub repository of a pipeline (none
 * for a public repository with code scanning): the provenance fallback to `cosign attest`, the SARIF kept as an
 * artifact, the arm64 standard runner's smaller size and metered minutes, the artifact handoff's storage against
 * the plan's included storage (estimated from the size gate's limit when there is one), and keyless signing's
 * public transparency log. Pure; order: attestations, code scanning, runner, storage, transparency log.
 *
 * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds
 * @see https://docs.github.com/code-security/code-scanning/reference
 * @see https://docs.github.com/actions/reference/runners/github-hosted-runners#standard-github-hosted-runners-for--private-repositories
 * @see https://docs.github.com/billing/concepts/product-billing/github-actions#how-storage-billing-works
 * @see https://docs.sigstore.dev/cosign/signing/overview/
 * @see https://github.com/actions/attest-build-provenance#readme (private repositories use GitHub's private Sigstore instance)
 */
export function describeGithubRepository(pipeline: Pipeline): RepositoryNote[] {
  const { github } = pipeline;
  const where = `${github.visibility} repositories on plan "${github.plan}"`;
  const notes: RepositoryNote[] = [];
  if (pipeline.signing?.provenance && github.attestations === 'cosign') {
    notes.push({
      topic: 'attestations',
      severity: 'info',
      message: `artifact attestations (actions/attest-build-provenance) need GitHub Enterprise Cloud on ${github.visibility} repositories: the sign job attests the provenance with \`cosign attest\` (SLSA v1, GitHub's build type), stored next to the image; verify it with \`cosign verify-attestation --type slsaprovenance1\``,
      fix: 'nothing to do; with GitHub Enterprise Cloud set github.plan "enterprise" to use artifact attestations (`gh attestation verify`)',
    });
  }
  if (pipeline.scan.report && !github.codeScanning) {
    notes.push({
      topic: 'code-scanning',
      severity: 'warning',
      message: `code scanning does not take SARIF uploads on ${github.visibility === 'public' ? 'this repository (github.codeScanning false)' : `${where} without GitHub Code Security`}: the findings stay out of the Security tab; each scan job keeps its SARIF as the artifact dockyard-scan-<slug> (${SCAN_REPORT_RETENTION_DAYS} days) and counts the findings in the job summary`,
      fix: 'enable GitHub Code Security for the repository (organizations on Team or Enterprise Cloud) and set github.codeScanning true',
    });
  }
  const arm = pipeline.platforms
    .map((p) => ({ platform: p.platform, ...githubPlatformRunner(p) }))
    .filter((p) => p.runner.endsWith('-arm') && !p.emulated);
  if (github.visibility !== 'public' && arm.length > 0) {
    notes.push({
      topic: 'arm64-runner',
      severity: 'info',
      message: `${arm.map((p) => p.platform).join(', ')} build${arm.length > 1 ? '' : 's'} natively on ${[...new Set(arm.map((p) => p.runner))].join(', ')}: a standard runner on ${github.visibility} repositories too, there with 2 vCPU and 8 GB (4 vCPU and 16 GB on public ones); its minutes count against the plan's included minutes`,
    });
  }
  const storage = describeArtifactStorage(pipeline);
  if (storage) notes.push(storage);
  if (pipeline.signing && github.visibility !== 'public') {
    notes.push({
      topic: 'transparency-log',
      severity: 'warning',
      message: `keyless cosign signing records its certificate, which names this ${github.visibility} repository and its workflow file, in Sigstore's public transparency log (Rekor)`,
      fix: 'accept that the repository and workflow names become public, or turn signing off',
    });
  }
  return notes;
}

/**
 * The artifact handoff's storage on a private or internal repository: one candidate archive per platform, kept a
 * day, against the plan's included storage (shared with GitHub Packages storage), which GitHub meters in
 * GB-hours. A warning for several platforms outside Enterprise Cloud, else information; none on public
 * repositories or with the registry handoff (ghcr's container storage is not metered today).
 */
function describeArtifactStorage(pipeline: Pipeline): RepositoryNote | undefined {
  const { github } = pipeline;
  if (github.includedStorageMB === undefined || pipeline.handoff.mode !== 'artifact') return undefined;
  const count = pipeline.platforms.length;
  const included = (github.includedStorageMB * 2 ** 20) / GITHUB_GB;
  const includedHours = included * HOURS_PER_MONTH;
  const limitMb = pipeline.gates.size?.limitMb;
  const quota = `plan "${github.plan}" includes ${formatGb(included)} of artifact storage (${round(includedHours)} GB-hours in a 30-day month, shared with GitHub Packages)`;
  let estimate: string;
  if (limitMb !== undefined) {
    const bytes = count * limitMb * SIZE_GATE_MB;
    const perRun = (bytes / GITHUB_GB) * CANDIDATE_HOURS;
    estimate = `up to ${formatBytes(bytes)} per run (${count} × the size gate's ${limitMb} MB limit), ${round(perRun)} GB-hours; ${quota}: about ${Math.floor(includedHours / perRun)} such runs a month`;
  } else {
    const perHundred = (100 * SIZE_GATE_MB * count * CANDIDATE_HOURS) / GITHUB_GB;
    estimate = `each 100 MB of archive costs ${round(perHundred)} GB-hours per run; ${quota} (set size.limit for an estimate)`;
  }
  return {
    topic: 'artifact-storage',
    severity: count > 1 && github.plan !== 'enterprise' ? 'warning' : 'info',
    message: `the artifact handoff stores ${count} candidate archive${count > 1 ? 's' : ''} per run for a day: ${estimate}; once it is used up, usage is blocked unless a payment method is on file`,
    fix: 'handoff "registry" (the candidates wait in a staging repository; ghcr does not meter container storage today), or fewer platforms',
  };
}

function round(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Number(value.toFixed(1)));
}

function formatGb(gb: number): string {
  return gb >= 1 ? `${round(gb)} GB` : `${Math.round(gb * 1024)} MB`;
}

/** Bytes in GitHub's binary GB, two decimals: `0.84 GB`. */
function formatBytes(bytes: number): string {
  return `${(bytes / GITHUB_GB).toFixed(2)} GB`;
}
