#!/bin/sh
# Smoke test for the built production image of logfmt, run by its `test`
# stage. Needs only /bin/sh and the tools that debian:bookworm-slim ships
# (coreutils, diffutils) plus the logfmt binary on PATH:
#   1. pipes fixtures/sample.logfmt through logfmt and compares the output with
#      fixtures/sample.jsonl, byte for byte;
#   2. checks --types, --version, and the exit status for a malformed line
#      (1) and for an unknown option (2).
#
# Without Docker: cargo build && LOGFMT=target/debug/logfmt sh tests/smoke.sh
# Environment: LOGFMT (default: logfmt from PATH), FIXTURES (default: the
# fixtures/ directory next to this script).
set -eu

LOGFMT="${LOGFMT:-logfmt}"
FIXTURES="${FIXTURES:-$(dirname "$0")/fixtures}"

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

echo "smoke: $("$LOGFMT" --version)"

# 1. The fixture, compared byte for byte.
"$LOGFMT" <"$FIXTURES/sample.logfmt" >"$work/out.jsonl" 2>"$work/err" \
    || { cat "$work/err" >&2; fail "logfmt failed on sample.logfmt"; }
[ ! -s "$work/err" ] || { cat "$work/err" >&2; fail "logfmt wrote to stderr"; }
if ! cmp -s "$FIXTURES/sample.jsonl" "$work/out.jsonl"; then
    diff -u "$FIXTURES/sample.jsonl" "$work/out.jsonl" >&2 || true
    fail "output differs from sample.jsonl"
fi
echo "smoke: sample.logfmt -> $(wc -l <"$work/out.jsonl" | tr -d ' ') JSON lines, as expected"

# 2. Options and exit statuses.
got="$(printf 'status=200 ok=true ratio=0.5 id="42"\n' | "$LOGFMT" --types)"
want='{"status":200,"ok":true,"ratio":0.5,"id":"42"}'
[ "$got" = "$want" ] || fail "--types: got $got, want $want"
echo "smoke: --types emits numbers and booleans"

status=0
printf 'a=1\nmsg="unterminated\n' | "$LOGFMT" >"$work/out" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "a malformed line exited $status, not 1"
grep -q '^logfmt: line 2: column 5: unterminated quoted value$' "$work/err" \
    || fail "unexpected error message: $(cat "$work/err")"
[ "$(cat "$work/out")" = '{"a":"1"}' ] || fail "valid lines around a malformed one were not converted"
echo "smoke: a malformed line is reported on stderr and exits 1"

status=0
"$LOGFMT" --no-such-option </dev/null >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "an unknown option exited $status, not 2"
echo "smoke: an unknown option exits 2"

echo "smoke: passed"
