#!/bin/sh
# The coverage gate: checks the line coverage of a Cobertura report (lines-covered/lines-valid of the root
# <coverage> element, else its line-rate) or an LCOV report (the sums of LH: and LF:) against a minimum. Prints
# "dockyard: coverage 84.21% (minimum 80%)" (truncated to hundredths; GitLab's coverage: regex reads it), appends it
# to $DOCKYARD_SUMMARY when set, writes the coverage result file with gate_result (gate-result.sh) and exits 1 below
# the minimum or when the report is missing, unreadable or counts no lines. Integer arithmetic with sed and tr only
# (no awk, which the pinned buildah image may lack). https://docs.gitlab.com/ci/testing/code_coverage/
# Input: $gates, DOCKYARD_COVERAGE_FILE, DOCKYARD_COVERAGE_FORMAT (cobertura|lcov), DOCKYARD_COVERAGE_MINIMUM
# (percent, up to two decimals), DOCKYARD_PLATFORM, DOCKYARD_SLUG, DOCKYARD_SUMMARY (optional).

report=$DOCKYARD_COVERAGE_FILE
minimum=$DOCKYARD_COVERAGE_MINIMUM
fail_coverage() {
  echo "dockyard: coverage gate failed: $1" >&2
  gate_result "coverage-$DOCKYARD_SLUG" coverage "$DOCKYARD_PLATFORM" fail "$2" ">= $minimum%"
  exit 1
}
hundredths() {
  whole=${1%%.*}; fraction=
  case $1 in *.*) fraction=${1#*.} ;; esac
  fraction=$(printf '%s0000' "$fraction" | cut -c1-"$2" | sed 's/^0*//')
  whole=$(printf '%s' "$whole" | sed 's/^0*//')
  echo "$(( ${whole:-0} * $3 + ${fraction:-0} ))"
}
sum_of() { total=0; for n in $1; do total=$((total + n)); done; echo "$total"; }
if [ ! -s "$report" ]; then fail_coverage "no coverage report at $report (the tests must write it)" "no report"; fi
covered=; valid=; rate=
case $DOCKYARD_COVERAGE_FORMAT in
  cobertura)
    attributes=$(tr '\n\r\t' '   ' < "$report" | sed -n 's/.*<coverage\([[:space:]][^>]*\)>.*/\1/p')
    if [ -z "$attributes" ]; then fail_coverage "$report is not a Cobertura report (no <coverage> element)" "unreadable report"; fi
    attribute() { printf '%s\n' "$attributes" | sed -n "s/.*[[:space:]]$1=[\"']\([0-9.]*\)[\"'].*/\1/p"; }
    covered=$(attribute lines-covered); valid=$(attribute lines-valid); rate=$(attribute line-rate)
    ;;
  lcov)
    covered=$(sum_of "$(sed -n 's/^LH:\([0-9][0-9]*\).*/\1/p' "$report")")
    valid=$(sum_of "$(sed -n 's/^LF:\([0-9][0-9]*\).*/\1/p' "$report")")
    ;;
  *) fail_coverage "unknown coverage format $DOCKYARD_COVERAGE_FORMAT" "unknown format" ;;
esac
if [ -n "$valid" ] && [ -n "$covered" ]; then
  if [ "$valid" -eq 0 ]; then fail_coverage "$report counts no coverable lines" "no lines"; fi
  percent=$((covered * 10000 / valid))
elif [ -n "$rate" ]; then
  percent=$(hundredths "$rate" 4 10000)
else
  fail_coverage "$report has no line counts (lines-covered and lines-valid, or line-rate)" "unreadable report"
fi
figure=$(printf '%d.%02d%%' $((percent / 100)) $((percent % 100)))
line="dockyard: coverage $figure (minimum $minimum%)"
echo "$line"
if [ -n "${DOCKYARD_SUMMARY:-}" ]; then echo "$line on $DOCKYARD_PLATFORM" >> "$DOCKYARD_SUMMARY"; fi
if [ "$percent" -lt "$(hundredths "$minimum" 2 100)" ]; then fail_coverage "coverage $figure is below the minimum of $minimum%" "$figure"; fi
gate_result "coverage-$DOCKYARD_SLUG" coverage "$DOCKYARD_PLATFORM" pass "$figure" ">= $minimum%"
