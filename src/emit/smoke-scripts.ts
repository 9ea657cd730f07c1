/**
 * The smoke test's POSIX sh: start the exact candidate image and wait until its HEALTHCHECK reports healthy within
 * `$DOCKYARD_SMOKE_TIMEOUT` seconds. GitHub runs it with Docker (which runs the HEALTHCHECK itself); GitLab, without
 * a daemon, runs the image's entrypoint and command with `buildah run` and the HEALTHCHECK command beside it in the
 * same container, with Docker's timing rules. Both write the `smoke` result file; on failure they print why, the
 * last health check output and the container's last 50 log lines. The sh lives in `templates/steps/`
 * (smoke-helpers.sh, smoke-docker.sh, smoke-buildah.sh), tested for real by test/templates/step-scripts.test.ts and
 * test/emit/smoke-scripts.test.ts.
 *
 * @see https://docs.docker.com/reference/dockerfile/#healthcheck
 */
import type { StepScripts } from './step-scripts.js';

/** The default `buildah from` source of smoke-buildah.sh, replaced by the `source` argument. */
const ARCHIVE_SOURCE = '"oci-archive:$dir/image.tar"';

/** The result-file and failure helpers both smoke scripts share; `cleanup` and `show_logs` differ. */
function smokeHelpers(scripts: StepScripts, gatesDir: string): string[] {
  return [`gates=${gatesDir}`, scripts.gateResult, scripts.smokeHelpers];
}

/**
 * GitHub: the candidate is loaded into Docker as `dockyard-candidate:$DOCKYARD_SLUG` (or, with the registry handoff,
 * pulled by digest: `image` then names it, e.g. `"$CANDIDATE"`); `docker run --detach` starts it
 * and `docker inspect` is polled every `${DOCKYARD_SMOKE_POLL:-2}` seconds for `.State.Health.Status` until
 * `healthy` (pass), `unhealthy`, the container stopping, or the timeout (fail). The container is removed at the end.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the result directory.
 * @param image shell word of the image to start. Default `"dockyard-candidate:$DOCKYARD_SLUG"`.
 * @see https://docs.docker.com/reference/cli/docker/inspect/
 */
export function githubSmokeScript(
  scripts: StepScripts,
  gatesDir: string,
  image = '"dockyard-candidate:$DOCKYARD_SLUG"',
): string {
  return [...smokeHelpers(scripts, gatesDir), `image=${image}`, scripts.smokeDocker].join('\n');
}

/**
 * GitLab: no daemon, so dockyard runs the HEALTHCHECK itself, daemonless. A working container of the candidate
 * (`source`: the archive `dockyard/$DOCKYARD_SLUG/image.tar`, or with the registry handoff the staged candidate by
 * digest) runs the image's entrypoint and command with `buildah run` in the
 * background (log in `dockyard/$DOCKYARD_SLUG/smoke.log`); the HEALTHCHECK of that same candidate, read from its
 * config (its `buildah inspect` line), runs in the same container (same file system and network) every interval, each
 * probe limited to the HEALTHCHECK timeout: the first success passes; `retries` consecutive failures after the start
 * period, the main process exiting, or `$DOCKYARD_SMOKE_TIMEOUT` fail.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param gatesDir shell expression of the result directory.
 * @param source shell word of the image `buildah from` reads. Default `"oci-archive:$dir/image.tar"`.
 * @throws {Error} when smoke-buildah.sh lacks its `buildah from … "oci-archive:$dir/image.tar"` line (a broken
 *   package).
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-run.1.md
 */
export function gitlabSmokeScript(scripts: StepScripts, gatesDir: string, source = ARCHIVE_SOURCE): string {
  const from = `buildah from --quiet --platform "$DOCKYARD_PLATFORM" `;
  if (!scripts.smokeBuildah.includes(from + ARCHIVE_SOURCE)) {
    throw new Error('dockyard: smoke-buildah.sh lacks its buildah from line');
  }
  const body = scripts.smokeBuildah.replace(from + ARCHIVE_SOURCE, () => from + source);
  return [...smokeHelpers(scripts, gatesDir), body].join('\n');
}
