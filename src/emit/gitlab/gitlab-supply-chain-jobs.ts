import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { GITLAB_CERT_IDENTITY, gitlabProvenanceScript, signPublishedScript, verifyInstructionsScript, writeGateResultScript } from '../supply-chain-scripts.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import type { GitlabJob } from './gitlab-jobs.js';
import { loginScript, type GitlabRegistry } from './gitlab-registries.js';

/** The file the manifest job writes (`repository@digest` per registry whose index it pushed) for the sign job. */
export const PUBLISHED_FILE = 'dockyard/published';
const PROVENANCE_FILE = 'dockyard/provenance.json';
const VERIFY_FILE = 'dockyard/verify.md';

/**
 * The sbom job: Syft (`anchore/syft` debug image, which has a shell) on this platform's candidate archive. It
 * always writes CycloneDX JSON as `dockyard/sbom/gl-sbom-<slug>.cdx.json` for GitLab's `cyclonedx` report (the
 * dependency list), and the SPDX JSON `dockyard/sbom/sbom-<slug>.spdx.json` as well when SPDX is configured: one
 * Syft run, two encodings of the same catalogue.
 *
 * @see https://github.com/anchore/syft/wiki/Output-Formats
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscyclonedx
 */
export function gitlabSbomJob(pipeline: Pipeline): GitlabJob {
  const spdx = pipeline.sbom?.format === 'spdx-json';
  return {
    image: { name: GITLAB_IMAGES.syft, entrypoint: [''] },
    variables: { SYFT_CHECK_FOR_APP_UPDATE: 'false' },
    script: [
      [
        'mkdir -p dockyard/sbom',
        'syft scan "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar" \\',
        ...(spdx ? ['  --output "spdx-json=dockyard/sbom/sbom-$DOCKYARD_SLUG.spdx.json" \\'] : []),
        '  --output "cyclonedx-json=dockyard/sbom/gl-sbom-$DOCKYARD_SLUG.cdx.json"',
      ].join('\n'),
      writeGateResultScript('"dockyard/gates/sbom-$DOCKYARD_SLUG.json"', {
        gate: 'sbom',
        result: 'pass',
        figure: spdx ? 'spdx-json' : 'cyclonedx-json',
        threshold: 'generated',
      }),
    ],
    artifacts: {
      paths: ['dockyard/sbom/', 'dockyard/gates/'],
      reports: { cyclonedx: ['dockyard/sbom/gl-sbom-*.cdx.json'] },
      expire_in: `${retentionDaysOf(pipeline, 'sbom')} days`,
    },
  };
}

/**
 * The sign job (after manifest, protected refs only): cosign (the `-dev` image, which has a shell) signs every
 * published index keylessly and recursively with the job's `SIGSTORE_ID_TOKEN` (`aud: sigstore`, this job only),
 * attests a SLSA v1 provenance predicate built from CI variables for each index, prints the verify commands in
 * the job log and keeps them as `dockyard/verify.md`.
 *
 * @see https://docs.gitlab.com/ci/yaml/signing_examples/
 * @see https://docs.gitlab.com/ci/yaml/#id_tokens
 */
export function gitlabSignJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[]): GitlabJob {
  const provenance = pipeline.signing?.provenance ?? false;
  return {
    image: { name: GITLAB_IMAGES.cosign, entrypoint: [''] },
    id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } },
    variables: { DOCKYARD_PROVENANCE: provenance ? 'cosign' : '' },
    script: [
      ...loginScript('cosign', job.logsInTo.map((i) => registries[i])),
      GITLAB_CERT_IDENTITY,
      ...(provenance ? [gitlabProvenanceScript(PROVENANCE_FILE)] : []),
      signPublishedScript(PUBLISHED_FILE, provenance ? PROVENANCE_FILE : undefined),
      `${verifyInstructionsScript(PUBLISHED_FILE, VERIFY_FILE)}\ncat ${VERIFY_FILE}`,
      writeGateResultScript('dockyard/gates/sign.json', {
        gate: 'sign',
        result: 'pass',
        figure: `"$(grep -c . ${PUBLISHED_FILE}) indexes"`,
        threshold: provenance ? "'signed and attested'" : 'signed',
      }),
    ],
    artifacts: { paths: [VERIFY_FILE, 'dockyard/gates/', ...(provenance ? [PROVENANCE_FILE] : [])], expire_in: '90 days' },
  };
}
