// The image size gate's measuring program: CommonJS for Node >= 18 (GitHub's runners, GitLab's pinned node image),
// no dependencies, no single quote (the pipelines embed it as node -e '...'). Measures one platform of the
// candidate: compressed (the layer sizes of the manifest: what a pull downloads) and uncompressed (the layers'
// unpacked tar streams; gzip via zlib, zstd via zlib where Node has it, else the zstd command), about what
// docker image ls shows. 1 MB = 1,000,000 bytes.
// https://github.com/opencontainers/image-spec/blob/main/image-layout.md
// https://github.com/opencontainers/image-spec/blob/main/manifest.md
// Input: DOCKYARD_LAYOUT (the unpacked OCI archive) or DOCKYARD_MANIFEST (a recorded manifest) with
// DOCKYARD_DIGEST (its expected digest), DOCKYARD_PLATFORM, DOCKYARD_SIZE_LIMIT (MB), DOCKYARD_SIZE_MEASURE
// (compressed|uncompressed), DOCKYARD_SIZE_ON_EXCEED (fail|warn), DOCKYARD_RESULT_FILE (where it writes
// result<TAB>figure<TAB>threshold for the sh to record), DOCKYARD_SUMMARY (optional Markdown file), GITHUB_ACTIONS.
// Exit status: 0 pass or warn, 1 over the limit (fail), 2 unreadable archive or manifest.

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
