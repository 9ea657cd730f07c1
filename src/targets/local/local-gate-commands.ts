import { grypeFailOnFor } from '../../config/check-supply-chain-rules.js';
import type { Step } from '../../model/steps.js';
import { lintScript } from '../../emit/gate-scripts.js';
import { imageSizeScript } from '../../emit/image-size-script.js';
import { quoteShellWord } from '../../emit/shell-quote.js';
import { readRecordedDigestScript } from '../../emit/shell-scripts.js';
import { gitlabSmokeScript } from '../../emit/smoke-scripts.js';
import {
  ARCHIVE,
  CANDIDATE_DIR,
  LOCAL_GATES_DIR,
  LOCAL_WORK_DIR,
  missing,
  notRun,
  sh,
  type LocalStepContext,
  type LocalStepPlan,
} from './local-step-plan.js';

/**
 * A gate's check with the step script the CI targets render, or why it does not run here ("not run", never passed):
 * lint with hadolint, size with node, smoke with buildah, scan with Trivy or Grype, coverage from the test commands'
 * report, SBOM with Syft.
 *
 * @see ../../../docs/local-run.md
 */
export function planCheck(step: Extract<Step, { kind: 'check' }>, ctx: LocalStepContext): LocalStepPlan {
  const { pipeline, scripts, options } = ctx;
  switch (step.gate) {
    case 'lint': {
      const lint = pipeline.gates.lint!;
      if (!options.tools.has('hadolint')) return notRun(step, 'hadolint not found on PATH');
      return sh(step.kind, lintScript(scripts, 'hadolint', LOCAL_GATES_DIR), {
        DOCKYARD_DOCKERFILE: pipeline.image.dockerfile,
        DOCKYARD_LINT_THRESHOLD: lint.failureThreshold,
        ...(lint.ignore.length > 0 ? { DOCKYARD_LINT_IGNORE: lint.ignore.join(' ') } : {}),
      });
    }
    case 'smoke':
      return sh(step.kind, gitlabSmokeScript(scripts, LOCAL_GATES_DIR), {
        DOCKYARD_SMOKE_TIMEOUT: String(pipeline.gates.smoke!.timeoutSeconds),
      });
    case 'size': {
      const size = pipeline.gates.size!;
      if (!options.tools.has('node')) return notRun(step, 'node not found on PATH');
      return sh(step.kind, imageSizeScript(scripts, CANDIDATE_DIR, LOCAL_GATES_DIR, 'archive'), {
        DOCKYARD_SIZE_LIMIT: String(size.limitMb),
        DOCKYARD_SIZE_MEASURE: size.measure,
        DOCKYARD_SIZE_ON_EXCEED: size.onExceed,
      });
    }
    case 'scan':
      return planScan(step, ctx);
    case 'sbom': {
      // One Syft run on the candidate archive, in the configured format (https://github.com/anchore/syft/wiki/Output-Formats).
      if (!options.tools.has('syft')) return notRun(step, 'syft not found on PATH');
      const format = pipeline.sbom?.format ?? 'spdx-json';
      const file = `${LOCAL_WORK_DIR}/sbom/sbom-$DOCKYARD_SLUG.${format === 'spdx-json' ? 'spdx' : 'cdx'}.json`;
      return sh(step.kind, `mkdir -p ${LOCAL_WORK_DIR}/sbom\nsyft scan "${ARCHIVE}" --output "${format}=${file}"`, {
        SYFT_CHECK_FOR_APP_UPDATE: 'false',
      });
    }
    case 'coverage':
      return pipeline.gates.coverage?.from === 'commands'
        ? sh(step.kind, `gates=${LOCAL_GATES_DIR}\n${scripts.gateResult}\n${scripts.coverage}`, {
            DOCKYARD_COVERAGE_FILE: `${LOCAL_WORK_DIR}/coverage/${pipeline.gates.coverage.report.split('/').pop()}`,
            DOCKYARD_COVERAGE_FORMAT: pipeline.gates.coverage.format,
            DOCKYARD_COVERAGE_MINIMUM: String(pipeline.gates.coverage.minimum),
          })
        : notRun(step, 'dockyard run does not read a coverage report from the test stage yet');
  }
}

/**
 * The scan gate on the instance's candidate archive, as the CI targets run it. Trivy's `--input` reads a
 * `docker save` tar or an OCI layout *directory*, never an OCI tar, and cuts the name at the first `@` into a
 * directory and a reference (Trivy v0.69.3 `pkg/fanal/image/archive.go`, `oci.go`; aquasecurity/trivy#5775), so the
 * archive is unpacked into `dockyard/<slug>/layout` and `layout@<recorded digest>` is scanned: exactly the candidate
 * built. Grype reads `oci-archive:<path>` itself (anchore/stereoscope `pkg/image/source.go`).
 *
 * @see https://github.com/aquasecurity/trivy/blob/v0.69.3/pkg/fanal/image/oci.go
 * @see https://github.com/anchore/grype#gating-on-severity-of-vulnerabilities
 */
function planScan(step: Extract<Step, { kind: 'check' }>, ctx: LocalStepContext): LocalStepPlan {
  const { scan } = ctx.pipeline;
  const tool = missing(ctx.options.tools, scan.scanner);
  if (tool) return notRun(step, `${tool} not found on PATH`);
  const ignore =
    scan.ignoreFile === undefined
      ? []
      : [scan.scanner === 'trivy' ? '--ignorefile' : '--config', quoteShellWord(scan.ignoreFile)];
  if (scan.scanner === 'grype') {
    const failOn = grypeFailOnFor(scan.severities) ?? 'critical';
    return sh(
      step.kind,
      ['grype', `"${ARCHIVE}"`, '--fail-on', failOn, ...(scan.ignoreUnfixed ? ['--only-fixed'] : []), ...ignore].join(
        ' ',
      ),
      { GRYPE_CHECK_FOR_APP_UPDATE: 'false' },
    );
  }
  const layout = `"${LOCAL_WORK_DIR}/$DOCKYARD_SLUG/layout"`;
  return sh(
    step.kind,
    [
      readRecordedDigestScript(ctx.scripts, CANDIDATE_DIR),
      `rm -rf ${layout} && mkdir ${layout}`,
      `tar -xf "$dir/image.tar" -C ${layout}`,
      [
        'trivy image --input',
        `"${LOCAL_WORK_DIR}/$DOCKYARD_SLUG/layout@$digest"`,
        '--severity',
        scan.severities.join(','),
        '--exit-code 1',
        ...(scan.ignoreUnfixed ? ['--ignore-unfixed'] : []),
        ...ignore,
      ].join(' '),
    ].join('\n'),
    { TRIVY_NO_PROGRESS: 'true' },
  );
}
