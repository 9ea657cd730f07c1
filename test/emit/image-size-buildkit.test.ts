import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSizeScript, recordManifestScript } from '../../src/emit/image-size-script.js';
import { recordDigestScript } from '../../src/emit/shell-scripts.js';
import { listArchive, writeBuildkitOciArchive, type BuildkitArchiveOptions } from '../support/buildkit-oci-archive.js';
import { stepScripts } from '../support/step-scripts.js';

/*
 * The GitHub build job's archive comes from BuildKit (`outputs: type=oci,dest=…`), not from buildah: the size gate's
 * scripts (the digest and manifest recording, and the size program) run here, with bash and with dash, on archives
 * in BuildKit's exporter format (test/support/buildkit-oci-archive.ts: one-line index.json with BuildKit's
 * annotations, oci-layout, `blobs/sha256/<hex>` and the `blobs/` directory records, sorted; optionally an attestation
 * manifest under an image index).
 */

const work = mkdtempSync(join(tmpdir(), 'dockyard-size-buildkit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** Layer content: any few-MB binary (gzip shrinks it, so the two sizes differ). */
const PAYLOAD = existsSync('/bin/busybox') ? '/bin/busybox' : process.execPath;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const VARIANTS: ReadonlyArray<readonly [string, Omit<BuildkitArchiveOptions, 'files'>]> = [
  ['no name (what dockyard builds)', { platform: 'linux/amd64' }],
  [
    'a name= (io.containerd.image.name, ref.name)',
    { platform: 'linux/arm/v7', name: 'docker.io/library/dockyard-candidate:linux-arm-v7' },
  ],
  ['an attestation manifest under an image index', { platform: 'linux/arm64', attestation: true }],
];
const SHELLS = ['bash', 'dash'] as const;

function sh(shell: string, script: string, env: Record<string, string> = {}) {
  return spawnSync(shell, ['-euc', script], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

describe.each(VARIANTS.flatMap(([label, options]) => SHELLS.map((shell) => [label, shell, options] as const)))(
  'BuildKit OCI archive with %s, under %s',
  (label, shell, options) => {
    const dir = join(work, `${label.replace(/\W+/g, '-')}-${shell}`);
    mkdirSync(dir, { recursive: true });
    const archive = writeBuildkitOciArchive(dir, { ...options, files: { 'bin/data': PAYLOAD } });
    const slug = options.platform.replaceAll('/', '-');
    const env = {
      DOCKYARD_PLATFORM: options.platform,
      DOCKYARD_SLUG: slug,
      DOCKYARD_SIZE_LIMIT: '500',
      DOCKYARD_SIZE_ON_EXCEED: 'fail',
    };

    it('has the exporter layout: blobs/sha256/<hex> members in name order, oci-layout, one-line index.json', () => {
      const names = listArchive(archive.path);
      expect(names).toEqual([...names].sort());
      expect(names.slice(0, 2)).toEqual(['blobs/', 'blobs/sha256/']);
      expect(names).toContain(`blobs/sha256/${archive.manifest.digest.slice(7)}`);
      expect(names.slice(-2)).toEqual(['index.json', 'oci-layout']);
    });

    it('the build job records the digest index.json names', () => {
      const out = sh(shell, recordDigestScript(stepScripts, `"${dir}"`));
      expect(out.status, out.stderr).toBe(0);
      expect(readFileSync(join(dir, 'digest'), 'utf8')).toBe(`${archive.digest}\n`);
    });

    it('the size job measures the platform image from the archive (attestations are not counted)', () => {
      const out = sh(shell, imageSizeScript(stepScripts, `"${dir}"`, 'gates'), {
        ...env,
        DOCKYARD_SIZE_MEASURE: 'uncompressed',
      });
      expect(out.status, out.stderr).toBe(0);
      const figure = `${mb(archive.layer.compressed)} compressed, ${mb(archive.layer.uncompressed)} uncompressed`;
      expect(out.stdout).toContain(
        `dockyard: image size ${options.platform}: ${figure}, 1 layer(s); limit 500 MB uncompressed`,
      );
      expect(readFileSync(join(work, 'gates', `size-${slug}.tsv`), 'utf8')).toBe(
        `size\t${options.platform}\tpass\t${figure}\t<= 500 MB uncompressed (fail)\n`,
      );
    });

    if (!options.attestation) {
      it('registry handoff: the build records the manifest blob at blobs/sha256/<hex>, the size job measures it', () => {
        const record = sh(
          shell,
          `${recordDigestScript(stepScripts, `"${dir}"`)}\n${recordManifestScript(stepScripts, `"${dir}"`)}`,
        );
        expect(record.status, record.stderr).toBe(0);
        expect(readFileSync(join(dir, 'manifest.json'))).toEqual(archive.manifest.bytes);
        const out = sh(shell, imageSizeScript(stepScripts, `"${dir}"`, 'gates', 'manifest'), {
          ...env,
          DOCKYARD_SIZE_MEASURE: 'compressed',
        });
        expect(out.status, out.stderr).toBe(0);
        expect(out.stdout).toContain(
          `dockyard: image size ${options.platform}: ${mb(archive.layer.compressed)} compressed, 1 layer(s)`,
        );
      });
    } else {
      it('registry handoff: an image index as the candidate is refused with a clear message, not mismeasured', () => {
        expect(
          sh(shell, `${recordDigestScript(stepScripts, `"${dir}"`)}\n${recordManifestScript(stepScripts, `"${dir}"`)}`)
            .status,
        ).toBe(0);
        const out = sh(shell, imageSizeScript(stepScripts, `"${dir}"`, 'gates', 'manifest'), {
          ...env,
          DOCKYARD_SIZE_MEASURE: 'compressed',
        });
        expect(out.status).toBe(2);
        expect(out.stderr).toContain(
          'cannot read the candidate manifest: the recorded manifest is not an image manifest (no layers)',
        );
      });
    }
  },
);
