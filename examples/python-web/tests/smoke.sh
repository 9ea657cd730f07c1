#!/bin/sh
# Smoke test for the built production image of python-web.
#
# Runs inside a container of that image and needs nothing but what the image
# ships: /bin/sh, python and gunicorn from /opt/venv, and the app in /app.
# It imports the WSGI entry point, starts gunicorn on a loopback port and
# checks /healthz plus a PUT/GET round trip, then stops gunicorn.
#
#   docker run --rm IMAGE sh tests/smoke.sh
#
# The image ships this script at /app/tests/smoke.sh (WORKDIR is /app).
# Environment: APP_HOME (default /app), SMOKE_PORT (default 8000).
set -eu

APP_HOME="${APP_HOME:-/app}"
SMOKE_PORT="${SMOKE_PORT:-8000}"
export SMOKE_PORT
cd "$APP_HOME"

echo "smoke: $(python --version 2>&1), $(gunicorn --version 2>&1)"
python -c 'import app.wsgi; assert callable(app.wsgi.application)'
echo "smoke: app.wsgi:application imports"

gunicorn --bind "127.0.0.1:${SMOKE_PORT}" --workers 1 --threads 2 \
    --log-level warning app.wsgi:application &
gunicorn_pid=$!
cleanup() {
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

healthy() {
    python - <<'PY'
import os
import sys
import urllib.request

url = f"http://127.0.0.1:{os.environ['SMOKE_PORT']}/healthz"
try:
    with urllib.request.urlopen(url, timeout=2) as res:
        sys.exit(0 if res.status == 200 else 1)
except OSError:
    sys.exit(1)
PY
}

attempt=0
until healthy; do
    attempt=$((attempt + 1))
    if ! kill -0 "$gunicorn_pid" 2>/dev/null; then
        echo "smoke: gunicorn exited before becoming healthy" >&2
        exit 1
    fi
    if [ "$attempt" -ge 30 ]; then
        echo "smoke: /healthz did not answer within 30 attempts" >&2
        exit 1
    fi
    sleep 1
done
echo "smoke: /healthz is up"

python - <<'PY'
import json
import os
import urllib.request

base = f"http://127.0.0.1:{os.environ['SMOKE_PORT']}"
put = urllib.request.Request(
    f"{base}/api/flags/smoke-test",
    data=json.dumps({"enabled": True, "description": "smoke"}).encode(),
    headers={"Content-Type": "application/json"},
    method="PUT",
)
with urllib.request.urlopen(put, timeout=5) as res:
    assert res.status == 201, res.status
with urllib.request.urlopen(f"{base}/api/flags/smoke-test", timeout=5) as res:
    flag = json.load(res)
assert flag["enabled"] is True, flag
print("smoke: PUT/GET /api/flags/smoke-test round trip ok")
PY

echo "smoke: passed"
