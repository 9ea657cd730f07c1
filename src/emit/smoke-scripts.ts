/**
 * The smoke test's POSIX sh: start the exact candidate image and wait until its HEALTHCHECK reports healthy within
 * `$DOCKYARD_SMOKE_TIMEOUT` seconds. GitHub runs it with Docker (which runs the HEALTHCHECK itself); GitLab, without
 * a daemon, runs the image's entrypoint and command with `buildah run` and the HEALTHCHECK command beside it in the
 * same container, with Docker's timing rules. Both write the `smoke` result file; on failure they print why, the
 * last health check output and the container's last 50 log lines. Tested for real by test/emit/smoke-scripts.test.ts.
 *
 * @see https://docs.docker.com/reference/dockerfile/#healthcheck
 */
import { GATE_RESULT_FUNCTION } from './gate-scripts.js';

const POLL = '"${DOCKYARD_SMOKE_POLL:-2}"';

/** The result-file and failure helpers both smoke scripts share; `cleanup` and `show_logs` differ. */
function smokeHelpers(gatesDir: string): string[] {
  return [
    `gates=${gatesDir}`,
    GATE_RESULT_FUNCTION,
    'timeout=$DOCKYARD_SMOKE_TIMEOUT',
    'finish() { gate_result "smoke-$DOCKYARD_SLUG" smoke "$DOCKYARD_PLATFORM" "$1" "$2" "healthy within $timeout s"; }',
    'fail_smoke() {',
    '  echo "dockyard: smoke test failed: $1" >&2',
    '  show_logs >&2',
    '  cleanup',
    '  finish fail "$2"',
    '  exit 1',
    '}',
    'no_healthcheck() { fail_smoke "the image has no HEALTHCHECK; add one to the production stage (https://docs.docker.com/reference/dockerfile/#healthcheck)" "no HEALTHCHECK"; }',
  ];
}

/**
 * GitHub: the candidate is loaded into Docker as `dockyard-candidate:$DOCKYARD_SLUG` (or, with the registry handoff,
 * pulled by digest: `image` then names it, e.g. `"$CANDIDATE"`); `docker run --detach` starts it
 * and `docker inspect` is polled every `${DOCKYARD_SMOKE_POLL:-2}` seconds for `.State.Health.Status` until
 * `healthy` (pass), `unhealthy`, the container stopping, or the timeout (fail). The container is removed at the end.
 *
 * @param gatesDir shell expression of the result directory.
 * @param image shell word of the image to start. Default `"dockyard-candidate:$DOCKYARD_SLUG"`.
 * @see https://docs.docker.com/reference/cli/docker/inspect/
 */
export function githubSmokeScript(gatesDir: string, image = '"dockyard-candidate:$DOCKYARD_SLUG"'): string {
  return [
    ...smokeHelpers(gatesDir),
    `image=${image}`,
    'cid=',
    'cleanup() { if [ -n "$cid" ]; then docker rm --force "$cid" > /dev/null 2>&1 || true; fi; }',
    'show_logs() {',
    '  if [ -z "$cid" ]; then return 0; fi',
    "  echo '--- last health checks ---'",
    '  docker inspect --format \'{{if .State.Health}}{{range .State.Health.Log}}exit {{.ExitCode}}: {{.Output}}{{"\\n"}}{{end}}{{end}}\' "$cid" || true',
    "  echo '--- last 50 log lines of the container ---'",
    '  docker logs --tail 50 "$cid" 2>&1 || true',
    '}',
    'healthcheck=$(docker image inspect --format \'{{if .Config.Healthcheck}}{{json .Config.Healthcheck.Test}}{{end}}\' "$image")',
    "case $healthcheck in ''|null|'[]'|'[\"NONE\"]') no_healthcheck ;; esac",
    'echo "HEALTHCHECK $healthcheck"',
    'cid=$(docker run --detach --platform "$DOCKYARD_PLATFORM" "$image")',
    'start=$(date +%s)',
    'while :; do',
    '  state=$(docker inspect --format \'{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}\' "$cid")',
    '  elapsed=$(( $(date +%s) - start ))',
    '  case $state in',
    '    *" healthy")',
    '      echo "dockyard: the container reported healthy after $elapsed s"',
    '      cleanup',
    '      finish pass "healthy after $elapsed s"',
    '      exit 0 ;;',
    '    *" unhealthy") fail_smoke "the container reported unhealthy after $elapsed s" "unhealthy after $elapsed s" ;;',
    '    running*) ;;',
    '    *) fail_smoke "the container stopped (${state%% *}, exit code $(docker inspect --format \'{{.State.ExitCode}}\' "$cid")) after $elapsed s" "stopped after $elapsed s" ;;',
    '  esac',
    '  if [ "$elapsed" -ge "$timeout" ]; then fail_smoke "not healthy within $timeout s (health status: ${state#* })" "not healthy within $timeout s"; fi',
    `  sleep ${POLL}`,
    'done',
  ].join('\n');
}

/**
 * GitLab: write the HEALTHCHECK of a working container's image (its Docker config: the candidate is built and
 * archived in Docker v2s2 format when a smoke test is configured, see gitlab-jobs.ts) to `file`: a first line
 * `interval timeout start-period retries` (the durations in nanoseconds; zero means Docker's default), then the test
 * (`CMD` or `CMD-SHELL`, then its arguments), one per line. An image without HEALTHCHECK gives an empty file.
 *
 * @param container shell word of the working container, e.g. `"$ctr"`.
 * @param file shell word of the file to write.
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-inspect.1.md
 */
export function readHealthcheckScript(container: string, file: string): string {
  return `buildah inspect --type container --format '{{with .Docker.Config.Healthcheck}}{{printf "%d %d %d %d" .Interval .Timeout .StartPeriod .Retries}}{{range .Test}}{{"\\n"}}{{.}}{{end}}{{"\\n"}}{{end}}' ${container} > ${file}`;
}

/**
 * GitLab: no daemon, so dockyard runs the HEALTHCHECK itself, daemonless. A working container of the candidate
 * (`source`: the archive `dockyard/$DOCKYARD_SLUG/image.tar`, or with the registry handoff the staged candidate by
 * digest) runs the image's entrypoint and command with `buildah run` in the
 * background (log in `dockyard/$DOCKYARD_SLUG/smoke.log`); the HEALTHCHECK of that same candidate, read from its
 * config ({@link readHealthcheckScript}), runs in the same container (same file system and network) every interval, each
 * probe limited to the HEALTHCHECK timeout: the first success passes; `retries` consecutive failures after the start
 * period, the main process exiting, or `$DOCKYARD_SMOKE_TIMEOUT` fail.
 *
 * @param gatesDir shell expression of the result directory.
 * @param source shell word of the image `buildah from` reads. Default `"oci-archive:$dir/image.tar"`.
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-run.1.md
 */
export function gitlabSmokeScript(gatesDir: string, source = '"oci-archive:$dir/image.tar"'): string {
  return [
    ...smokeHelpers(gatesDir),
    'dir="dockyard/$DOCKYARD_SLUG"',
    'hc="$dir/healthcheck"',
    'log="$dir/smoke.log"',
    'probes="$dir/smoke-probes.log"',
    'ctr=',
    'pid=',
    'cleanup() {',
    '  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; pid=; fi',
    '  if [ -n "$ctr" ]; then buildah rm "$ctr" > /dev/null 2>&1 || true; ctr=; fi',
    '}',
    'show_logs() {',
    '  if [ -s "$probes" ]; then echo \'--- last health check output ---\'; tail -n 20 "$probes"; fi',
    '  if [ -f "$log" ]; then echo \'--- last 50 log lines of the container ---\'; tail -n 50 "$log"; fi',
    '}',
    `ctr=$(buildah from --quiet --platform "$DOCKYARD_PLATFORM" ${source})`,
    readHealthcheckScript('"$ctr"', '"$hc"'),
    'kind=$(sed -n 2p "$hc" 2> /dev/null || true)',
    'case $kind in CMD|CMD-SHELL) ;; *) no_healthcheck ;; esac',
    'read -r interval probe_timeout start_period retries < "$hc"',
    // Nanoseconds to whole seconds, rounded up; zero means Docker's default: 30 s interval and timeout, 3 retries.
    'seconds() { echo "$(( ($1 + 999999999) / 1000000000 ))"; }',
    'interval=$(seconds "$interval"); if [ "$interval" -le 0 ]; then interval=30; fi',
    'probe_timeout=$(seconds "$probe_timeout"); if [ "$probe_timeout" -le 0 ]; then probe_timeout=30; fi',
    'start_period=$(seconds "$start_period")',
    'if [ "$retries" -le 0 ]; then retries=3; fi',
    "echo \"HEALTHCHECK $(sed -n '2,$p' \"$hc\" | tr '\\n' ' ')(interval $interval s, timeout $probe_timeout s, start period $start_period s, retries $retries)\"",
    'probe() {',
    '  if [ "$kind" = CMD-SHELL ]; then',
    '    timeout "$probe_timeout" buildah run "$ctr" -- /bin/sh -c "$(sed -n \'3,$p\' "$hc")"',
    '  else',
    '    set --',
    '    while IFS= read -r arg; do set -- "$@" "$arg"; done <<EOF',
    '$(sed -n \'3,$p\' "$hc")',
    'EOF',
    '    timeout "$probe_timeout" buildah run "$ctr" -- "$@"',
    '  fi',
    '}',
    'set --',
    'while IFS= read -r arg; do if [ -n "$arg" ]; then set -- "$@" "$arg"; fi; done <<EOF',
    '$(buildah inspect --type container --format \'{{range .OCIv1.Config.Entrypoint}}{{.}}{{"\\n"}}{{end}}{{range .OCIv1.Config.Cmd}}{{.}}{{"\\n"}}{{end}}\' "$ctr")',
    'EOF',
    'if [ "$#" -eq 0 ]; then fail_smoke "the image has neither ENTRYPOINT nor CMD: nothing to start" "nothing to start"; fi',
    ': > "$probes"',
    'buildah run "$ctr" -- "$@" > "$log" 2>&1 &',
    'pid=$!',
    'start=$(date +%s)',
    'failures=0',
    'while :; do',
    '  remaining=$(( timeout - ($(date +%s) - start) ))',
    '  if [ "$interval" -gt "$remaining" ]; then',
    '    if [ "$remaining" -gt 0 ]; then sleep "$remaining"; fi',
    '    fail_smoke "not healthy within $timeout s (HEALTHCHECK interval $interval s, $failures failed check(s))" "not healthy within $timeout s"',
    '  fi',
    '  sleep "$interval"',
    '  elapsed=$(( $(date +%s) - start ))',
    '  if ! kill -0 "$pid" 2> /dev/null; then',
    '    status=0; wait "$pid" || status=$?; pid=',
    '    fail_smoke "the container\'s main process exited with status $status after $elapsed s" "exited after $elapsed s"',
    '  fi',
    '  if probe >> "$probes" 2>&1; then',
    '    echo "dockyard: the container reported healthy after $elapsed s"',
    '    cleanup',
    '    finish pass "healthy after $elapsed s"',
    '    exit 0',
    '  fi',
    '  if [ "$elapsed" -ge "$start_period" ]; then failures=$(( failures + 1 )); fi',
    '  if [ "$failures" -ge "$retries" ]; then fail_smoke "the container reported unhealthy after $elapsed s ($failures consecutive failed checks)" "unhealthy after $elapsed s"; fi',
    'done',
  ].join('\n');
}
