import type { DockyardConfig } from '../config/schema/index.js';
import { planGithubRepository } from './github-repository.js';
import type { PlannedJob } from './plan-job-steps.js';
import type { ArtifactSpec, JobPermissions, SbomSpec, ScanSpec, SigningSpec } from './pipeline.js';

/** The scan gate of the model, from the validated config. */
export function planScan(config: DockyardConfig): ScanSpec {
  const { scan } = config;
  return {
    scanner: scan.scanner,
    severities: [...scan.severities],
    ignoreUnfixed: scan.ignoreUnfixed,
    ...(scan.ignoreFile !== undefined ? { ignoreFile: scan.ignoreFile } : {}),
    report: scan.report,
  };
}

/** The SBOM and signing parts of the model (absent keys when not configured). */
export function planSupplyChain(config: DockyardConfig): { sbom?: SbomSpec; signing?: SigningSpec } {
  return {
    ...(config.sbom ? { sbom: { format: config.sbom.format, retentionDays: config.sbom.retentionDays } } : {}),
    ...(config.signing ? { signing: { provenance: config.signing.provenance } } : {}),
  };
}

/** Artifacts of the supply-chain gates, added to the pipeline's list when configured. */
export function supplyChainArtifacts(config: DockyardConfig): ArtifactSpec[] {
  return [
    ...(config.sbom
      ? [
          {
            id: 'sbom' as const,
            description: 'the SBOM of each platform candidate (Syft), named by the platform slug',
            retentionDays: config.sbom.retentionDays,
          },
        ]
      : []),
    ...(config.signing
      ? [
          {
            id: 'published' as const,
            description: 'one `repository@digest` line per registry whose image index the manifest job pushed',
            retentionDays: 1,
          },
        ]
      : []),
  ];
}

/**
 * Add the supply-chain gates to the planned jobs:
 * - `scan` with `report` uploads SARIF to code scanning where the repository has it (github-repository.ts):
 *   `security-events: write` (and `actions: read`), in that job only;
 * - `sbom` (per platform, needs `build`, verify stage) when configured; `push` then also needs it, so nothing is
 *   published without its SBOM;
 * - `manifest` records the published index digests (`published`) when signing is on;
 * - `sign` (once, needs `manifest`, publish stage) signs them keylessly: the only job with `id-token: write`, and
 *   `attestations: write` when it attests provenance with GitHub's artifact attestations. It logs in to every registry (signatures and attestations
 *   are stored next to the image).
 *
 * @param jobs the jobs of `planJobs`, in order of trust; not changed.
 * @returns a new list in order of trust: …, test, scan, sbom, push, manifest, sign.
 */
export function addSupplyChainJobs(
  config: DockyardConfig,
  jobs: readonly PlannedJob[],
  registryCount: number,
): PlannedJob[] {
  const github = planGithubRepository(config);
  const out: PlannedJob[] = [];
  for (const job of jobs) {
    if (job.id === 'scan') {
      out.push(
        config.scan.report && github.codeScanning
          ? { ...job, permissions: { ...job.permissions, 'security-events': 'write', actions: 'read' } }
          : job,
      );
      if (config.sbom) out.push(sbomJob());
    } else if (job.id === 'push' && config.sbom) {
      out.push({ ...job, needs: [...job.needs, 'sbom'] });
    } else if (job.id === 'manifest' && config.signing) {
      out.push({ ...job, produces: [...job.produces, 'published'] });
    } else {
      out.push(job);
    }
  }
  if (config.signing)
    out.push(
      signJob(
        config.signing.provenance && github.attestations === 'artifact-attestations',
        config.signing.provenance,
        registryCount,
      ),
    );
  return out;
}

function sbomJob(): PlannedJob {
  return {
    id: 'sbom',
    title: 'Generate the SBOM of the exact candidate image (Syft)',
    needs: ['build'],
    perPlatform: true,
    stage: 'verify',
    permissions: { contents: 'read' },
    consumes: ['candidate'],
    produces: ['sbom'],
    logsInTo: [],
    secrets: [],
  };
}

function signJob(githubAttestations: boolean, provenance: boolean, registryCount: number): PlannedJob {
  const permissions: JobPermissions = {
    contents: 'read',
    packages: 'write',
    'id-token': 'write',
    ...(githubAttestations ? { attestations: 'write' as const } : {}),
  };
  return {
    id: 'sign',
    title: provenance
      ? 'Sign the published images and attest their provenance (keyless)'
      : 'Sign the published images (keyless)',
    needs: ['manifest'],
    perPlatform: false,
    stage: 'publish',
    permissions,
    consumes: ['published'],
    produces: [],
    logsInTo: Array.from({ length: registryCount }, (_, i) => i),
    secrets: [],
  };
}
