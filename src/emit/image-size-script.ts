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
 * Tested for real against archives built with buildah (test/emit/image-size-script.test.ts).
 *
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md
 * @see https://github.com/opencontainers/image-spec/blob/main/manifest.md
 */
import { GATE_RESULT_FUNCTION } from './gate-scripts.js';

/**
 * The Node.js program (CommonJS, single-quote free so it fits in sh single quotes). Environment:
 * `DOCKYARD_LAYOUT` (the unpacked archive) or `DOCKYARD_MANIFEST` (a recorded manifest) with `DOCKYARD_DIGEST`
 * (its expected digest), `DOCKYARD_PLATFORM`, `DOCKYARD_SIZE_LIMIT` (MB), `DOCKYARD_SIZE_MEASURE`,
 * `DOCKYARD_SIZE_ON_EXCEED`, `DOCKYARD_RESULT_FILE` (where it writes `result<TAB>figure<TAB>threshold` for the sh
 * to record), `DOCKYARD_SUMMARY` (optional: a Markdown file to append the figures to). Exit status 0 pass/warn,
 * 1 over the limit (fail), 2 unreadable archive or manifest.
 */
export const IMAGE_SIZE_PROGRAM = String.raw`
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const zlib = require("node:zlib");
const { spawn } = require("node:child_process");
const env = process.env;
const layout = env.DOCKYARD_LAYOUT;
const blob = (digest) => path.join(layout, "blobs", ...String(digest).split(":"));
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const INDEX = /image\.index\.v1\+json|manifest\.list\.v2\+json/;
function pickManifest(index) {
  const manifests = (index.manifests || []).filter((m) => !(m.annotations && m.annotations["vnd.docker.reference.type"]));
  const wanted = env.DOCKYARD_PLATFORM;
  const match = manifests.find((m) => m.platform && [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join("/") === wanted);
  const chosen = match || (manifests.length === 1 ? manifests[0] : undefined);
  if (!chosen) throw new Error("the archive holds " + manifests.length + " images and none is for " + wanted);
  return INDEX.test(chosen.mediaType || "") ? pickManifest(readJson(blob(chosen.digest))) : readJson(blob(chosen.digest));
}
function unpackedBytes(layer) {
  return new Promise((resolve, reject) => {
    const type = layer.mediaType || "";
    let count = 0;
    const counted = (stream) => stream.on("data", (chunk) => { count += chunk.length; }).on("end", () => resolve(count)).on("error", reject);
    const input = () => fs.createReadStream(blob(layer.digest)).on("error", reject);
    if (/gzip/.test(type)) counted(input().pipe(zlib.createGunzip()));
    else if (/zstd/.test(type) && typeof zlib.createZstdDecompress === "function") counted(input().pipe(zlib.createZstdDecompress()));
    else if (/zstd/.test(type)) {
      const child = spawn("zstd", ["-dc", blob(layer.digest)], { stdio: ["ignore", "pipe", "inherit"] });
      child.on("error", (error) => reject(new Error("zstd layer " + layer.digest + ": needs the zstd command or Node >= 22.15 (" + error.message + ")")));
      child.on("close", (code) => { if (code !== 0) reject(new Error("zstd -dc failed for " + layer.digest)); });
      counted(child.stdout);
    } else if (/\.tar$/.test(type)) counted(input());
    else reject(new Error("unsupported layer media type " + type));
  });
}
const mb = (bytes) => (bytes / 1e6).toFixed(2) + " MB";
function writeResult(result, figure, threshold) {
  fs.writeFileSync(env.DOCKYARD_RESULT_FILE, [result, figure, threshold].join("\t") + "\n");
}
function readRecordedManifest() {
  const bytes = fs.readFileSync(env.DOCKYARD_MANIFEST);
  const digest = "sha256:" + crypto.createHash("sha256").update(bytes).digest("hex");
  if (digest !== env.DOCKYARD_DIGEST) throw new Error("the recorded manifest has digest " + digest + ", not the candidate digest " + env.DOCKYARD_DIGEST);
  const manifest = JSON.parse(bytes.toString("utf8"));
  if (!Array.isArray(manifest.layers)) throw new Error("the recorded manifest is not an image manifest (no layers)");
  return manifest;
}
(async () => {
  const limit = Number(env.DOCKYARD_SIZE_LIMIT);
  const measure = env.DOCKYARD_SIZE_MEASURE;
  const threshold = "<= " + limit + " MB " + measure + " (" + env.DOCKYARD_SIZE_ON_EXCEED + ")";
  const fromManifest = Boolean(env.DOCKYARD_MANIFEST);
  let manifest;
  try {
    manifest = fromManifest ? readRecordedManifest() : pickManifest(readJson(path.join(layout, "index.json")));
  } catch (error) {
    console.error("dockyard: cannot read the candidate " + (fromManifest ? "manifest" : "archive") + ": " + error.message);
    writeResult("fail", fromManifest ? "unreadable manifest" : "unreadable archive", threshold);
    process.exit(2);
  }
  const layers = manifest.layers || [];
  const compressed = layers.reduce((sum, layer) => sum + Number(layer.size || 0), 0);
  if (fromManifest && measure !== "compressed") {
    console.error("dockyard: only the compressed size can be read from the manifest; the uncompressed size needs every layer");
    writeResult("fail", "not measured", threshold);
    process.exit(2);
  }
  let uncompressed = 0;
  if (!fromManifest) for (const layer of layers) uncompressed += await unpackedBytes(layer);
  const measured = measure === "compressed" ? compressed : uncompressed;
  const figure = fromManifest ? mb(compressed) + " compressed" : mb(compressed) + " compressed, " + mb(uncompressed) + " uncompressed";
  const over = measured > limit * 1e6;
  const result = over ? (env.DOCKYARD_SIZE_ON_EXCEED === "warn" ? "warn" : "fail") : "pass";
  console.log("dockyard: image size " + env.DOCKYARD_PLATFORM + ": " + figure + ", " + layers.length + " layer(s); limit " + limit + " MB " + measure);
  if (env.DOCKYARD_SUMMARY) fs.appendFileSync(env.DOCKYARD_SUMMARY, "Image size " + env.DOCKYARD_PLATFORM + ": " + figure + " (limit " + limit + " MB " + measure + ")\n");
  writeResult(result, figure, threshold);
  if (over) {
    const message = "the " + measure + " size " + mb(measured) + " exceeds the limit of " + limit + " MB";
    if (result === "warn") console.log((env.GITHUB_ACTIONS ? "::warning::" : "dockyard: warning: ") + message);
    else { console.error("dockyard: " + message); process.exit(1); }
  }
})().catch((error) => {
  console.error("dockyard: cannot measure the image: " + error.message);
  writeResult("fail", "not measured", "<= " + env.DOCKYARD_SIZE_LIMIT + " MB");
  process.exit(2);
});
`;

/**
 * sh measuring the candidate: from the archive `<dir>/image.tar` (unpacked into a temporary directory), or, with
 * `source: 'manifest'` (the registry handoff), from the manifest `<dir>/manifest.json` the build job recorded,
 * checked against `<dir>/digest`. Runs {@link IMAGE_SIZE_PROGRAM}, records its verdict as
 * `<gatesDir>/size-$DOCKYARD_SLUG.tsv` with the shared `gate_result` writer, and exits with the program's status.
 * Reads `DOCKYARD_PLATFORM`, `DOCKYARD_SLUG`, `DOCKYARD_SIZE_LIMIT`, `DOCKYARD_SIZE_MEASURE`,
 * `DOCKYARD_SIZE_ON_EXCEED` and, optionally, `DOCKYARD_SUMMARY`.
 *
 * @param dir shell expression of the candidate directory.
 * @param gatesDir shell expression of the result directory.
 * @param source `archive` (default) or `manifest`.
 */
export function imageSizeScript(dir: string, gatesDir: string, source: 'archive' | 'manifest' = 'archive'): string {
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
    GATE_RESULT_FUNCTION,
    ...input,
    'DOCKYARD_RESULT_FILE=$(mktemp)',
    'export DOCKYARD_RESULT_FILE',
    'status=0',
    `node -e '${IMAGE_SIZE_PROGRAM.trim()}' || status=$?`,
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
 * @param dir shell expression of the candidate directory (holds `image.tar` and `digest`).
 * @see https://github.com/opencontainers/image-spec/blob/main/image-layout.md#blobs
 */
export function recordManifestScript(dir: string): string {
  return [
    `dir=${dir}`,
    'digest=$(cat "$dir/digest")',
    'if ! tar -xOf "$dir/image.tar" "blobs/sha256/${digest#sha256:}" > "$dir/manifest.json" || [ "sha256:$(sha256sum < "$dir/manifest.json" | cut -d \' \' -f 1)" != "$digest" ]; then',
    '  echo "dockyard: no manifest for $digest in $dir/image.tar" >&2',
    '  exit 1',
    'fi',
  ].join('\n');
}
