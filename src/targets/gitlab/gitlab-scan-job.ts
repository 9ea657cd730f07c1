import type { StepScripts } from '../../emit/step-scripts.js';
import { grypeFailOnFor } from '../../config/check-supply-chain-rules.js';
import type { Pipeline } from '../../model/pipeline.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { CANDIDATE_DIR } from './gitlab-jobs.js';
import type { GitlabJob } from './gitlab-types.js';
import type { GitlabRegistry } from './gitlab-registries.js';
import { gitlabStaging, stagingVariables, trivyLoginVariables } from './gitlab-staging.js';
import { gitlabGateResults } from './gitlab-test-gates.js';
import { readRecordedDigestScript } from '../../emit/shell-scripts.js';
import { quoteShellWord } from '../../emit/shell-quote.js';

/** The container scanning report file GitLab reads (`artifacts: reports: container_scanning`). */
export const CONTAINER_SCANNING_REPORT = 'gl-container-scanning-report.json';

/**
 * The scan job: Trivy (or Grype) on the candidate archive (registry handoff: Trivy on the staged candidate by
 * digest, with the staging registry's credentials), failing on the configured severities. With `report`
 * (Trivy only; the config rules reject Grype), Trivy first writes every finding with its GitLab template
 * (`/contrib/gitlab.tpl` in the Trivy image, container scanning schema 15.x) as the `container_scanning` report,
 * kept even when the gate then fails (`when: always`). With the gate summary, an `after_script` records the
 * `scan-<slug>` result and `dockyard/gates/` is kept.
 *
 * Trivy's `--input` reads a `docker save` tar or an OCI layout *directory*, never an OCI tar (Trivy v0.69.3
 * `pkg/fanal/image/archive.go`, `docker.go`, `oci.go`; aquasecurity/trivy#5775, whose fix #5776 was never
 * merged), and it cuts the name at the first `@` (else `:`) into a directory and a reference. So the job unpacks
 * the archive into the directory `dockyard-candidate` and both runs scan `dockyard-candidate@<recorded digest>`:
 * exactly the candidate built, and a report image name that matches GitLab's `name:tag` pattern
 * (`^[^:]+(:\d+[^:]*)?:[^:]+$`, gitlab-org/gitlab#372273). Grype and Syft read `oci-archive:<path>` themselves
 * (anchore/stereoscope `pkg/image/source.go`: the scheme is cut at the first `:`, the rest is the path).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/aquasecurity/trivy/blob/v0.69.3/pkg/fanal/image/oci.go
 * @see https://github.com/aquasecurity/trivy/issues/5775
 * @see https://gitlab.com/gitlab-org/gitlab/-/issues/372273
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscontainer_scanning
 * @see https://github.com/anchore/grype#gating-on-severity-of-vulnerabilities
 */
export function gitlabScanJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  return withScanResults(scripts, pipeline, scanJobBody(scripts, pipeline, registries));
}

/** The gate result parts merged into the scan job, keeping the container scanning report (30 days) when there is one. */
function withScanResults(scripts: StepScripts, pipeline: Pipeline, body: GitlabJob): GitlabJob {
  const results = gitlabGateResults(scripts, pipeline, 'scan');
  if (results.after_script === undefined) return body;
  const own = body.artifacts;
  const gates = results.artifacts;
  return { ...body, after_script: results.after_script, artifacts: own ? { paths: gates?.paths, ...own } : gates };
}

/** Trivy's gate flag for the configured severities: `--severity CRITICAL,HIGH`. */
export function trivySeverityFlag(severities: readonly string[]): string {
  return `--severity ${severities.join(',')}`;
}

/** The OCI layout directory the scan job unpacks the archive into, and Trivy's `--input` for the recorded digest. */
const LAYOUT = 'dockyard-candidate';
const INPUT = `"${LAYOUT}@$digest"`;

/**
 * sh (busybox in the Trivy image) that reads the recorded digest and unpacks `dockyard/<slug>/image.tar` into the
 * OCI layout directory `dockyard-candidate`, which Trivy reads (it cannot read the OCI tar itself).
 *
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 */
function unpackForTrivyScript(scripts: StepScripts): string {
  return [
    readRecordedDigestScript(scripts, CANDIDATE_DIR),
    `rm -rf ${LAYOUT}`,
    `mkdir ${LAYOUT}`,
    `tar -xf "$dir/image.tar" -C ${LAYOUT}`,
  ].join('\n');
}

function scanJobBody(scripts: StepScripts, pipeline: Pipeline, registries: readonly GitlabRegistry[]): GitlabJob {
  const { scan } = pipeline;
  // The config rules reject Grype and the report with the registry handoff: they read the archive.
  const staging = gitlabStaging(pipeline, registries);
  const ignore =
    scan.ignoreFile === undefined
      ? []
      : [
          scan.scanner === 'trivy'
            ? `--ignorefile ${quoteShellWord(scan.ignoreFile)}`
            : `--config ${quoteShellWord(scan.ignoreFile)}`,
        ];
  if (scan.scanner === 'grype') {
    const flags = [
      `--fail-on ${grypeFailOnFor(scan.severities) ?? 'critical'}`,
      ...(scan.ignoreUnfixed ? ['--only-fixed'] : []),
      ...ignore,
    ];
    return {
      image: { name: GITLAB_IMAGES.grype, entrypoint: [''] },
      variables: { GRYPE_DB_CACHE_DIR: '.grypecache/', GRYPE_CHECK_FOR_APP_UPDATE: 'false' },
      script: [`grype "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar" ${flags.join(' ')}`],
      cache: { key: 'dockyard-grype', paths: ['.grypecache/'] },
    };
  }
  const unfixed = scan.ignoreUnfixed ? ['--ignore-unfixed'] : [];
  const flags = [trivySeverityFlag(scan.severities), '--exit-code 1', ...unfixed, ...ignore];
  const report = [
    `trivy image --input ${INPUT} --exit-code 0`,
    ...unfixed,
    ...ignore,
    `--format template --template "@/contrib/gitlab.tpl" --output ${CONTAINER_SCANNING_REPORT}`,
  ].join(' ');
  const variables = {
    TRIVY_NO_PROGRESS: 'true',
    TRIVY_CACHE_DIR: '.trivycache/',
    ...(staging ? { ...stagingVariables(staging), ...trivyLoginVariables(staging) } : {}),
  };
  const gate = staging
    ? `trivy image ${flags.join(' ')} "$DOCKYARD_STAGING@$digest"`
    : `trivy image --input ${INPUT} ${flags.join(' ')}`;
  return {
    image: { name: GITLAB_IMAGES.trivy, entrypoint: [''] },
    variables,
    script: [
      ...(staging ? [readRecordedDigestScript(scripts, CANDIDATE_DIR)] : [unpackForTrivyScript(scripts)]),
      ...(scan.report ? [report] : []),
      gate,
    ],
    cache: { key: 'dockyard-trivy', paths: ['.trivycache/'] },
    ...(scan.report
      ? {
          artifacts: {
            when: 'always',
            reports: { container_scanning: CONTAINER_SCANNING_REPORT },
            expire_in: '30 days',
          },
        }
      : {}),
  };
}
