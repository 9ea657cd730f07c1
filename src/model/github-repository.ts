import type { DockyardConfig } from '../config/schema/index.js';
import type { GithubPlan, RepositoryVisibility } from '../config/schema/github-repository.js';

/**
 * What the GitHub repository the workflow runs in allows, from the config's `github` block (a public repository
 * when absent). The GitHub emitter picks steps from it; `dockyard plan` and `dockyard doctor` explain it
 * (github-repository-notes.ts).
 */
export interface GithubRepositorySpec {
  readonly visibility: RepositoryVisibility;
  readonly plan: GithubPlan;
  /** Code scanning accepts SARIF uploads: `scan.report` uploads there, else keeps the SARIF as an artifact. */
  readonly codeScanning: boolean;
  /**
   * How the sign job attests provenance on GitHub: `artifact-attestations` (actions/attest-build-provenance,
   * GitHub's artifact attestations) or `cosign` (`cosign attest` with a SLSA v1 predicate, where artifact
   * attestations are unavailable).
   *
   * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds
   */
  readonly attestations: 'artifact-attestations' | 'cosign';
  /**
   * Artifact storage included in the plan, in MB as GitHub counts them (1 MB = 2^20 bytes), for private and
   * internal repositories; undefined for public ones, whose artifact storage is free.
   */
  readonly includedStorageMB?: number;
}

/**
 * Artifact storage included per plan (MB of 2^20 bytes), shared with GitHub Packages storage.
 *
 * @see https://docs.github.com/billing/concepts/product-billing/github-actions#free-use-of-github-actions
 */
export const INCLUDED_ARTIFACT_STORAGE_MB: Readonly<Record<GithubPlan, number>> = {
  free: 500,
  pro: 1024,
  team: 2048,
  enterprise: 51200,
};

/** Days the SARIF report is kept as an artifact where code scanning is not available (GitLab keeps its report 30 days too). */
export const SCAN_REPORT_RETENTION_DAYS = 30;

/**
 * Plan the GitHub repository part of the model:
 * - code scanning: the config's `codeScanning`, else available on public repositories only (private and internal
 *   ones need GitHub Code Security, a paid add-on that is off unless enabled);
 * - attestations: GitHub's artifact attestations on public repositories and on every repository of GitHub
 *   Enterprise Cloud; `cosign attest` on private and internal repositories of the other plans;
 * - the included artifact storage of private and internal repositories.
 *
 * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds
 * @see https://docs.github.com/code-security/code-scanning/reference
 */
export function planGithubRepository(config: DockyardConfig): GithubRepositorySpec {
  const visibility = config.github?.visibility ?? 'public';
  const plan = config.github?.plan ?? 'free';
  const open = visibility === 'public';
  return {
    visibility,
    plan,
    codeScanning: config.github?.codeScanning ?? open,
    attestations: open || plan === 'enterprise' ? 'artifact-attestations' : 'cosign',
    ...(open ? {} : { includedStorageMB: INCLUDED_ARTIFACT_STORAGE_MB[plan] }),
  };
}
