import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { SBOM_THRESHOLD, signThreshold } from '../../model/verify-gates.js';
import { recordGateResultScript, recordPassScript } from '../../emit/gate-scripts.js';
import {
  GITLAB_CERT_IDENTITY,
  gitlabProvenanceScript,
  signPublishedScript,
  verifyInstructionsScript,
} from '../../emit/supply-chain-scripts.js';
import { gitlabGateFiles, gitlabGateTableScript } from './gitlab-gate-jobs.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import type { GitlabJob } from './gitlab-types.js';
import { loginScript, type GitlabRegistry } from './gitlab-registries.js';
import { GITLAB_GATES_DIR, gitlabGateResults } from './gitlab-test-gates.js';
import { quoteShellWord } from '../../emit/shell-quote.js';

/** The file the manifest job writes (`repository@digest` per registry whose index it pushed) for the sign job. */
export const PUBLISHED_FILE = 'dockyard/published';
const PROVENANCE_FILE = 'dockyard/provenance.json';
const VERIFY_FILE = 'dockyard/verify.md';

/**
 * The sbom job: Syft (`anchore/syft` debug image, which has a shell) on this platform's candidate archive. It
 * always writes CycloneDX JSON as `dockyard/sbom/gl-sbom-<slug>.cdx.json` for GitLab's `cyclonedx` report (the
 * dependency list), and the SPDX JSON `dockyard/sbom/sbom-<slug>.spdx.json` as well when SPDX is configured: one
 * Syft run, two encodings of the same catalogue. The gate result is `dockyard/gates/sbom-<slug>.tsv`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/anchore/syft/wiki/Output-Formats
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscyclonedx
 */
export function gitlabSbomJob(scripts: StepScripts, pipeline: Pipeline): GitlabJob {
  const spdx = pipeline.sbom?.format === 'spdx-json';
  const results = gitlabGateResults(scripts, pipeline, 'sbom');
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
      recordPassScript(scripts, GITLAB_GATES_DIR, 'sbom', spdx ? 'spdx-json' : 'cyclonedx-json', SBOM_THRESHOLD),
    ],
    ...(results.after_script ? { after_script: results.after_script } : {}),
    artifacts: {
      paths: ['dockyard/sbom/', `${GITLAB_GATES_DIR}/`],
      reports: { cyclonedx: ['dockyard/sbom/gl-sbom-*.cdx.json'] },
      // The summary reads the result of a failed SBOM job too.
      when: 'always',
      expire_in: `${retentionDaysOf(pipeline, 'sbom')} days`,
    },
  };
}

/**
 * The sign job (after manifest, protected refs only): cosign (the `-dev` image, which has a shell) signs every
 * published index keylessly and recursively with the job's `SIGSTORE_ID_TOKEN` (`aud: sigstore`, this job only),
 * attests a SLSA v1 provenance predicate built from CI variables for each index, prints the verify commands in
 * the job log and keeps them as `dockyard/verify.md`. It records the `sign` gate result and, in `after_script`
 * (whatever happened), renders the final gate table (the gates job's results and its own) into the log and
 * `dockyard/gates.md`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.gitlab.com/ci/yaml/signing_examples/
 * @see https://docs.gitlab.com/ci/yaml/#id_tokens
 */
export function gitlabSignJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  const provenance = pipeline.signing?.provenance ?? false;
  return {
    image: { name: GITLAB_IMAGES.cosign, entrypoint: [''] },
    id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } },
    variables: {
      DOCKYARD_PROVENANCE: provenance ? 'cosign' : '',
      DOCKYARD_GATE_FILES: gitlabGateFiles(pipeline, ['sign']).join(' '),
    },
    script: [
      ...loginScript('cosign', loginRegistriesOf(job, registries)),
      GITLAB_CERT_IDENTITY,
      ...(provenance ? [gitlabProvenanceScript(PROVENANCE_FILE)] : []),
      signPublishedScript(PUBLISHED_FILE, provenance ? PROVENANCE_FILE : undefined),
      `${verifyInstructionsScript(PUBLISHED_FILE, VERIFY_FILE)}\ncat ${VERIFY_FILE}`,
      recordGateResultScript(scripts, GITLAB_GATES_DIR, {
        file: 'sign',
        gate: 'sign',
        platform: '-',
        result: 'pass',
        figure: `"$(grep -c . ${PUBLISHED_FILE} || true) indexes"`,
        threshold: quoteShellWord(signThreshold(provenance)),
      }),
    ],
    after_script: [
      `${gitlabGateResults(scripts, pipeline, 'sign').after_script![0]}\n${gitlabGateTableScript(scripts, 'final')}`,
    ],
    artifacts: {
      paths: [VERIFY_FILE, 'dockyard/gates.md', `${GITLAB_GATES_DIR}/`, ...(provenance ? [PROVENANCE_FILE] : [])],
      when: 'always',
      expire_in: '90 days',
    },
  };
}
