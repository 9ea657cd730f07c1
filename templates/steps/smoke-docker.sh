#!/bin/sh
# GitHub's smoke test: starts $image with docker run --detach and polls docker inspect every
# ${DOCKYARD_SMOKE_POLL:-2} seconds for .State.Health.Status until healthy (pass), unhealthy, the container stopping
# or $timeout seconds (fail). Uses the helpers of smoke-helpers.sh. https://docs.docker.com/reference/cli/docker/inspect/
# Input: $image (set by the step before), $timeout (smoke-helpers.sh), DOCKYARD_PLATFORM, DOCKYARD_SMOKE_POLL.
# shellcheck disable=SC2154 # image, timeout: set before this file

cid=
cleanup() { if [ -n "$cid" ]; then docker rm --force "$cid" > /dev/null 2>&1 || true; fi; }
show_logs() {
  if [ -z "$cid" ]; then return 0; fi
  echo '--- last health checks ---'
  docker inspect --format '{{if .State.Health}}{{range .State.Health.Log}}exit {{.ExitCode}}: {{.Output}}{{"\n"}}{{end}}{{end}}' "$cid" || true
  echo '--- last 50 log lines of the container ---'
  docker logs --tail 50 "$cid" 2>&1 || true
}
healthcheck=$(docker image inspect --format '{{if .Config.Healthcheck}}{{json .Config.Healthcheck.Test}}{{end}}' "$image")
case $healthcheck in ''|null|'[]'|'["NONE"]') no_healthcheck ;; esac
echo "HEALTHCHECK $healthcheck"
cid=$(docker run --detach --platform "$DOCKYARD_PLATFORM" "$image")
start=$(date +%s)
while :; do
  state=$(docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$cid")
  elapsed=$(( $(date +%s) - start ))
  case $state in
    *" healthy")
      echo "dockyard: the container reported healthy after $elapsed s"
      cleanup
      finish pass "healthy after $elapsed s"
      exit 0 ;;
    *" unhealthy") fail_smoke "the container reported unhealthy after $elapsed s" "unhealthy after $elapsed s" ;;
    running*) ;;
    *) fail_smoke "the container stopped (${state%% *}, exit code $(docker inspect --format '{{.State.ExitCode}}' "$cid")) after $elapsed s" "stopped after $elapsed s" ;;
  esac
  if [ "$elapsed" -ge "$timeout" ]; then fail_smoke "not healthy within $timeout s (health status: ${state#* })" "not healthy within $timeout s"; fi
  sleep "${DOCKYARD_SMOKE_POLL:-2}"
done
