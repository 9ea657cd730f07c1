import { z } from 'zod';

/**
 * SBOM formats Syft writes: SPDX 2.3 JSON or CycloneDX JSON.
 *
 * @see https://github.com/anchore/syft/wiki/Output-Formats
 */
export const SBOM_FORMATS = ['spdx-json', 'cyclonedx-json'] as const;

/** One of {@link SBOM_FORMATS}. */
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/**
 * The SBOM gate: Syft lists the packages of each platform's candidate archive (the exact image that is then
 * pushed), kept as an artifact; on GitLab also a CycloneDX `cyclonedx` report (written in addition when the
 * format is SPDX).
 *
 * @see https://github.com/anchore/syft#readme
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscyclonedx
 */
export const sbomSchema = z
  .strictObject({
    /** `spdx-json` or `cyclonedx-json`. GitLab's `cyclonedx` report is always CycloneDX (written in addition for SPDX). Default `spdx-json`. */
    format: z
      .enum(SBOM_FORMATS)
      .default('spdx-json')
      .describe(
        "`spdx-json` or `cyclonedx-json`. GitLab's `cyclonedx` report is always CycloneDX (written in addition for SPDX). Default `spdx-json`.",
      ),
    /** Days the SBOM artifacts are kept (GitHub allows 1-90 on public repositories). Default `90`. */
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(400)
      .default(90)
      .describe('Days the SBOM artifacts are kept (GitHub allows 1-90 on public repositories). Default `90`.'),
  })
  .describe('The SBOM gate: Syft on each platform candidate.');

/**
 * Keyless signing of the published images with cosign (Sigstore: a short-lived certificate for the pipeline's
 * OIDC identity, logged in Rekor) and build provenance attestations. Runs after the manifest job, on the image
 * index of every registry: the index and, with `--recursive`, each platform manifest are signed; the provenance
 * is attested for the index.
 *
 * @see https://docs.sigstore.dev/cosign/signing/signing_with_containers/
 * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations
 * @see https://docs.gitlab.com/ci/yaml/signing_examples/
 */
export const signingSchema = z
  .strictObject({
    /** Also attest build provenance (SLSA) for each published index: actions/attest-build-provenance on GitHub, `cosign attest` with a SLSA v1 predicate from CI variables on GitLab. Default `true`. */
    provenance: z
      .boolean()
      .default(true)
      .describe(
        'Also attest build provenance (SLSA) for each published index: actions/attest-build-provenance on GitHub, `cosign attest` with a SLSA v1 predicate from CI variables on GitLab. Default `true`.',
      ),
  })
  .describe('Keyless cosign signing and provenance of the published images.');
