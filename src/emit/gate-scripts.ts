/**
 * POSIX sh fragments of the gates that both emitters share: writing a gate's result file (the one writer every
 * gate uses, `templates/steps/gate-result.sh`), the coverage check, the lint wrapper and the gate summary. The sh
 * lives in `templates/steps/` (see step-scripts.ts); these functions join those files with the few words that
 * differ per job. Values reach them through environment variables; each file is checked with shellcheck and run
 * for real by test/templates/step-scripts.test.ts.
 *
 * Result files (docs/gates.md, "Gate result files"): `<gates dir>/<gate>.tsv` for a gate that runs once and
 * `<gates dir>/<gate>-<platform slug>.tsv` per platform, each one line of five tab-separated fields:
 * gate, platform (`linux/amd64`, or `-`), result (`pass`, `fail` or `warn`), figure, threshold. Fields hold no
 * tab or newline.
 */
import type { GateResultSpec } from '../model/verify-gates.js';
import { quoteShellWord } from './shell-quote.js';
import type { StepScripts } from './step-scripts.js';

/** The fields of one result file, each a shell word: a quoted literal (see {@link quoteShellWord}) or `"$expansion"`. */
export interface GateResultWords {
  /** File name without `.tsv`, e.g. `'"sbom-$DOCKYARD_SLUG"'` or `sign`. */
  readonly file: string;
  readonly gate: string;
  /** `'"$DOCKYARD_PLATFORM"'` for a per-platform gate, `-` for one that runs once. */
  readonly platform: string;
  readonly result: string;
  readonly figure: string;
  readonly threshold: string;
}

/**
 * sh writing one result file into `gatesDir` with the shared writer (`gate-result.sh`): every gate's result,
 * whichever job writes it, goes through this one fragment.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the result directory, e.g. `dockyard/gates`.
 */
export function recordGateResultScript(scripts: StepScripts, gatesDir: string, words: GateResultWords): string {
  return [
    `gates=${gatesDir}`,
    scripts.gateResult,
    `gate_result ${words.file} ${words.gate} ${words.platform} ${words.result} ${words.figure} ${words.threshold}`,
  ].join('\n');
}

/**
 * sh writing a `pass` result for a per-platform gate (e.g. `test` once every test passed, before the coverage check
 * can fail the job; `sbom` once the SBOM is written). Reads `$DOCKYARD_PLATFORM` and `$DOCKYARD_SLUG`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param figure a literal, quoted here.
 */
export function recordPassScript(
  scripts: StepScripts,
  gatesDir: string,
  gate: string,
  figure: string,
  threshold: string,
): string {
  return recordGateResultScript(scripts, gatesDir, {
    file: `"${gate}-$DOCKYARD_SLUG"`,
    gate,
    platform: '"$DOCKYARD_PLATFORM"',
    result: 'pass',
    figure: quoteShellWord(figure),
    threshold: quoteShellWord(threshold),
  });
}

/**
 * sh run at the end of a gate job, whatever happened (GitHub `if: !cancelled()` step, GitLab `after_script`): for
 * each of the job's gates whose result file is missing (the job ended before the gate's own check wrote it), write
 * `pass` when the job succeeded, else `fail`. Reads `$DOCKYARD_JOB_STATUS` (GitHub `job.status` or GitLab
 * `CI_JOB_STATUS`: `success` or anything else), `$DOCKYARD_PLATFORM` and `$DOCKYARD_SLUG`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the result directory, e.g. `dockyard/gates`.
 */
export function recordJobResultsScript(
  scripts: StepScripts,
  gatesDir: string,
  results: readonly GateResultSpec[],
): string {
  return [
    `gates=${gatesDir}`,
    scripts.gateResult,
    'if [ "${DOCKYARD_JOB_STATUS:-}" = success ]; then result=pass; figure=passed; else result=fail; figure="job ${DOCKYARD_JOB_STATUS:-failed}, see its log"; fi',
    ...results.map((r) => {
      const file = r.perPlatform ? `${r.gate}-$DOCKYARD_SLUG` : r.gate;
      const platform = r.perPlatform ? '"$DOCKYARD_PLATFORM"' : '-';
      return `if [ ! -s "$gates/${file}.tsv" ]; then gate_result "${file}" ${r.gate} ${platform} "$result" "$figure" ${quoteShellWord(r.threshold)}; fi`;
    }),
  ].join('\n');
}

/**
 * The coverage gate (`templates/steps/coverage.sh`): check the line coverage of a Cobertura or LCOV report against
 * a minimum, print `dockyard: coverage 84.21% (minimum 80%)` (GitLab's `coverage:` regex reads it), write the
 * `coverage` result file and exit 1 below the minimum or without a readable report.
 *
 * Environment: `DOCKYARD_COVERAGE_FILE` (the report on the runner), `DOCKYARD_COVERAGE_FORMAT` (`cobertura` or
 * `lcov`), `DOCKYARD_COVERAGE_MINIMUM` (percent, up to two decimals), `DOCKYARD_PLATFORM`, `DOCKYARD_SLUG`,
 * `DOCKYARD_SUMMARY` (optional, GitHub's step summary).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the result directory.
 * @param writerDefined true when an earlier fragment of the same shell defined `gate_result` (GitLab's test job
 *   script, after the test result): it is not defined twice.
 * @see https://docs.gitlab.com/ci/testing/code_coverage/
 */
export function coverageCheckScript(scripts: StepScripts, gatesDir: string, writerDefined = false): string {
  return [`gates=${gatesDir}`, ...(writerDefined ? [] : [scripts.gateResult]), scripts.coverage].join('\n');
}

/**
 * Run hadolint on `$DOCKYARD_DOCKERFILE` with `--failure-threshold $DOCKYARD_LINT_THRESHOLD` and `--ignore` for
 * each rule in `$DOCKYARD_LINT_IGNORE` (space-separated), print its findings, count them, write the `lint` result
 * file, and exit with hadolint's status.
 *
 * The sh is `templates/steps/lint.sh`; the word `hadolint` that starts its hadolint line is replaced by the
 * `hadolint` argument.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param hadolint the sh words that run hadolint (`hadolint`, or `docker run … <image> hadolint`).
 * @param gatesDir shell expression of the result directory.
 * @throws {Error} when lint.sh has no line starting with `hadolint ` (a broken package).
 * @see https://github.com/hadolint/hadolint#cli
 */
export function lintScript(scripts: StepScripts, hadolint: string, gatesDir: string): string {
  return [`gates=${gatesDir}`, scripts.gateResult, replaceOnce(scripts.lint, /^hadolint /m, `${hadolint} `)].join('\n');
}

/** `text` with the one match of `pattern` replaced; a step file without it is a programming error. */
function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`dockyard: a step script lacks ${String(pattern)}`);
  return text.replace(pattern, () => replacement);
}

/** The summary line that marks a listed gate without a result file `missing` (and the summary failed). */
export const MISSING_GATE_LINE =
  '  if [ ! -f "$gates/$name.tsv" ]; then row "$name" - missing "no result file" -; failed=1; fi';

/**
 * Reusable outputs only: the summary line put before {@link MISSING_GATE_LINE} that shows a gate switched off by
 * its boolean input as `skipped` instead of `missing`. `$DOCKYARD_GATE_SWITCHES` holds `<gate>=<true|false>`
 * words (the inputs' values); a result file name's gate is its part before the first `-` (`scan-linux-amd64`).
 */
export const SWITCHED_OFF_GATE_LINE =
  '  case " ${DOCKYARD_GATE_SWITCHES:-} " in *" ${name%%-*}=false "*) row "$name" - skipped "switched off by input" -; continue ;; esac';

/**
 * Render every result file in the gates directory (sorted by name) as one Markdown table (gate, platform, result,
 * figure, threshold) into `outFile` and print it; a gate listed in `$DOCKYARD_GATE_FILES` (space-separated file
 * names without `.tsv`) with no file gets a `missing` row. Exits 1 when any row is `fail` or `missing`: the push
 * job needs this job, so nothing is published then. The sh is `templates/steps/gate-summary.sh`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the directory the gate jobs' results were collected in.
 * @param outFile shell expression of the Markdown file to append the table to (e.g. `"$GITHUB_STEP_SUMMARY"`).
 * @param stage `verify` (the summary job, before publishing: "nothing is published") or `final` (the sign job's
 *   table after publishing, whose failing row is its own).
 * @throws {Error} for `final` when gate-summary.sh's message lacks `; nothing is published` (a broken package).
 */
export function gateSummaryScript(
  scripts: StepScripts,
  gatesDir: string,
  outFile: string,
  stage: 'verify' | 'final' = 'verify',
): string {
  // gate-summary.sh ends with the verify stage's message; the final table's failing row is its own.
  const table =
    stage === 'verify' ? scripts.gateSummary : replaceOnce(scripts.gateSummary, /; nothing is published"/, '"');
  return [`gates=${gatesDir}`, `out=${outFile}`, table].join('\n');
}
