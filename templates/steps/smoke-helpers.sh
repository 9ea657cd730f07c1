#!/bin/sh
# The helpers both smoke tests share (smoke-docker.sh, smoke-buildah.sh): finish RESULT FIGURE writes the smoke
# result file with gate_result (gate-result.sh); fail_smoke MESSAGE FIGURE prints why, the logs (show_logs), cleans
# up (cleanup), records the failure and exits 1; no_healthcheck fails for an image without HEALTHCHECK.
# Input: DOCKYARD_SMOKE_TIMEOUT (seconds), DOCKYARD_PLATFORM, DOCKYARD_SLUG. https://docs.docker.com/reference/dockerfile/#healthcheck

timeout=$DOCKYARD_SMOKE_TIMEOUT
finish() { gate_result "smoke-$DOCKYARD_SLUG" smoke "$DOCKYARD_PLATFORM" "$1" "$2" "healthy within $timeout s"; }
fail_smoke() {
  echo "dockyard: smoke test failed: $1" >&2
  show_logs >&2
  cleanup
  finish fail "$2"
  exit 1
}
no_healthcheck() { fail_smoke "the image has no HEALTHCHECK; add one to the production stage (https://docs.docker.com/reference/dockerfile/#healthcheck)" "no HEALTHCHECK"; }
