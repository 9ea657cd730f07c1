import { z } from 'zod';

/**
 * Visibilities of a GitHub repository. `internal` repositories exist only in GitHub Enterprise Cloud (and Server).
 *
 * @see https://docs.github.com/repositories/creating-and-managing-repositories/about-repositories#about-repository-visibility
 */
export const REPOSITORY_VISIBILITIES = ['public', 'private', 'internal'] as const;

/** One of {@link REPOSITORY_VISIBILITIES}. */
export type RepositoryVisibility = (typeof REPOSITORY_VISIBILITIES)[number];

/**
 * GitHub plans of the account that owns the repository: `free` (GitHub Free, for a personal account or an
 * organization), `pro` (personal accounts), `team` (organizations), `enterprise` (GitHub Enterprise Cloud).
 *
 * @see https://docs.github.com/get-started/learning-about-github/githubs-plans
 */
export const GITHUB_PLANS = ['free', 'pro', 'team', 'enterprise'] as const;

/** One of {@link GITHUB_PLANS}. */
export type GithubPlan = (typeof GITHUB_PLANS)[number];

/**
 * The GitHub repository the workflow runs in: its visibility and the owner's plan decide what the generated
 * workflow may use there (docs/platforms-and-runners.md, "Private repositories"):
 * - artifact attestations (actions/attest-build-provenance) on private and internal repositories only with
 *   GitHub Enterprise Cloud; elsewhere the provenance is attested with `cosign attest`;
 * - SARIF uploads to code scanning on private and internal repositories only where GitHub Code Security is
 *   enabled (`codeScanning: true`, organizations on Team or Enterprise Cloud); elsewhere the report is kept as
 *   an artifact and summarised in the job summary;
 * - artifact storage (the artifact handoff) is free on public repositories and metered against the plan's
 *   included storage on private ones (`dockyard plan` and `dockyard doctor` estimate it).
 *
 * Absent: a public repository (the behaviour of earlier versions).
 *
 * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds
 * @see https://docs.github.com/code-security/code-scanning/reference
 * @see https://docs.github.com/billing/concepts/product-billing/github-actions
 */
export const githubRepositorySchema = z
  .strictObject({
    /** `public`, `private` or `internal` (Enterprise Cloud only). Default `public`. */
    visibility: z
      .enum(REPOSITORY_VISIBILITIES)
      .default('public')
      .describe('`public`, `private` or `internal` (Enterprise Cloud only). Default `public`.'),
    /** The owner's plan: `free`, `pro`, `team` or `enterprise` (GitHub Enterprise Cloud). Matters only for private and internal repositories. Default `free`. */
    plan: z
      .enum(GITHUB_PLANS)
      .default('free')
      .describe(
        "The owner's plan: `free`, `pro`, `team` or `enterprise` (GitHub Enterprise Cloud). Matters only for private and internal repositories. Default `free`.",
      ),
    /** Whether code scanning accepts SARIF uploads (`scan.report`): always on public repositories; on private and internal ones only with GitHub Code Security enabled (organizations on `team` or `enterprise`). Default: `true` when public, else `false`. */
    codeScanning: z
      .boolean()
      .optional()
      .describe(
        'Whether code scanning accepts SARIF uploads (`scan.report`): always on public repositories; on private and internal ones only with GitHub Code Security enabled (organizations on `team` or `enterprise`). Default: `true` when public, else `false`.',
      ),
  })
  .describe('The GitHub repository the workflow runs in: visibility and plan.')
  .meta({ examples: [{ visibility: 'private', plan: 'team', codeScanning: true }] });
