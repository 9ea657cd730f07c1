#!/bin/sh
# GitLab's smoke test, daemonless: a working container of the candidate (buildah from "oci-archive:$dir/image.tar",
# which the emitters replace by the staged candidate's reference with the registry handoff) runs the image's
# entrypoint and command with buildah run in the background (log in $dir/smoke.log); the HEALTHCHECK read from its
# Docker config runs in the same container every interval, each probe limited to its timeout, with Docker's defaults
# (30 s interval and timeout, 3 retries): the first success passes; retries consecutive failures after the start
# period, the main process exiting or $DOCKYARD_SMOKE_TIMEOUT fail. Uses the helpers of smoke-helpers.sh.
# https://github.com/containers/buildah/blob/main/docs/buildah-run.1.md
# https://github.com/containers/buildah/blob/main/docs/buildah-inspect.1.md
# Input: $timeout (smoke-helpers.sh), DOCKYARD_PLATFORM, DOCKYARD_SLUG.
# shellcheck disable=SC2154 # timeout: set by smoke-helpers.sh

dir="dockyard/$DOCKYARD_SLUG"
hc="$dir/healthcheck"
log="$dir/smoke.log"
probes="$dir/smoke-probes.log"
ctr=
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; pid=; fi
  if [ -n "$ctr" ]; then buildah rm "$ctr" > /dev/null 2>&1 || true; ctr=; fi
}
show_logs() {
  if [ -s "$probes" ]; then echo '--- last health check output ---'; tail -n 20 "$probes"; fi
  if [ -f "$log" ]; then echo '--- last 50 log lines of the container ---'; tail -n 50 "$log"; fi
}
ctr=$(buildah from --quiet --platform "$DOCKYARD_PLATFORM" "oci-archive:$dir/image.tar")
buildah inspect --type container --format '{{with .Docker.Config.Healthcheck}}{{printf "%d %d %d %d" .Interval .Timeout .StartPeriod .Retries}}{{range .Test}}{{"\n"}}{{.}}{{end}}{{"\n"}}{{end}}' "$ctr" > "$hc"
kind=$(sed -n 2p "$hc" 2> /dev/null || true)
case $kind in CMD|CMD-SHELL) ;; *) no_healthcheck ;; esac
read -r interval probe_timeout start_period retries < "$hc"
seconds() { echo "$(( ($1 + 999999999) / 1000000000 ))"; }
interval=$(seconds "$interval"); if [ "$interval" -le 0 ]; then interval=30; fi
probe_timeout=$(seconds "$probe_timeout"); if [ "$probe_timeout" -le 0 ]; then probe_timeout=30; fi
start_period=$(seconds "$start_period")
if [ "$retries" -le 0 ]; then retries=3; fi
echo "HEALTHCHECK $(sed -n '2,$p' "$hc" | tr '\n' ' ')(interval $interval s, timeout $probe_timeout s, start period $start_period s, retries $retries)"
probe() {
  if [ "$kind" = CMD-SHELL ]; then
    timeout "$probe_timeout" buildah run "$ctr" -- /bin/sh -c "$(sed -n '3,$p' "$hc")"
  else
    set --
    while IFS= read -r arg; do set -- "$@" "$arg"; done <<EOF
$(sed -n '3,$p' "$hc")
EOF
    timeout "$probe_timeout" buildah run "$ctr" -- "$@"
  fi
}
set --
while IFS= read -r arg; do if [ -n "$arg" ]; then set -- "$@" "$arg"; fi; done <<EOF
$(buildah inspect --type container --format '{{range .OCIv1.Config.Entrypoint}}{{.}}{{"\n"}}{{end}}{{range .OCIv1.Config.Cmd}}{{.}}{{"\n"}}{{end}}' "$ctr")
EOF
if [ "$#" -eq 0 ]; then fail_smoke "the image has neither ENTRYPOINT nor CMD: nothing to start" "nothing to start"; fi
: > "$probes"
buildah run "$ctr" -- "$@" > "$log" 2>&1 &
pid=$!
start=$(date +%s)
failures=0
while :; do
  remaining=$(( timeout - ($(date +%s) - start) ))
  if [ "$interval" -gt "$remaining" ]; then
    if [ "$remaining" -gt 0 ]; then sleep "$remaining"; fi
    fail_smoke "not healthy within $timeout s (HEALTHCHECK interval $interval s, $failures failed check(s))" "not healthy within $timeout s"
  fi
  sleep "$interval"
  elapsed=$(( $(date +%s) - start ))
  if ! kill -0 "$pid" 2> /dev/null; then
    status=0; wait "$pid" || status=$?; pid=
    fail_smoke "the container's main process exited with status $status after $elapsed s" "exited after $elapsed s"
  fi
  if probe >> "$probes" 2>&1; then
    echo "dockyard: the container reported healthy after $elapsed s"
    cleanup
    finish pass "healthy after $elapsed s"
    exit 0
  fi
  if [ "$elapsed" -ge "$start_period" ]; then failures=$(( failures + 1 )); fi
  if [ "$failures" -ge "$retries" ]; then fail_smoke "the container reported unhealthy after $elapsed s ($failures consecutive failed checks)" "unhealthy after $elapsed s"; fi
done
