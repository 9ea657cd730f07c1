/**
 * The sh fragment that summarises a scan's SARIF report in a job summary, for repositories whose code scanning does
 * not take SARIF uploads (GitHub private repositories without Code Security): the number of findings, a count per
 * SARIF `level` (`error`, `warning`, `note`, `none`; a result without one counts as `warning`, SARIF's default), and
 * the artifact that keeps the report. Run for real by test/targets/github/github-repository-scripts.test.ts (dash and bash).
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317648
 * @see https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 */

/**
 * sh appending the findings summary of `sarifFile` to `out` (both shell words); the platform comes from
 * `$DOCKYARD_PLATFORM`, the artifact name from `$DOCKYARD_REPORT_ARTIFACT`. Fails, saying so, when the report is
 * missing or empty (the scanner did not write it).
 */
export function scanReportSummaryScript(sarifFile: string, out: string): string {
  return [
    `if [ ! -s ${sarifFile} ]; then echo "dockyard: the scanner wrote no SARIF report" >&2; exit 1; fi`,
    `total=$(jq '[.runs[].results[]] | length' ${sarifFile})`,
    '{',
    `  printf '### Scan findings on %s: %s\\n\\n' "$DOCKYARD_PLATFORM" "$total"`,
    `  printf '| SARIF level | findings |\\n| --- | --- |\\n'`,
    `  jq -r '[.runs[].results[] | .level // "warning"] | group_by(.) | map("| \\(.[0]) | \\(length) |") | .[]' ${sarifFile}`,
    `  printf '\\nEvery finding (all severities) is in the artifact %s: this repository has no code scanning to upload it to.\\n' "$DOCKYARD_REPORT_ARTIFACT"`,
    `} >> ${out}`,
  ].join('\n');
}
