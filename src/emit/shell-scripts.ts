/**
 * POSIX sh fragments shared by both emitters, so that the GitHub and GitLab pipelines hand the candidate
 * image on, and push it, the same way. Every fragment is plain text without CI expressions; values reach it
 * through environment variables. Each is checked with shellcheck (bash and sh) by the test suite.
 */

/** sh that sets `$digest` to the manifest digest in `$dir/image.tar`'s `index.json`. */
const READ_ARCHIVE_DIGEST = `digest=$(tar -xOf "$dir/image.tar" index.json | sed -n 's/.*"digest": *"\\(sha256:[0-9a-f]\\{64\\}\\)".*/\\1/p' | head -n 1)`;

/**
 * Read the manifest digest of the single image in an OCI archive (`<dir>/image.tar`) from its `index.json`
 * and write it to `<dir>/digest`. Fails when the archive has no digest.
 *
 * @param dir shell expression of the directory, e.g. `"$RUNNER_TEMP/dockyard"`.
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 */
export function recordDigestScript(dir: string): string {
  return [
    `dir=${dir}`,
    READ_ARCHIVE_DIGEST,
    'if [ -z "$digest" ]; then echo "dockyard: no manifest digest in $dir/image.tar" >&2; exit 1; fi',
    `printf '%s\\n' "$digest" > "$dir/digest"`,
    'echo "candidate digest: $digest"',
  ].join('\n');
}

/**
 * Push the candidate archive to every repository in `$DOCKYARD_REPOSITORIES` (space-separated) by digest,
 * refusing any change of digest, then record the digest in `digestsDir/$DOCKYARD_SLUG` (the platform's slug, so
 * the manifest job takes exactly one digest per platform and notices a missing one). Before pushing, the
 * archive's digest is read again and compared with the digest recorded when it was built (and then tested
 * and scanned): a different archive is never published.
 *
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @param digestsDir shell expression of the directory collecting pushed digests.
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function pushByDigestScript(dir: string, digestsDir: string): string {
  return [
    `dir=${dir}`,
    `digests=${digestsDir}`,
    'recorded=$(cat "$dir/digest")',
    READ_ARCHIVE_DIGEST,
    'if [ "$digest" != "$recorded" ]; then echo "dockyard: the archive has digest $digest, not the digest built and tested ($recorded); not publishing" >&2; exit 1; fi',
    'for repository in $DOCKYARD_REPOSITORIES; do',
    '  skopeo copy --retry-times 3 --preserve-digests "oci-archive:$dir/image.tar" "docker://$repository@$digest"',
    'done',
    'mkdir -p "$digests"',
    'printf \'%s\\n\' "$digest" > "$digests/$DOCKYARD_SLUG"',
  ].join('\n');
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
