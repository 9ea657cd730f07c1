#!/bin/sh
# Defines gate_result FILE GATE PLATFORM RESULT FIGURE THRESHOLD: writes one gate result file, $gates/FILE.tsv,
# one line of five tab-separated fields (tabs and newlines in FIGURE replaced by spaces). docs/gates.md,
# "Gate result files". Every gate's result goes through this one writer.
# Input: $gates (the result directory, set by the step before).
# shellcheck disable=SC2154 # gates: set by the step before

gate_result() {
  mkdir -p "$gates"
  printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$(printf '%s' "$5" | tr '\t\n' '  ')" "$6" > "$gates/$1.tsv"
}
