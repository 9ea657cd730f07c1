import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * An OCI archive in the exact shape BuildKit's `type=oci` exporter writes (`docker buildx build --output
 * type=oci,dest=image.tar`, what dockyard's GitHub build job produces), made here from plain files so no builder or
 * binary fixture is needed. What BuildKit writes, from its source:
 * - moby/buildkit exporter/oci/export.go: `archiveexporter.WithManifest(*desc, names...)`, and for the OCI variant
 *   `WithAllPlatforms()` and `WithSkipDockerManifest()` (no `manifest.json`); the descriptor's annotations get
 *   `org.opencontainers.image.created`; with `name=`, containerd adds `io.containerd.image.name` (the full
 *   reference) and `org.opencontainers.image.ref.name` (the tag).
 * - containerd core/images/archive/exporter.go: blobs at `blobs/<alg>/<encoded>` (mode 0444), directory records
 *   `blobs/` and `blobs/<alg>/`, `oci-layout` (`{"imageLayoutVersion":"1.0.0"}`), and `index.json` written with
 *   json.Marshal (one line, no spaces, `mediaType` of an image index), every record sorted by name.
 * - With attestations (`--provenance`/`--sbom`), index.json points at an image index holding the image manifest and
 *   an attestation manifest (platform unknown/unknown, annotations `vnd.docker.reference.type:
 *   attestation-manifest` and `vnd.docker.reference.digest`), whose layers are in-toto statements
 *   (https://docs.docker.com/build/metadata/attestations/attestation-storage/).
 */

/** One blob as BuildKit writes it. */
interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly bytes: Buffer;
}

/** Options of {@link writeBuildkitOciArchive}. */
export interface BuildkitArchiveOptions {
  /** `os/arch[/variant]`, e.g. `linux/amd64`. */
  readonly platform: string;
  /** Files of the single layer: path in the image → host file to copy (mode 0755). */
  readonly files: Readonly<Record<string, string>>;
  /** The `name=` of the exporter, e.g. `docker.io/library/dockyard-candidate:linux-amd64`; none by default. */
  readonly name?: string;
  /** Add an attestation manifest (an image index at the top, as with `--provenance`). */
  readonly attestation?: boolean;
}

/** What {@link writeBuildkitOciArchive} made, for independent checks. */
export interface BuildkitArchive {
  /** The archive file. */
  readonly path: string;
  /** The digest `index.json` names (the image manifest, or with an attestation the image index). */
  readonly digest: string;
  /** The image manifest's digest and bytes. */
  readonly manifest: Blob;
  /** The layer's compressed size (bytes) and its uncompressed tar length. */
  readonly layer: { readonly compressed: number; readonly uncompressed: number; readonly diffId: string };
  /** The config digest. */
  readonly config: string;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const blobOf = (bytes: Buffer): Blob => ({ digest: sha256(bytes), size: bytes.length, bytes });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const CREATED = '2026-01-01T00:00:00Z';

function run(command: string, args: readonly string[], cwd?: string): Buffer {
  const result = spawnSync(command, args, { cwd, maxBuffer: 1 << 28 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')}: ${result.stderr?.toString() ?? result.error?.message}`);
  return result.stdout;
}

/**
 * Write `<dir>/image.tar` in BuildKit's `type=oci` form: one gzip layer with `files`, an OCI config for `platform`
 * (entrypoint none, `Cmd ["/bin/sh"]`), an OCI image manifest, optionally an attestation manifest under an image
 * index, `oci-layout` and a one-line `index.json`, tarred in name order with the `blobs/` directory records.
 *
 * @throws {Error} when tar or gzip fail.
 */
export function writeBuildkitOciArchive(dir: string, options: BuildkitArchiveOptions): BuildkitArchive {
  const work = mkdtempSync(join(dir, 'buildkit-'));
  const root = join(work, 'rootfs');
  for (const [inImage, host] of Object.entries(options.files)) {
    const target = join(root, inImage);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(host, target);
    chmodSync(target, 0o755);
  }
  const tar = run('tar', [
    '--sort=name',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mtime=@0',
    '-cf',
    '-',
    '-C',
    root,
    '.',
  ]);
  writeFileSync(join(work, 'layer.tar'), tar);
  const layer = blobOf(run('gzip', ['-n', '-c', join(work, 'layer.tar')]));
  const [os, architecture, variant] = options.platform.split('/');
  const platform = { architecture, os, ...(variant ? { variant } : {}) };
  const config = blobOf(
    json({
      ...platform,
      created: CREATED,
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      history: [{ created: CREATED, created_by: 'COPY . / # buildkit', comment: 'buildkit.dockerfile.v0' }],
    }),
  );
  const manifest = blobOf(
    json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size }],
    }),
  );
  const blobs: Blob[] = [layer, config, manifest];
  let top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifest.digest, size: manifest.size };
  if (options.attestation) {
    const statement = blobOf(
      json({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://slsa.dev/provenance/v0.2',
        subject: [{ name: '_', digest: { sha256: manifest.digest.slice(7) } }],
        predicate: {},
      }),
    );
    const attConfig = blobOf(
      json({
        architecture: 'unknown',
        os: 'unknown',
        config: {},
        rootfs: { type: 'layers', diff_ids: [statement.digest] },
      }),
    );
    const attestation = blobOf(
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: attConfig.digest,
          size: attConfig.size,
        },
        layers: [
          {
            mediaType: 'application/vnd.in-toto+json',
            digest: statement.digest,
            size: statement.size,
            annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
          },
        ],
      }),
    );
    const index = blobOf(
      json({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { ...top, platform },
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: attestation.digest,
            size: attestation.size,
            annotations: {
              'vnd.docker.reference.digest': manifest.digest,
              'vnd.docker.reference.type': 'attestation-manifest',
            },
            platform: { architecture: 'unknown', os: 'unknown' },
          },
        ],
      }),
    );
    blobs.push(statement, attConfig, attestation, index);
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: index.digest, size: index.size };
  }
  const annotations: Record<string, string> = { 'org.opencontainers.image.created': CREATED };
  if (options.name) {
    annotations['io.containerd.image.name'] = options.name;
    annotations['org.opencontainers.image.ref.name'] = options.name.slice(options.name.lastIndexOf(':') + 1);
  }
  const layout = join(work, 'layout');
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  for (const blob of blobs)
    writeFileSync(join(layout, 'blobs', 'sha256', blob.digest.slice(7)), blob.bytes, { mode: 0o444 });
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ ...top, annotations }],
    }),
  );
  const records = [
    'blobs/',
    'blobs/sha256/',
    ...blobs.map((b) => `blobs/sha256/${b.digest.slice(7)}`),
    'index.json',
    'oci-layout',
  ].sort();
  const path = join(dir, 'image.tar');
  run('tar', [
    '--no-recursion',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mtime=@0',
    '-cf',
    path,
    '-C',
    layout,
    ...records,
  ]);
  rmSync(work, { recursive: true, force: true });
  return {
    path,
    digest: top.digest,
    manifest,
    layer: { compressed: layer.size, uncompressed: tar.length, diffId: sha256(tar) },
    config: config.digest,
  };
}

/** The names in an archive, in order (for checking the fixture's own shape). */
export function listArchive(path: string): string[] {
  return run('tar', ['-tf', path]).toString('utf8').trim().split('\n');
}

/** Read one member of an archive. */
export function readArchiveMember(path: string, member: string): Buffer {
  return run('tar', ['-xOf', path, member]);
}
