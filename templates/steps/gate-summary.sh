#!/bin/sh
# The gate summary: renders every result file in $gates (sorted by name) as one Markdown table (gate, platform,
# result, figure, threshold), appends it to $out and prints it; a name of $DOCKYARD_GATE_FILES (space-separated file
# names without .tsv) with no file gets a "missing" row. Exits 1 when any row is fail or missing (the push job needs
# this job, so nothing is published). The sign job's final table drops "; nothing is published" from the message.
# Input: $gates, $out (set by the step before), DOCKYARD_GATE_FILES, DOCKYARD_GATE_SWITCHES (reusable outputs).
# shellcheck disable=SC2154 # gates, out: set by the step before

mkdir -p "$gates"
table=$(mktemp)
tab=$(printf '\t')
esc() { printf '%s' "$1" | sed 's/|/\\|/g'; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$(esc "$1")" "$(esc "$2")" "$(esc "$3")" "$(esc "$4")" "$(esc "$5")" >> "$table"; }
printf '%s\n' '### dockyard gates' '' '| gate | platform | result | figure | threshold |' '| --- | --- | --- | --- | --- |' > "$table"
failed=0
for file in "$gates"/*.tsv; do
  [ -f "$file" ] || continue
  IFS=$tab read -r gate platform result figure threshold < "$file" || true
  row "$gate" "$platform" "$result" "$figure" "$threshold"
  case $result in pass|warn) ;; *) failed=1 ;; esac
done
for name in ${DOCKYARD_GATE_FILES:-}; do
  if [ ! -f "$gates/$name.tsv" ]; then row "$name" - missing "no result file" -; failed=1; fi
done
cat "$table" >> "$out"
cat "$table"
rm -f "$table"
if [ "$failed" -ne 0 ]; then echo "dockyard: a gate failed or reported no result; nothing is published" >&2; exit 1; fi
