import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { grypeFailOnFor } from '../../config/check-supply-chain-rules.js';
import type { Job, Pipeline, ScanSpec } from '../../model/pipeline.js';
import { SCAN_REPORT_RETENTION_DAYS } from '../../model/github-repository.js';
import { scanReportSummaryScript } from './scan-report-script.js';
import { TOOL_VERSIONS } from '../../emit/tool-versions.js';
import { useAction, type UsesStep } from './action-pins.js';
import { gateResultSteps } from './github-gate-results.js';
import { githubLiteral } from './github-literal.js';
import type { GithubStep } from './github-types.js';
import { CANDIDATE_DIR, CANDIDATE_DIR_SH, downloadCandidateStep } from './github-candidate.js';
import { readRecordedDigestScript } from '../../emit/shell-scripts.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import { githubStagingRef, readCandidateDigestStep, stagedScanInput } from './github-staging.js';

const SARIF = '${{ runner.temp }}/dockyard-scan.sarif';
const SARIF_SH = '"$RUNNER_TEMP/dockyard-scan.sarif"';

/**
 * Where the token can write: not in pull requests from forks or by Dependabot (their `GITHUB_TOKEN` is read-only,
 * so a code scanning upload would fail).
 *
 * @see https://docs.github.com/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions
 */
export const TOKEN_CAN_WRITE =
  "github.event_name != 'pull_request' || (github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]')";

/**
 * The `if:` of the report steps: after the gate step ran, whether it passed or failed (not when an earlier step
 * failed, and not when the run was cancelled). Steps without a status function get an implicit `success()`,
 * which would skip them after a failed gate.
 *
 * @see https://docs.github.com/actions/reference/workflows-and-actions/expressions#status-check-functions
 * @see https://docs.github.com/actions/reference/workflows-and-actions/contexts#steps-context
 */
export const AFTER_GATE = "!cancelled() && (steps.gate.outcome == 'success' || steps.gate.outcome == 'failure')";

/**
 * Steps of the scan job: the scanner on the candidate archive (or, with the registry handoff, Trivy on the staged
 * candidate by digest, with the staging registry's login), failing on the configured severities. With `report`,
 * every finding is then written as SARIF, whether the gate passed or failed ({@link AFTER_GATE}): uploaded to code
 * scanning where the repository has it (and the token can write), else kept as the artifact `dockyard-scan-<slug>`
 * and counted in the job summary. The gate runs first (step id `gate`), so a failing upload (a private repository without Code
 * Security answers "Advanced Security must be enabled") can never stop the gate from running. The ignore file and
 * the upload need the repository checked out. With the gate summary, the `scan-<slug>` result (pass or fail,
 * threshold the severities) is recorded and uploaded.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/aquasecurity/trivy-action#inputs
 * @see https://github.com/anchore/scan-action#inputs
 * @see https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/uploading-a-sarif-file-to-github
 */
export function scanSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const { scan } = pipeline;
  const upload = scan.report && pipeline.github.codeScanning;
  const staging = githubStagingRef(pipeline, registries);
  // The config rules reject Grype with the registry handoff: it reads the archive.
  const unpack = !staging && scan.scanner === 'trivy';
  const target = staging ? stagedScanInput(staging) : { input: TRIVY_LAYOUT_INPUT };
  const steps: GithubStep[] = [];
  if (scan.ignoreFile !== undefined || upload)
    steps.push(useAction('checkout', 'Check out', { 'persist-credentials': false }));
  if (staging) steps.push(...loginSteps(loginRegistriesOf(job, registries)));
  steps.push(downloadCandidateStep());
  if (staging) steps.push(readCandidateDigestStep(scripts));
  if (unpack) steps.push(unpackForTrivyStep(scripts));
  steps.push(scan.scanner === 'trivy' ? trivyGateStep(scan, target) : grypeStep(scan, false));
  if (scan.report) {
    steps.push(scan.scanner === 'trivy' ? trivyReportStep(scan, target) : grypeStep(scan, true));
    steps.push(...(upload ? [uploadSarifStep()] : keepReportSteps()));
  }
  return [...steps, ...gateResultSteps(scripts, pipeline, 'scan')];
}

/** The OCI layout directory the scan job unpacks the candidate archive into, for Trivy. */
const TRIVY_LAYOUT = '${{ runner.temp }}/dockyard-candidate';

/** Trivy's `--input` (trivy-action `input`): the layout directory and the recorded digest, `<dir>@<digest>`. */
const TRIVY_LAYOUT_INPUT = `${TRIVY_LAYOUT}@\${{ steps.layout.outputs.digest }}`;

/**
 * Unpack the candidate archive into {@link TRIVY_LAYOUT} and output the recorded digest (step id `layout`).
 * Trivy's `--input` reads a `docker save` tar or an OCI layout *directory*, never an OCI tar (Trivy v0.69.3
 * `pkg/fanal/image/archive.go`, `oci.go`; aquasecurity/trivy#5775, whose fix #5776 was never merged), and it cuts
 * the name at the first `@` into the directory and the manifest digest to scan; trivy-action passes `input` on as
 * `--input` (its `entrypoint.sh`). So the gate scans exactly the digest the build recorded, as on GitLab.
 *
 * @see https://github.com/aquasecurity/trivy/blob/v0.69.3/pkg/fanal/image/oci.go
 * @see https://github.com/aquasecurity/trivy/issues/5775
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 */
function unpackForTrivyStep(scripts: StepScripts): GithubStep {
  return {
    name: 'Unpack the candidate for Trivy',
    id: 'layout',
    run: [
      readRecordedDigestScript(scripts, CANDIDATE_DIR_SH),
      'layout="$RUNNER_TEMP/dockyard-candidate"',
      'rm -rf "$layout"',
      'mkdir "$layout"',
      'tar -xf "$dir/image.tar" -C "$layout"',
      'echo "digest=$digest" >> "$GITHUB_OUTPUT"',
    ].join('\n'),
  };
}

/** The SARIF upload to code scanning, where the token can write (not fork or Dependabot pull requests). */
function uploadSarifStep(): UsesStep {
  return useAction(
    'uploadSarif',
    'Upload the findings to code scanning',
    { sarif_file: SARIF, category: 'dockyard-scan-${{ matrix.slug }}' },
    { if: `${AFTER_GATE} && (${TOKEN_CAN_WRITE})` },
  );
}

/** Without code scanning: the SARIF as the artifact `dockyard-scan-<slug>`, and its counts in the job summary. */
function keepReportSteps(): GithubStep[] {
  const artifact = 'dockyard-scan-${{ matrix.slug }}';
  return [
    useAction(
      'uploadArtifact',
      'Keep the findings as an artifact',
      { name: artifact, path: SARIF, 'if-no-files-found': 'error', 'retention-days': SCAN_REPORT_RETENTION_DAYS },
      { if: AFTER_GATE },
    ),
    {
      name: 'Summarise the findings',
      if: AFTER_GATE,
      run: scanReportSummaryScript(SARIF_SH, '"$GITHUB_STEP_SUMMARY"'),
      env: { DOCKYARD_PLATFORM: '${{ matrix.platform }}', DOCKYARD_REPORT_ARTIFACT: artifact },
    },
  ];
}

function ignoreFileOf(scan: ScanSpec): string | undefined {
  return scan.ignoreFile === undefined ? undefined : githubLiteral(scan.ignoreFile);
}

function trivyGateStep(scan: ScanSpec, target: Record<string, string>): UsesStep {
  return useAction(
    'trivy',
    'Scan the candidate with Trivy',
    {
      'scan-type': 'image',
      ...target,
      severity: scan.severities.join(','),
      'ignore-unfixed': scan.ignoreUnfixed,
      'exit-code': '1',
      format: 'table',
      trivyignores: ignoreFileOf(scan),
    },
    // The report steps after it read its outcome.
    scan.report ? { id: 'gate' } : {},
  );
}

/**
 * Trivy's SARIF of every severity (trivy-action drops the severity filter for SARIF), never failing, after the
 * gate ({@link AFTER_GATE}); the gate step already installed Trivy in this job.
 */
function trivyReportStep(scan: ScanSpec, target: Record<string, string>): UsesStep {
  return useAction(
    'trivy',
    'Write every finding as SARIF (Trivy)',
    {
      'scan-type': 'image',
      ...target,
      'ignore-unfixed': scan.ignoreUnfixed,
      'exit-code': '0',
      format: 'sarif',
      output: SARIF,
      trivyignores: ignoreFileOf(scan),
      'skip-setup-trivy': true,
    },
    { if: AFTER_GATE },
  );
}

/**
 * Grype through anchore/scan-action on the archive (`oci-archive:` source): the gate fails on `--fail-on <lowest
 * configured severity>` (step id `gate` when a report follows); the report run, after it ({@link AFTER_GATE}), writes SARIF of every
 * finding without failing.
 */
function grypeStep(scan: ScanSpec, report: boolean): UsesStep {
  // The config rules reject lists Grype cannot express.
  const failOn = grypeFailOnFor(scan.severities) ?? 'critical';
  return useAction(
    'grype',
    report ? 'Write every finding as SARIF (Grype)' : 'Scan the candidate with Grype',
    {
      image: `oci-archive:${CANDIDATE_DIR}/image.tar`,
      'fail-build': !report,
      'severity-cutoff': failOn,
      'only-fixed': scan.ignoreUnfixed,
      'output-format': report ? 'sarif' : 'table',
      'output-file': report ? SARIF : undefined,
      config: ignoreFileOf(scan),
      'grype-version': TOOL_VERSIONS.grype,
    },
    report ? { if: AFTER_GATE } : scan.report ? { id: 'gate' } : {},
  );
}
