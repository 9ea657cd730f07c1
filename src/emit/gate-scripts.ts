/**
 * POSIX sh fragments of the gates that both emitters share: writing a gate's result file (the one writer every
 * gate uses, {@link GATE_RESULT_FUNCTION}), the coverage check, the lint wrapper and the gate summary. Values reach
 * them through environment variables; each is run for real by test/emit/gate-scripts.test.ts and checked with
 * shellcheck by the golden tests.
 *
 * Result files (docs/gates.md, "Gate result files"): `<gates dir>/<gate>.tsv` for a gate that runs once and
 * `<gates dir>/<gate>-<platform slug>.tsv` per platform, each one line of five tab-separated fields:
 * gate, platform (`linux/amd64`, or `-`), result (`pass`, `fail` or `warn`), figure, threshold. Fields hold no
 * tab or newline.
 */
import type { GateResultSpec } from '../model/verify-gates.js';
import { quoteShellWord } from './shell-quote.js';

/**
 * sh defining `gate_result FILE GATE PLATFORM RESULT FIGURE THRESHOLD`, which writes one result file
 * (`FILE` without `.tsv`) into `$gates`, tabs and newlines in the fields replaced by spaces.
 */
export const GATE_RESULT_FUNCTION = [
  'gate_result() {',
  '  mkdir -p "$gates"',
  '  printf \'%s\\t%s\\t%s\\t%s\\t%s\\n\' "$2" "$3" "$4" "$(printf \'%s\' "$5" | tr \'\\t\\n\' \'  \')" "$6" > "$gates/$1.tsv"',
  '}',
].join('\n');

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
 * sh writing one result file into `gatesDir` with the shared writer ({@link GATE_RESULT_FUNCTION}): every gate's
 * result, whichever job writes it, goes through this one fragment.
 *
 * @param gatesDir shell expression of the result directory, e.g. `dockyard/gates`.
 */
export function recordGateResultScript(gatesDir: string, words: GateResultWords): string {
  return [
    `gates=${gatesDir}`,
    GATE_RESULT_FUNCTION,
    `gate_result ${words.file} ${words.gate} ${words.platform} ${words.result} ${words.figure} ${words.threshold}`,
  ].join('\n');
}

/**
 * sh writing a `pass` result for a per-platform gate (e.g. `test` once every test passed, before the coverage check
 * can fail the job; `sbom` once the SBOM is written). Reads `$DOCKYARD_PLATFORM` and `$DOCKYARD_SLUG`.
 *
 * @param figure a literal, quoted here.
 */
export function recordPassScript(gatesDir: string, gate: string, figure: string, threshold: string): string {
  return recordGateResultScript(gatesDir, {
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
 * @param gatesDir shell expression of the result directory, e.g. `dockyard/gates`.
 */
export function recordJobResultsScript(gatesDir: string, results: readonly GateResultSpec[]): string {
  return [
    `gates=${gatesDir}`,
    GATE_RESULT_FUNCTION,
    'if [ "${DOCKYARD_JOB_STATUS:-}" = success ]; then result=pass; figure=passed; else result=fail; figure="job ${DOCKYARD_JOB_STATUS:-failed}, see its log"; fi',
    ...results.map((r) => {
      const file = r.perPlatform ? `${r.gate}-$DOCKYARD_SLUG` : r.gate;
      const platform = r.perPlatform ? '"$DOCKYARD_PLATFORM"' : '-';
      return `if [ ! -s "$gates/${file}.tsv" ]; then gate_result "${file}" ${r.gate} ${platform} "$result" "$figure" ${quoteShellWord(r.threshold)}; fi`;
    }),
  ].join('\n');
}

/**
 * Check the line coverage of a report against a minimum: Cobertura (`lines-covered`/`lines-valid` of the root
 * `<coverage>` element, else its `line-rate`) or LCOV (the sums of every record's `LH:` and `LF:`). Prints
 * `dockyard: coverage 84.21% (minimum 80%)` (the figure truncated to hundredths; GitLab's `coverage:` regex reads
 * it), appends the line to `$DOCKYARD_SUMMARY` when set (GitHub's step summary), writes the `coverage` result file
 * and exits 1 below the minimum, or when the report is missing, unreadable or counts no lines. Integer arithmetic
 * in hundredths of a percent, with sed and tr only (no awk, which the pinned buildah image may lack).
 *
 * Environment: `DOCKYARD_COVERAGE_FILE` (the report on the runner), `DOCKYARD_COVERAGE_FORMAT` (`cobertura` or
 * `lcov`), `DOCKYARD_COVERAGE_MINIMUM` (percent, up to two decimals), `DOCKYARD_PLATFORM`, `DOCKYARD_SLUG`.
 *
 * @param gatesDir shell expression of the result directory.
 * @param writerDefined true when an earlier fragment of the same shell defined `gate_result` (GitLab's test job
 *   script, after the test result): it is not defined twice.
 * @see https://docs.gitlab.com/ci/testing/code_coverage/
 */
export function coverageCheckScript(gatesDir: string, writerDefined = false): string {
  return [
    `gates=${gatesDir}`,
    ...(writerDefined ? [] : [GATE_RESULT_FUNCTION]),
    'report=$DOCKYARD_COVERAGE_FILE',
    'minimum=$DOCKYARD_COVERAGE_MINIMUM',
    'fail_coverage() {',
    '  echo "dockyard: coverage gate failed: $1" >&2',
    '  gate_result "coverage-$DOCKYARD_SLUG" coverage "$DOCKYARD_PLATFORM" fail "$2" ">= $minimum%"',
    '  exit 1',
    '}',
    // "0.8421" → 8421 hundredths of a percent (times 100, to two decimals, truncated); "80" → 8000, "80.5" → 8050.
    'hundredths() {',
    '  whole=${1%%.*}; fraction=',
    '  case $1 in *.*) fraction=${1#*.} ;; esac',
    '  fraction=$(printf \'%s0000\' "$fraction" | cut -c1-"$2" | sed \'s/^0*//\')',
    "  whole=$(printf '%s' \"$whole\" | sed 's/^0*//')",
    '  echo "$(( ${whole:-0} * $3 + ${fraction:-0} ))"',
    '}',
    'sum_of() { total=0; for n in $1; do total=$((total + n)); done; echo "$total"; }',
    'if [ ! -s "$report" ]; then fail_coverage "no coverage report at $report (the tests must write it)" "no report"; fi',
    'covered=; valid=; rate=',
    'case $DOCKYARD_COVERAGE_FORMAT in',
    '  cobertura)',
    // The attributes of the root element, wherever its line breaks are.
    "    attributes=$(tr '\\n\\r\\t' '   ' < \"$report\" | sed -n 's/.*<coverage\\([[:space:]][^>]*\\)>.*/\\1/p')",
    '    if [ -z "$attributes" ]; then fail_coverage "$report is not a Cobertura report (no <coverage> element)" "unreadable report"; fi',
    '    attribute() { printf \'%s\\n\' "$attributes" | sed -n "s/.*[[:space:]]$1=[\\"\']\\([0-9.]*\\)[\\"\'].*/\\1/p"; }',
    '    covered=$(attribute lines-covered); valid=$(attribute lines-valid); rate=$(attribute line-rate)',
    '    ;;',
    '  lcov)',
    '    covered=$(sum_of "$(sed -n \'s/^LH:\\([0-9][0-9]*\\).*/\\1/p\' "$report")")',
    '    valid=$(sum_of "$(sed -n \'s/^LF:\\([0-9][0-9]*\\).*/\\1/p\' "$report")")',
    '    ;;',
    '  *) fail_coverage "unknown coverage format $DOCKYARD_COVERAGE_FORMAT" "unknown format" ;;',
    'esac',
    'if [ -n "$valid" ] && [ -n "$covered" ]; then',
    '  if [ "$valid" -eq 0 ]; then fail_coverage "$report counts no coverable lines" "no lines"; fi',
    '  percent=$((covered * 10000 / valid))',
    'elif [ -n "$rate" ]; then',
    '  percent=$(hundredths "$rate" 4 10000)',
    'else',
    '  fail_coverage "$report has no line counts (lines-covered and lines-valid, or line-rate)" "unreadable report"',
    'fi',
    "figure=$(printf '%d.%02d%%' $((percent / 100)) $((percent % 100)))",
    'line="dockyard: coverage $figure (minimum $minimum%)"',
    'echo "$line"',
    'if [ -n "${DOCKYARD_SUMMARY:-}" ]; then echo "$line on $DOCKYARD_PLATFORM" >> "$DOCKYARD_SUMMARY"; fi',
    'if [ "$percent" -lt "$(hundredths "$minimum" 2 100)" ]; then fail_coverage "coverage $figure is below the minimum of $minimum%" "$figure"; fi',
    'gate_result "coverage-$DOCKYARD_SLUG" coverage "$DOCKYARD_PLATFORM" pass "$figure" ">= $minimum%"',
  ].join('\n');
}

/**
 * Run hadolint on `$DOCKYARD_DOCKERFILE` with `--failure-threshold $DOCKYARD_LINT_THRESHOLD` and `--ignore` for
 * each rule in `$DOCKYARD_LINT_IGNORE` (space-separated), print its findings, count them, write the `lint` result
 * file, and exit with hadolint's status.
 *
 * @param hadolint the sh words that run hadolint (`hadolint`, or `docker run … <image> hadolint`).
 * @param gatesDir shell expression of the result directory.
 * @see https://github.com/hadolint/hadolint#cli
 */
export function lintScript(hadolint: string, gatesDir: string): string {
  return [
    `gates=${gatesDir}`,
    GATE_RESULT_FUNCTION,
    'set -- --no-color --failure-threshold "$DOCKYARD_LINT_THRESHOLD"',
    'for rule in ${DOCKYARD_LINT_IGNORE:-}; do set -- "$@" --ignore "$rule"; done',
    'status=0',
    'output=$(mktemp)',
    `${hadolint} "$@" "$DOCKYARD_DOCKERFILE" > "$output" 2>&1 || status=$?`,
    'cat "$output"',
    'findings=$(grep -c -E \'^[^ ]+:[0-9]+ (DL|SC)[0-9]+ \' "$output" || true)',
    'rm -f "$output"',
    'if [ "$status" -eq 0 ]; then result=pass; else result=fail; fi',
    'gate_result lint lint - "$result" "$findings finding(s)" "no finding >= $DOCKYARD_LINT_THRESHOLD"',
    'if [ "$status" -ne 0 ]; then echo "dockyard: hadolint found problems at or above $DOCKYARD_LINT_THRESHOLD in $DOCKYARD_DOCKERFILE" >&2; fi',
    'exit "$status"',
  ].join('\n');
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
 * job needs this job, so nothing is published then.
 *
 * @param gatesDir shell expression of the directory the gate jobs' results were collected in.
 * @param outFile shell expression of the Markdown file to append the table to (e.g. `"$GITHUB_STEP_SUMMARY"`).
 * @param stage `verify` (the summary job, before publishing: "nothing is published") or `final` (the sign job's
 *   table after publishing, whose failing row is its own).
 */
export function gateSummaryScript(gatesDir: string, outFile: string, stage: 'verify' | 'final' = 'verify'): string {
  const failure =
    stage === 'verify'
      ? 'a gate failed or reported no result; nothing is published'
      : 'a gate failed or reported no result';
  return [
    `gates=${gatesDir}`,
    `out=${outFile}`,
    'mkdir -p "$gates"',
    'table=$(mktemp)',
    "tab=$(printf '\\t')",
    // A literal `|` in a field would end its cell: escape it.
    "esc() { printf '%s' \"$1\" | sed 's/|/\\\\|/g'; }",
    'row() { printf \'| %s | %s | %s | %s | %s |\\n\' "$(esc "$1")" "$(esc "$2")" "$(esc "$3")" "$(esc "$4")" "$(esc "$5")" >> "$table"; }',
    "printf '%s\\n' '### dockyard gates' '' '| gate | platform | result | figure | threshold |' '| --- | --- | --- | --- | --- |' > \"$table\"",
    'failed=0',
    'for file in "$gates"/*.tsv; do',
    '  [ -f "$file" ] || continue',
    '  IFS=$tab read -r gate platform result figure threshold < "$file" || true',
    '  row "$gate" "$platform" "$result" "$figure" "$threshold"',
    '  case $result in pass|warn) ;; *) failed=1 ;; esac',
    'done',
    'for name in ${DOCKYARD_GATE_FILES:-}; do',
    MISSING_GATE_LINE,
    'done',
    'cat "$table" >> "$out"',
    'cat "$table"',
    'rm -f "$table"',
    `if [ "$failed" -ne 0 ]; then echo "dockyard: ${failure}" >&2; exit 1; fi`,
  ].join('\n');
}
