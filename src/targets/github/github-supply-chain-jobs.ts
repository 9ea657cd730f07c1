import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { SBOM_THRESHOLD, signThreshold } from '../../model/verify-gates.js';
import { recordGateResultScript, recordPassScript } from '../../emit/gate-scripts.js';
import {
  githubProvenanceScript,
  publishedDigestOutputsScript,
  signPublishedScript,
  verifyInstructionsScript,
} from '../../emit/supply-chain-scripts.js';
import { TOOL_VERSIONS } from '../../emit/tool-versions.js';
import { useAction } from './action-pins.js';
import { GATES_DIR_SH, gateResultSteps, gateTableSteps, NOT_CANCELLED, PLATFORM_ENV } from './github-gate-results.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import type { GithubStep } from './github-types.js';
import { CANDIDATE_DIR, downloadCandidateStep } from './github-candidate.js';
import { quoteShellWord } from '../../emit/shell-quote.js';

const SBOM_DIR = '${{ runner.temp }}/dockyard-sbom';
/** Where the manifest job collects, and the sign job reads, the `repository@digest` lines. */
export const PUBLISHED_DIR = '${{ runner.temp }}/dockyard-published';
const PUBLISHED_SH = '"$RUNNER_TEMP/dockyard-published/published"';
const ANY_PUBLISHED = "steps.published.outputs.any == 'true'";
/** The SLSA predicate the sign job writes for `cosign attest` where GitHub's artifact attestations are not available. */
const PROVENANCE_SH = '"$RUNNER_TEMP/dockyard-provenance.json"';

/** File extension of each SBOM format. */
export const SBOM_EXTENSIONS = { 'spdx-json': 'spdx.json', 'cyclonedx-json': 'cdx.json' } as const;

/**
 * Steps of the sbom job: Syft (anchore/sbom-action, pinned Syft version) on this platform's candidate archive,
 * uploaded as `dockyard-sbom-<slug>` (the action's own upload and release assets are turned off), and the gate
 * result (`sbom-<slug>.tsv`, github-gate-results.ts) as `dockyard-gates-sbom-<slug>`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/anchore/sbom-action#configuration
 */
export function sbomSteps(scripts: StepScripts, pipeline: Pipeline): GithubStep[] {
  const format = pipeline.sbom?.format ?? 'spdx-json';
  return [
    downloadCandidateStep(),
    useAction('sbom', 'Generate the SBOM (Syft)', {
      image: `oci-archive:${CANDIDATE_DIR}/image.tar`,
      format,
      'output-file': `${SBOM_DIR}/sbom-\${{ matrix.slug }}.${SBOM_EXTENSIONS[format]}`,
      'upload-artifact': false,
      'upload-release-assets': false,
      'syft-version': TOOL_VERSIONS.syft,
    }),
    useAction('uploadArtifact', 'Upload the SBOM', {
      name: 'dockyard-sbom-${{ matrix.slug }}',
      path: SBOM_DIR,
      'if-no-files-found': 'error',
      'retention-days': retentionDaysOf(pipeline, 'sbom'),
    }),
    {
      name: 'Record the SBOM result',
      run: recordPassScript(scripts, GATES_DIR_SH, 'sbom', format, SBOM_THRESHOLD),
      env: { ...PLATFORM_ENV },
    },
    ...gateResultSteps(scripts, pipeline, 'sbom'),
  ];
}

/**
 * Steps of the sign job: read the digests the manifest job published, install cosign, log in, sign each index
 * keylessly and recursively (GitHub's OIDC token: this job alone has `id-token: write`), attest build provenance
 * of each index with actions/attest-build-provenance (pushed to the registry) or, where the repository has no
 * artifact attestations (private and internal repositories outside GitHub Enterprise Cloud), with `cosign attest`
 * and a SLSA v1 predicate written from the run's variables (stored next to the image), and print the verify
 * commands in the job summary. Last, the `sign` gate result and the final gate table (every gate's result, the verify-stage
 * ones downloaded, and this one) in the job summary.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/sigstore/cosign-installer#usage
 * @see https://github.com/actions/attest-build-provenance#container-image
 * @see https://docs.github.com/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds
 */
export function signSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const provenance = pipeline.signing?.provenance ?? false;
  const withCosign = provenance && pipeline.github.attestations === 'cosign';
  const withGithub = provenance && !withCosign;
  return [
    useAction('downloadArtifact', 'Download the published digests', {
      name: 'dockyard-published',
      path: PUBLISHED_DIR,
    }),
    {
      name: 'Read the published digests',
      id: 'published',
      run: publishedDigestOutputsScript(PUBLISHED_SH),
      env: { DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' ') },
    },
    useAction('cosignInstaller', 'Install cosign', { 'cosign-release': TOOL_VERSIONS.cosign }, { if: ANY_PUBLISHED }),
    ...loginSteps(loginRegistriesOf(job, registries), ANY_PUBLISHED),
    ...(withCosign
      ? [
          {
            name: 'Write the provenance predicate (SLSA v1)',
            if: ANY_PUBLISHED,
            run: githubProvenanceScript(PROVENANCE_SH),
          },
        ]
      : []),
    {
      name: withCosign
        ? 'Sign the published images and attest their provenance (keyless, cosign)'
        : 'Sign the published images (keyless, recursive)',
      if: ANY_PUBLISHED,
      run: signPublishedScript(PUBLISHED_SH, withCosign ? PROVENANCE_SH : undefined),
    },
    ...(withGithub
      ? registries.map((r, i) =>
          useAction(
            'attestProvenance',
            `Attest build provenance (${r.ref})`,
            {
              'subject-name': attestationSubject(r.ref),
              'subject-digest': `\${{ steps.published.outputs.digest${i} }}`,
              'push-to-registry': true,
              // Storage records would need `artifact-metadata: write`; the attestation itself does not.
              'create-storage-record': false,
            },
            { if: `steps.published.outputs.digest${i} != ''` },
          ),
        )
      : []),
    {
      name: 'Print the verify commands',
      if: ANY_PUBLISHED,
      run: [
        'DOCKYARD_CERT_IDENTITY="$GITHUB_SERVER_URL/$GITHUB_WORKFLOW_REF"',
        verifyInstructionsScript(PUBLISHED_SH, '"$RUNNER_TEMP/dockyard-verify.md"'),
        'tee -a "$GITHUB_STEP_SUMMARY" < "$RUNNER_TEMP/dockyard-verify.md"',
      ].join('\n'),
      env: {
        DOCKYARD_CERT_ISSUER: 'https://token.actions.githubusercontent.com',
        DOCKYARD_PROVENANCE: withCosign ? 'cosign' : withGithub ? 'github' : '',
      },
    },
    {
      name: 'Record the signing result',
      run: recordGateResultScript(scripts, GATES_DIR_SH, {
        file: 'sign',
        gate: 'sign',
        platform: '-',
        result: 'pass',
        figure: `"$(grep -c . ${PUBLISHED_SH} || true) indexes"`,
        threshold: quoteShellWord(signThreshold(provenance)),
      }),
    },
    ...gateResultSteps(scripts, pipeline, 'sign'),
    ...gateTableSteps(scripts, pipeline, ['sign'], NOT_CANCELLED),
  ];
}

/**
 * The attestation subject name of a registry reference: Docker Hub must be named `index.docker.io` for the
 * attestation to be pushed there.
 *
 * @see https://github.com/actions/attest-build-provenance/blob/v3.2.0/README.md
 */
export function attestationSubject(ref: string): string {
  return ref.startsWith('docker.io/') ? `index.${ref}` : ref;
}
