#!/bin/sh
# Checks for the built static-site image, run by its `test` stage.
#
# Needs only what nginxinc/nginx-unprivileged (Alpine) ships: /bin/sh, the
# busybox tools (find, grep, sed, sha256sum, wget) and nginx. It
#   1. checks that the expected files exist and are not empty,
#   2. checks every file against manifest.json (SHA-256) and that no file is
#      missing from the manifest,
#   3. checks that nginx.conf parses (nginx -t),
#   4. unless CHECK_HTTP=0, starts nginx, requests /healthz, a page, a pretty
#      URL and a missing page, checks the security headers, and stops nginx.
#
# Environment: SITE_ROOT (default /usr/share/nginx/html), NGINX_CONF (default
# /etc/nginx/nginx.conf), CHECK_PORT (default 8080, the port in nginx.conf),
# CHECK_HTTP (default 1).
set -eu

SITE_ROOT="${SITE_ROOT:-/usr/share/nginx/html}"
NGINX_CONF="${NGINX_CONF:-/etc/nginx/nginx.conf}"
CHECK_PORT="${CHECK_PORT:-8080}"
CHECK_HTTP="${CHECK_HTTP:-1}"
EXPECTED="index.html getting-started.html api.html 404.html css/site.css favicon.svg manifest.json"

fail() {
    echo "check-site: FAIL: $*" >&2
    exit 1
}

# 1. Expected files.
for file in $EXPECTED; do
    [ -s "$SITE_ROOT/$file" ] || fail "$SITE_ROOT/$file is missing or empty"
done
echo "check-site: expected files present in $SITE_ROOT"

# 2. Manifest: one {"path":...,"bytes":...,"sha256":...} object per line.
work="$(mktemp -d)"
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

sed -n 's/^ *{"path":"\([^"]*\)","bytes":[0-9]*,"sha256":"\([0-9a-f]\{64\}\)"}.*$/\2  \1/p' \
    "$SITE_ROOT/manifest.json" >"$work/sums"
[ -s "$work/sums" ] || fail "manifest.json lists no files"
(cd "$SITE_ROOT" && sha256sum -c "$work/sums" >"$work/sha.log" 2>&1) \
    || { cat "$work/sha.log" >&2; fail "files differ from manifest.json"; }
(cd "$SITE_ROOT" && find . -type f ! -name manifest.json) | sed 's,^\./,,' | sort >"$work/found"
sed 's/^[0-9a-f]*  //' "$work/sums" | sort >"$work/listed"
if ! cmp -s "$work/found" "$work/listed"; then
    echo "served files:" >&2 && cat "$work/found" >&2
    echo "manifest.json:" >&2 && cat "$work/listed" >&2
    fail "the served files and manifest.json disagree"
fi
echo "check-site: $(wc -l <"$work/sums" | tr -d ' ') files match manifest.json"

# 3. Configuration.
nginx -t -q -c "$NGINX_CONF" || fail "nginx -t rejected $NGINX_CONF"
echo "check-site: nginx -t accepts $NGINX_CONF"

[ "$CHECK_HTTP" = 0 ] && { echo "check-site: passed (HTTP checks skipped)"; exit 0; }

# 4. HTTP, on loopback. `wget -S` prints the response headers to stderr.
base="http://127.0.0.1:$CHECK_PORT"
nginx -c "$NGINX_CONF" -g 'daemon off;' &
nginx_pid=$!
attempt=0
until wget -q -O "$work/health" "$base/healthz" 2>/dev/null; do
    attempt=$((attempt + 1))
    kill -0 "$nginx_pid" 2>/dev/null || fail "nginx exited before answering"
    [ "$attempt" -lt 30 ] || fail "/healthz did not answer within 30 attempts"
    sleep 1
done
[ "$(cat "$work/health")" = ok ] || fail "/healthz answered '$(cat "$work/health")', not 'ok'"
echo "check-site: GET /healthz -> ok"

for page in / /api.html /css/site.css /manifest.json; do
    wget -q -S -O "$work/body" "$base$page" 2>"$work/headers" \
        || { cat "$work/headers" >&2; fail "GET $page failed"; }
    for header in X-Content-Type-Options X-Frame-Options Content-Security-Policy Referrer-Policy; do
        grep -qi "^ *$header:" "$work/headers" || fail "GET $page: no $header header"
    done
    if grep -qi '^ *Server: nginx/' "$work/headers"; then fail "GET $page: Server header reveals the nginx version"; fi
done
echo "check-site: pages served with security headers, without the nginx version"

wget -q -O "$work/body" "$base/getting-started" || fail "GET /getting-started failed"
grep -q '<h1>Getting started</h1>' "$work/body" || fail "/getting-started is not getting-started.html"
echo "check-site: pretty URL /getting-started serves getting-started.html"

if wget -q -O "$work/body" "$base/no-such-page" 2>/dev/null; then fail "GET /no-such-page did not fail"; fi
if wget -q -O "$work/body" "$base/.env" 2>/dev/null; then fail "GET /.env did not fail"; fi
echo "check-site: missing pages and dotfiles answer 404"

echo "check-site: passed"
