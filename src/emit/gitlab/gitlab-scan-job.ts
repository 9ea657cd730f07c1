import { grypeFailOnFor } from '../../config/check-supply-chain-rules.js';
import type { Pipeline } from '../../model/pipeline.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { CANDIDATE_DIR, shq, type GitlabJob } from './gitlab-jobs.js';
import type { GitlabRegistry } from './gitlab-registries.js';
import { gitlabStaging, stagingVariables, trivyLoginVariables } from './gitlab-staging.js';
import { gitlabGateResults } from './gitlab-test-gates.js';
import { readRecordedDigestScript } from '../shell-scripts.js';

/** The container scanning report file GitLab reads (`artifacts: reports: container_scanning`). */
export const CONTAINER_SCANNING_REPORT = 'gl-container-scanning-report.json';

/**
 * The scan job: Trivy (or Grype) on the candidate archive (registry handoff: Trivy on the staged candidate by
 * digest, with the staging registry's credentials), failing on the configured severities. With `report`
 * (Trivy only; the config rules reject Grype), Trivy first writes every finding with its GitLab template
 * (`/contrib/gitlab.tpl` in the Trivy image, container scanning schema 15.x) as the `container_scanning` report,
 * kept even when the gate then fails (`when: always`). The report scans the archive through a link named
 * `dockyard-candidate:<slug>`, because GitLab requires the report's image name to have the form `name:tag`.
 * With the gate summary, an `after_script` records the `scan-<slug>` result and `dockyard/gates/` is kept.
 *
 * @see https://trivy.dev/latest/docs/target/container_image/#tar-files
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscontainer_scanning
 * @see https://github.com/anchore/grype#gating-on-severity-of-vulnerabilities
 */
export function gitlabScanJob(pipeline: Pipeline, registries: readonly GitlabRegistry[]): GitlabJob {
  return withScanResults(pipeline, scanJobBody(pipeline, registries));
}

/** The gate result parts merged into the scan job, keeping the container scanning report (30 days) when there is one. */
function withScanResults(pipeline: Pipeline, body: GitlabJob): GitlabJob {
  const results = gitlabGateResults(pipeline, 'scan');
  if (results.after_script === undefined) return body;
  const own = body.artifacts as Record<string, unknown> | undefined;
  const gates = results.artifacts as Record<string, unknown>;
  return { ...body, after_script: results.after_script, artifacts: own ? { paths: gates.paths, ...own } : gates };
}

/** Trivy's gate flag for the configured severities: `--severity CRITICAL,HIGH`. */
export function trivySeverityFlag(severities: readonly string[]): string {
  return `--severity ${severities.join(',')}`;
}

function scanJobBody(pipeline: Pipeline, registries: readonly GitlabRegistry[]): GitlabJob {
  const { scan } = pipeline;
  // The config rules reject Grype and the report with the registry handoff: they read the archive.
  const staging = gitlabStaging(pipeline, registries);
  const ignore = scan.ignoreFile === undefined ? [] : [scan.scanner === 'trivy' ? `--ignorefile ${shq(scan.ignoreFile)}` : `--config ${shq(scan.ignoreFile)}`];
  if (scan.scanner === 'grype') {
    const flags = [`--fail-on ${grypeFailOnFor(scan.severities) ?? 'critical'}`, ...(scan.ignoreUnfixed ? ['--only-fixed'] : []), ...ignore];
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
    'ln -sf "dockyard/$DOCKYARD_SLUG/image.tar" "dockyard-candidate:$DOCKYARD_SLUG"',
    [
      'trivy image --input "dockyard-candidate:$DOCKYARD_SLUG" --exit-code 0',
      ...unfixed,
      ...ignore,
      `--format template --template "@/contrib/gitlab.tpl" --output ${CONTAINER_SCANNING_REPORT}`,
    ].join(' '),
  ].join('\n');
  const variables = { TRIVY_NO_PROGRESS: 'true', TRIVY_CACHE_DIR: '.trivycache/', ...(staging ? { ...stagingVariables(staging), ...trivyLoginVariables(staging) } : {}) };
  const gate = staging
    ? [readRecordedDigestScript(CANDIDATE_DIR), `trivy image ${flags.join(' ')} "$DOCKYARD_STAGING@$digest"`]
    : [`trivy image --input "dockyard/$DOCKYARD_SLUG/image.tar" ${flags.join(' ')}`];
  return {
    image: { name: GITLAB_IMAGES.trivy, entrypoint: [''] },
    variables,
    script: [...(scan.report ? [report] : []), ...gate],
    cache: { key: 'dockyard-trivy', paths: ['.trivycache/'] },
    ...(scan.report ? { artifacts: { when: 'always', reports: { container_scanning: CONTAINER_SCANNING_REPORT }, expire_in: '30 days' } } : {}),
  };
}
