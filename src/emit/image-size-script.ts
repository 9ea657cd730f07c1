/**
 * The image size gate's script: POSIX sh that unpacks the candidate's OCI archive and a dependency-free Node.js
 * program (Node >= 18: on GitHub's runners and in GitLab's pinned node image) that measures, per platform:
 * - compressed: the sum of the layer sizes in the image manifest (what a pull downloads);
 * - uncompressed: the sum of the layers' unpacked tar streams (gzip via zlib, zstd via zlib where Node has it,
 *   else the `zstd` command; uncompressed layers as they are), about what `docker image ls` shows.
 * It prints both, compares the configured measure with the limit (1 MB = 1,000,000 bytes), writes the `size`
 * result file (through the shared `gate_result` writer), and exits 1 when the limit is exceeded and `onExceed` is
 * `fail` (`warn`: a warning, exit 0).
 *
 * With the registry handoff no archive travels: the build job records the candidate's manifest (the blob its digest
 * names) beside the digest, and the size job measures the compressed size from it, after checking that it hashes to
 * the recorded digest, i.e. that it is the manifest of the staged candidate push will promote. The uncompressed size
 * would need every layer, so the config rules reject `measure: "uncompressed"` with that handoff.
 * The program is `templates/steps/image-size.cjs` (its environment and exit statuses are in its header), the sh
 * glue is here. Tested for real against archives built with buildah (test/emit/image-size-script.test.ts).
 *
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 * @see https://github.com/opencontainers/image-spec/blob/main/manifest.md
 */
import type { StepScripts } from './step-scripts.js';

/**
 * sh measuring the candidate: from the archive `<dir>/image.tar` (unpacked into a temporary directory), or, with
 * `source: 'manifest'` (the registry handoff), from the manifest `<dir>/manifest.json` the build job recorded,
 * checked against `<dir>/digest`. Runs `templates/steps/image-size.cjs` (embedded as `node -e '…'`), records its verdict as
 * `<gatesDir>/size-$DOCKYARD_SLUG.tsv` with the shared `gate_result` writer, and exits with the program's status.
 * Reads `DOCKYARD_PLATFORM`, `DOCKYARD_SLUG`, `DOCKYARD_SIZE_LIMIT`, `DOCKYARD_SIZE_MEASURE`,
 * `DOCKYARD_SIZE_ON_EXCEED` and, optionally, `DOCKYARD_SUMMARY`.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory.
 * @param gatesDir shell expression of the result directory.
 * @param source `archive` (default) or `manifest`.
 */
export function imageSizeScript(
  scripts: StepScripts,
  dir: string,
  gatesDir: string,
  source: 'archive' | 'manifest' = 'archive',
): string {
  const input =
    source === 'archive'
      ? [
          `archive=${dir}/image.tar`,
          'DOCKYARD_LAYOUT=$(mktemp -d)',
          'export DOCKYARD_LAYOUT',
          'tar -xf "$archive" -C "$DOCKYARD_LAYOUT"',
        ]
      : [
          `DOCKYARD_MANIFEST=${dir}/manifest.json`,
          `DOCKYARD_DIGEST=$(cat ${dir}/digest)`,
          'export DOCKYARD_MANIFEST DOCKYARD_DIGEST',
        ];
  return [
    `gates=${gatesDir}`,
    scripts.gateResult,
    ...input,
    'DOCKYARD_RESULT_FILE=$(mktemp)',
    'export DOCKYARD_RESULT_FILE',
    'status=0',
    `node -e '${scripts.imageSizeProgram}' || status=$?`,
    ...(source === 'archive' ? ['rm -rf "$DOCKYARD_LAYOUT"'] : []),
    "tab=$(printf '\\t')",
    'if IFS=$tab read -r result figure threshold < "$DOCKYARD_RESULT_FILE"; then gate_result "size-$DOCKYARD_SLUG" size "$DOCKYARD_PLATFORM" "$result" "$figure" "$threshold"; fi',
    'rm -f "$DOCKYARD_RESULT_FILE"',
    'exit "$status"',
  ].join('\n');
}

/**
 * Registry handoff, build job (with a size gate): copy the candidate's manifest (the blob `<dir>/digest` names) out
 * of `<dir>/image.tar` to `<dir>/manifest.json`, which travels with the digest, and fail unless it hashes to that
 * digest. The size job measures the staged candidate from it without pulling it.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md#blobs
 */
export function recordManifestScript(scripts: StepScripts, dir: string): string {
  return [`dir=${dir}`, scripts.recordManifest].join('\n');
}
