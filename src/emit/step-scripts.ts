/**
 * The step scripts: the POSIX sh fragments (and the image size gate's Node.js program, the notify job's awk program) that the generated pipelines
 * run, kept as real files under `templates/steps/` so that shellcheck, dash and node test them directly
 * (test/templates/step-scripts.test.ts). The emitters are pure and never read them: the rim reads them
 * (src/io/read-step-scripts.ts) and passes them in as {@link StepScripts}, inside `RenderAssets`.
 *
 * A step file is a header, then one empty line, then the body the pipelines embed. The header is the shebang
 * (`#!/bin/sh`) and `#` comment lines in an sh file, `#` lines in the `.awk` program, `//` comment lines in the `.cjs` program: what the script does,
 * the variables it reads, and shellcheck directives for the whole file (directives right after the shebang apply to
 * the entire script: https://github.com/koalaman/shellcheck/wiki/directive). The header is never embedded.
 *
 * @see ../../docs/architecture.md ("Step scripts": where they live, how to add one)
 */

/** The text of every step script, header removed (see {@link stepScriptBody}); one field per file of `templates/steps/`. */
export interface StepScripts {
  /** `gate-result.sh`: defines `gate_result FILE GATE PLATFORM RESULT FIGURE THRESHOLD`, writing `$gates/FILE.tsv`. */
  readonly gateResult: string;
  /** `coverage.sh`: the coverage gate (Cobertura or LCOV against `$DOCKYARD_COVERAGE_MINIMUM`). Needs `gate_result`. */
  readonly coverage: string;
  /** `lint.sh`: the lint gate around hadolint (its leading word `hadolint` is replaced by the command). */
  readonly lint: string;
  /** `gate-summary.sh`: the Markdown table of every result file in `$gates`, appended to `$out`. */
  readonly gateSummary: string;
  /** `smoke-helpers.sh`: `finish`, `fail_smoke` and `no_healthcheck`, shared by both smoke tests. */
  readonly smokeHelpers: string;
  /** `smoke-docker.sh`: GitHub's smoke test of `$image` with Docker. */
  readonly smokeDocker: string;
  /** `smoke-buildah.sh`: GitLab's daemonless smoke test with buildah. */
  readonly smokeBuildah: string;
  /** `record-digest.sh`: `$dir/image.tar`'s manifest digest into `$dir/digest`. */
  readonly recordDigest: string;
  /** `read-recorded-digest.sh`: sets `$digest` from `$dir/digest`, checked to be one sha256 digest. */
  readonly readRecordedDigest: string;
  /** `push-by-digest.sh`: archive handoff, push the archive to every repository by digest. */
  readonly pushByDigest: string;
  /** `stage-by-digest.sh`: registry handoff, stage the archive untagged with skopeo. */
  readonly stageByDigest: string;
  /** `stage-with-buildah.sh`: registry handoff, stage the archive untagged with buildah only. */
  readonly stageWithBuildah: string;
  /** `promote-by-digest.sh`: registry handoff, copy the staged candidate to every repository by digest. */
  readonly promoteByDigest: string;
  /** `record-manifest.sh`: registry handoff, keep the candidate's manifest for the size gate. */
  readonly recordManifest: string;
  /** `deploy.sh`: the deploy job, from `$line` (the first published line) to `$DOCKYARD_DEPLOY_COMMAND`. */
  readonly deploy: string;
  /** `notify-body.awk`: the notify job's awk program writing a Slack or Teams webhook body (free of single quotes). */
  readonly notifyBody: string;
  /** `image-size.cjs`: the size gate's Node.js program (CommonJS, free of single quotes: embedded in `node -e '…'`). */
  readonly imageSizeProgram: string;
}

/** The file under `templates/steps/` of each {@link StepScripts} field. */
export const STEP_SCRIPT_FILES: { readonly [K in keyof StepScripts]: string } = {
  gateResult: 'gate-result.sh',
  coverage: 'coverage.sh',
  lint: 'lint.sh',
  gateSummary: 'gate-summary.sh',
  smokeHelpers: 'smoke-helpers.sh',
  smokeDocker: 'smoke-docker.sh',
  smokeBuildah: 'smoke-buildah.sh',
  recordDigest: 'record-digest.sh',
  readRecordedDigest: 'read-recorded-digest.sh',
  pushByDigest: 'push-by-digest.sh',
  stageByDigest: 'stage-by-digest.sh',
  stageWithBuildah: 'stage-with-buildah.sh',
  promoteByDigest: 'promote-by-digest.sh',
  recordManifest: 'record-manifest.sh',
  deploy: 'deploy.sh',
  notifyBody: 'notify-body.awk',
  imageSizeProgram: 'image-size.cjs',
};

/**
 * The embedded body of a step file: the text after its header (the leading lines starting with `#` or `//`) and
 * the one empty line that ends it, without the final newline.
 *
 * @param name the file name, for the error message.
 * @param text the file's full text (`\n` line ends).
 * @throws {Error} `templates/steps/<name>: …` when the file has no header ended by an empty line, holds a `\r`, or
 *   its body is empty or does not end with exactly one newline.
 */
export function stepScriptBody(name: string, text: string): string {
  const fail = (why: string): never => {
    throw new Error(`templates/steps/${name}: ${why}`);
  };
  if (text.includes('\r')) fail('has \\r line ends; use \\n');
  const lines = text.split('\n');
  let start = 0;
  while (start < lines.length && /^(#|\/\/)/.test(lines[start])) start++;
  if (start === 0 || lines[start] !== '') fail('needs a header of comment lines ended by one empty line');
  const body = lines.slice(start + 1).join('\n');
  if (!body.endsWith('\n') || body.endsWith('\n\n') || body.trim() === '') {
    fail('needs a non-empty body ending with exactly one newline');
  }
  return body.slice(0, -1);
}
