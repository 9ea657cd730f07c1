/**
 * POSIX sh fragments shared by both emitters, so that the GitHub and GitLab pipelines hand the candidate
 * image on, and push it, the same way, in both handoff modes. Every fragment is plain text without CI expressions; values reach it
 * through environment variables. The per-platform sh lives in `templates/steps/` (see step-scripts.ts), checked with
 * shellcheck and run by test/templates/step-scripts.test.ts; these functions join it with the directories it uses.
 */
import type { StepScripts } from './step-scripts.js';

/**
 * Read the manifest digest of the single image in an OCI archive (`<dir>/image.tar`) from its `index.json`
 * and write it to `<dir>/digest`. Fails when the archive has no digest.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the directory, e.g. `"$RUNNER_TEMP/dockyard"`.
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 */
export function recordDigestScript(scripts: StepScripts, dir: string): string {
  return [`dir=${dir}`, scripts.recordDigest].join('\n');
}

/**
 * Push the candidate archive to every repository in `$DOCKYARD_REPOSITORIES` (space-separated) by digest,
 * refusing any change of digest, then record the digest in `digestsDir/$slug` (the platform's slug, set by {@link forEachPlatformScript}, so
 * the manifest job takes exactly one digest per platform and notices a missing one). Before pushing, the
 * archive's digest is read again and compared with the digest recorded when it was built (and then tested
 * and scanned): a different archive is never published.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @param digestsDir shell expression of the directory collecting pushed digests.
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function pushByDigestScript(scripts: StepScripts, dir: string, digestsDir: string): string {
  return [`dir=${dir}`, `digests=${digestsDir}`, scripts.pushByDigest].join('\n');
}

/**
 * sh that sets `$dir` and `$digest` to the digest recorded in `$dir/digest`, failing unless it is exactly one
 * `sha256:<64 hex>` (so nothing else reaches an image reference or a step output).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory.
 * @see https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
 */
export function readRecordedDigestScript(scripts: StepScripts, dir: string): string {
  return [`dir=${dir}`, scripts.readRecordedDigest].join('\n');
}

/**
 * Registry handoff, build job: push the candidate archive, untagged, to the staging repository
 * `$DOCKYARD_STAGING` by the digest recorded in `<dir>/digest` (see {@link recordDigestScript}). The registry
 * checks the manifest against that digest; no tag is ever written to the staging repository.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function stageByDigestScript(scripts: StepScripts, dir: string): string {
  return [readRecordedDigestScript(scripts, dir), scripts.stageByDigest].join('\n');
}

/**
 * Registry handoff, build job with buildah only (GitLab: the buildah image has no skopeo): push the candidate
 * archive, untagged, to the staging repository `$DOCKYARD_STAGING` with its digest unchanged. `buildah push`
 * re-compresses layers and so cannot push to a digest; `buildah manifest push --all` copies the instances of a
 * manifest list as they are. The candidate is therefore wrapped in a one-entry index, whose digest a dry run into a
 * `dir:` directory gives, and index and candidate are pushed by digest: no tag is written. The index is a
 * by-product nothing refers to; test, scan and push use the candidate's own digest.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-manifest-push.1.md
 */
export function stageWithBuildahScript(scripts: StepScripts, dir: string): string {
  return [readRecordedDigestScript(scripts, dir), scripts.stageWithBuildah].join('\n');
}

/**
 * Registry handoff, push job: copy the tested candidate from the staging repository `$DOCKYARD_STAGING` to every
 * repository in `$DOCKYARD_REPOSITORIES` (space-separated) by digest, then record the digest in
 * `digestsDir/$slug`. Before publishing, the manifest stored under the digest recorded at build time is fetched and
 * hashed: a missing candidate (removed by a cleanup, or a recorded digest changed after the build), different
 * content, or an image index (such as the by-product of {@link stageWithBuildahScript}) instead of the
 * single-platform image is never published. `--preserve-digests` copies exactly that manifest or fails.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory (holds `digest`).
 * @param digestsDir shell expression of the directory collecting pushed digests.
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-inspect.1.md
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function promoteByDigestScript(scripts: StepScripts, dir: string, digestsDir: string): string {
  return [readRecordedDigestScript(scripts, dir), `digests=${digestsDir}`, scripts.promoteByDigest].join('\n');
}

/**
 * Run `body` once per platform of the one push job: `slug` takes each slug of `$DOCKYARD_SLUGS`
 * (space-separated) in turn, so the per-platform fragments ({@link pushByDigestScript},
 * {@link promoteByDigestScript}) push every platform's tested candidate from a single job. A failure for one
 * platform stops the job (`exit 1` inside the loop), before the manifest job could merge anything.
 *
 * @param body sh using `$slug`.
 */
export function forEachPlatformScript(body: string): string {
  return ['for slug in $DOCKYARD_SLUGS; do', ...body.split('\n').map((line) => `  ${line}`), 'done'].join('\n');
}

/**
 * Fail unless `digestsDir` holds a pushed digest for every platform slug in `$DOCKYARD_SLUGS` (space-separated):
 * an index is never published with a platform missing, nor from stray files of an earlier pipeline.
 *
 * @param digestsDir shell expression of the directory the push jobs' digests were collected in.
 */
export function checkPushedDigestsScript(digestsDir: string): string {
  return [
    'for slug in $DOCKYARD_SLUGS; do',
    `  if [ ! -s ${digestsDir}/"$slug" ]; then echo "dockyard: no pushed digest for $slug; not publishing an incomplete index" >&2; exit 1; fi`,
    'done',
  ].join('\n');
}

/**
 * Load the candidate archive `<dir>/image.tar` (an OCI archive) into the local Docker Engine as `<name>`, without
 * talking to the Docker API from skopeo: skopeo turns the archive into a docker-archive file (`manifest.json` with
 * the repository tag, the same config and layer blobs; no daemon involved), then `docker load` reads it. The
 * image's config is the candidate's own and `docker load` checks every layer against the config's `diff_ids`, so
 * the container runs exactly the tested and pushed file system and configuration.
 *
 * Why not the alternatives: skopeo's `docker-daemon:` transport carries its own Docker API client, which breaks
 * whenever the runner's Docker raises its minimum API version (skopeo 1.13 on ubuntu-24.04 with Docker 29:
 * "client version 1.41 is too old", containers/skopeo#2802); and `docker load` of the OCI archive itself needs a
 * `manifest.json`, which BuildKit's `type=oci` export leaves out (`WithSkipDockerManifest`), unless the daemon uses
 * the containerd image store.
 *
 * @param dir shell expression of the candidate directory (holds `image.tar`).
 * @param name shell word fragment of the image name, e.g. `dockyard-candidate:$SLUG` (expanded inside double quotes).
 * @see https://github.com/containers/skopeo/issues/2802
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo.1.md (`docker-archive:path[:docker-reference]`)
 * @see https://github.com/moby/moby/blob/master/image/tarexport/load.go (reads `manifest.json`, checks diffIDs)
 * @see https://github.com/moby/buildkit/blob/master/exporter/oci/export.go (`VariantOCI`: `WithSkipDockerManifest`)
 * @see https://docs.docker.com/reference/cli/docker/image/load/
 */
export function loadCandidateScript(dir: string, name: string): string {
  return [
    `dir=${dir}`,
    'rm -f "$dir/docker-archive.tar"',
    `skopeo copy --quiet "oci-archive:$dir/image.tar" "docker-archive:$dir/docker-archive.tar:${name}"`,
    'docker load --input "$dir/docker-archive.tar"',
    'rm -f "$dir/docker-archive.tar"',
  ].join('\n');
}
