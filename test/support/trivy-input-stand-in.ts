import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Node.js program of {@link writeTrivyInputStandIn}. It resolves `trivy image --input NAME` exactly as Trivy
 * v0.69.3 (the version GITLAB_IMAGES pins) does in `pkg/fanal/image/archive.go` (`newImage`):
 * 1. `tryDockerArchive(NAME)` (`docker.go`): NAME must be a file, a `docker save` tar with `manifest.json`;
 * 2. `tryOCI(NAME)` (`oci.go`): NAME is cut at the first `@`, else at the first `:`, into a path and a reference;
 *    the path must be an OCI image layout *directory* (`layout.FromPath` stats `<path>/index.json`; Trivy never
 *    unpacks an OCI tar, see https://github.com/aquasecurity/trivy/issues/5775 and the unmerged
 *    https://github.com/aquasecurity/trivy/pull/5776), and the reference, when given, must equal a manifest's
 *    `org.opencontainers.image.ref.name` annotation or its digest.
 * On failure it prints Trivy's two errors and exits 1. On success it appends `<NAME> <manifest digest>` to
 * `$TRIVY_STAND_IN_LOG` and, with `--output FILE`, writes a report whose `image` is what Trivy's
 * `contrib/gitlab.tpl` puts there: the first word of the target, i.e. NAME. No vulnerability database is used:
 * it exits 0 (no findings).
 */
const PROGRAM = String.raw`#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
if (args[0] !== "image") { console.error("stand-in: only trivy image is modelled"); process.exit(2); }
const name = flag("--input");
if (!name) { console.error("stand-in: only --input is modelled"); process.exit(2); }
function tryDockerArchive() {
  if (!fs.existsSync(name) || !fs.statSync(name).isFile()) throw new Error("unable to open " + name + " as a Docker image: open " + name + ": no such file or directory");
  const list = spawnSync("tar", ["-tf", name], { encoding: "utf8" });
  if (list.status !== 0 || !list.stdout.split("\n").some((e) => e.replace(/^\.\//, "") === "manifest.json")) throw new Error("unable to open " + name + " as a Docker image: file manifest.json not found in tar");
  return "docker-archive";
}
function tryOCI() {
  let cut = name.indexOf("@");
  if (cut < 0) cut = name.indexOf(":");
  const dir = cut < 0 ? name : name.slice(0, cut);
  const ref = cut < 0 ? "" : name.slice(cut + 1);
  const indexFile = path.join(dir, "index.json");
  if (!fs.existsSync(dir)) throw new Error("unable to open " + name + " as an OCI Image: stat " + indexFile + ": no such file or directory");
  if (!fs.statSync(dir).isDirectory()) throw new Error("unable to open " + name + " as an OCI Image: stat " + indexFile + ": not a directory");
  if (!fs.existsSync(indexFile)) throw new Error("unable to open " + name + " as an OCI Image: stat " + indexFile + ": no such file or directory");
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  if (!index.manifests || index.manifests.length === 0) throw new Error("no valid manifest");
  const chosen = index.manifests.find((m) => ref === "" || (m.annotations || {})["org.opencontainers.image.ref.name"] === ref || m.digest === ref);
  if (!chosen) throw new Error("invalid OCI image ref");
  if (!fs.existsSync(path.join(dir, "blobs", ...chosen.digest.split(":")))) throw new Error("invalid OCI image: blob " + chosen.digest + " not found");
  return chosen.digest;
}
let scanned;
const errors = [];
for (const attempt of [tryDockerArchive, tryOCI]) {
  try { scanned = attempt(); break; } catch (error) { errors.push(error.message); }
}
if (scanned === undefined) {
  console.error("FATAL image scan error: scan error: unable to initialize a scanner: unable to initialize the archive scanner: " + errors.length + " errors occurred:\n" + errors.map((e) => "\t* " + e).join("\n"));
  process.exit(1);
}
if (process.env.TRIVY_STAND_IN_LOG) fs.appendFileSync(process.env.TRIVY_STAND_IN_LOG, name + " " + scanned + "\n");
const output = flag("--output");
if (output) fs.writeFileSync(output, JSON.stringify({ version: "15.0.7", vulnerabilities: [], image: name.split(/\s/)[0] }) + "\n");
process.exit(0);
`;

/**
 * Write a stand-in `trivy` (Trivy is not obtainable here) into `<dir>/bin` and return that directory, to be put first
 * on `PATH`. It models only how Trivy v0.69.3 opens `--input` (see the program's comment above), which is what the
 * generated scan job must get right; it reports no findings.
 *
 * @see https://github.com/aquasecurity/trivy/blob/v0.69.3/pkg/fanal/image/oci.go
 * @see https://github.com/aquasecurity/trivy/blob/v0.69.3/pkg/fanal/image/docker.go
 */
export function writeTrivyInputStandIn(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'trivy'), PROGRAM);
  chmodSync(join(bin, 'trivy'), 0o755);
  return bin;
}
