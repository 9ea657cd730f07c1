#!/bin/sh
# The lint gate: runs hadolint on $DOCKYARD_DOCKERFILE with --failure-threshold $DOCKYARD_LINT_THRESHOLD and an
# --ignore per rule of $DOCKYARD_LINT_IGNORE (space-separated), prints and counts its findings, writes the lint result
# file with gate_result (gate-result.sh) and exits with hadolint's status. The emitters replace the leading word
# "hadolint" of the hadolint line with the words that run it (e.g. docker run ... hadolint).
# https://github.com/hadolint/hadolint#cli

set -- --no-color --failure-threshold "$DOCKYARD_LINT_THRESHOLD"
for rule in ${DOCKYARD_LINT_IGNORE:-}; do set -- "$@" --ignore "$rule"; done
status=0
output=$(mktemp)
hadolint "$@" "$DOCKYARD_DOCKERFILE" > "$output" 2>&1 || status=$?
cat "$output"
findings=$(grep -c -E '^[^ ]+:[0-9]+ (DL|SC)[0-9]+ ' "$output" || true)
rm -f "$output"
if [ "$status" -eq 0 ]; then result=pass; else result=fail; fi
gate_result lint lint - "$result" "$findings finding(s)" "no finding >= $DOCKYARD_LINT_THRESHOLD"
if [ "$status" -ne 0 ]; then echo "dockyard: hadolint found problems at or above $DOCKYARD_LINT_THRESHOLD in $DOCKYARD_DOCKERFILE" >&2; fi
exit "$status"
