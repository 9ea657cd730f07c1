import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSizeScript, recordManifestScript } from '../../src/emit/image-size-script.js';
import { recordDigestScript } from '../../src/emit/shell-scripts.js';
import { buildahSandbox, buildahUnavailable, STATIC_BUSYBOX } from '../support/buildah-sandbox.js';
import { findExecutable } from '../../src/validate/run-process.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { stepScripts } from '../support/step-scripts.js';

const unavailable = buildahUnavailable();
// zstd measures the zstd layers independently (the zstd package; not in a minimal Debian).
const skip = skipWithoutTools('image size script against real OCI archives', [
  ...(unavailable ? [unavailable] : []),
  ...['zstd'].filter((t) => findExecutable(t) === undefined),
]);

let work: string;
/** Expected sizes, measured independently: manifest layer sizes, and `gzip -dc` / `zstd -dc` byte counts. */
const expected: Record<string, { compressed: number; uncompressed: number; layers: number }> = {};

function measure(archive: string, tool: 'gzip' | 'zstd') {
  const layout = mkdtempSync(join(work, 'layout-'));
  spawnSync('tar', ['-xf', archive, '-C', layout]);
  const blob = (digest: string) => join(layout, 'blobs', ...digest.split(':'));
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const layers = manifest.layers as Array<{ digest: string; size: number }>;
  const uncompressed = layers.reduce(
    (sum, layer) => sum + spawnSync(tool, ['-dc', blob(layer.digest)], { maxBuffer: 1 << 30 }).stdout.length,
    0,
  );
  return { compressed: layers.reduce((sum, layer) => sum + layer.size, 0), uncompressed, layers: layers.length };
}

beforeAll(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'dockyard-size-'));
  const { buildah } = buildahSandbox(work);
  // Two layers: busybox, then 3 MB of incompressible data.
  writeFileSync(join(work, 'random.bin'), spawnSync('head', ['-c', '3000000', '/dev/urandom']).stdout);
  const base = buildah('from', 'scratch');
  buildah('copy', base, STATIC_BUSYBOX!, '/bin/busybox');
  buildah('commit', '-q', base, 'localhost/size-base');
  const top = buildah('from', 'localhost/size-base');
  buildah('copy', top, join(work, 'random.bin'), '/data/random.bin');
  buildah('commit', '-q', top, 'localhost/size-top');
  for (const [name, flags, tool] of [
    ['gzip', [], 'gzip'],
    ['zstd', ['--compression-format', 'zstd'], 'zstd'],
  ] as const) {
    const dir = join(work, name);
    mkdirSync(dir);
    buildah('push', '-q', ...flags, 'localhost/size-top', `oci-archive:${join(dir, 'image.tar')}`);
    expected[name] = measure(join(dir, 'image.tar'), tool);
  }
}, 120_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function run(archiveDir: string, env: Record<string, string>, source: 'archive' | 'manifest' = 'archive') {
  return spawnSync('dash', ['-euc', imageSizeScript(stepScripts, `"${archiveDir}"`, 'gates', source)], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64', ...env },
  });
}

describe.skipIf(skip).each(['gzip', 'zstd'])('imageSizeScript on a real two-layer %s OCI archive (buildah)', (name) => {
  it('reports compressed and uncompressed sizes that match an independent measurement', () => {
    const { compressed, uncompressed, layers } = expected[name];
    expect(layers).toBe(2);
    expect(uncompressed).toBeGreaterThan(compressed * 0.9);
    const out = run(join(work, name), {
      DOCKYARD_SIZE_LIMIT: '500',
      DOCKYARD_SIZE_MEASURE: 'uncompressed',
      DOCKYARD_SIZE_ON_EXCEED: 'fail',
      DOCKYARD_SUMMARY: join(work, `${name}.md`),
    });
    expect(out.status, out.stderr).toBe(0);
    const figure = `${mb(compressed)} compressed, ${mb(uncompressed)} uncompressed`;
    expect(out.stdout).toContain(`dockyard: image size linux/amd64: ${figure}, 2 layer(s); limit 500 MB uncompressed`);
    expect(readFileSync(join(work, `${name}.md`), 'utf8')).toBe(
      `Image size linux/amd64: ${figure} (limit 500 MB uncompressed)\n`,
    );
    expect(readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8')).toBe(
      `size\tlinux/amd64\tpass\t${figure}\t<= 500 MB uncompressed (fail)\n`,
    );
  });

  it.each([
    ['compressed', 'fail', 1, 'fail'],
    ['uncompressed', 'fail', 1, 'fail'],
    ['uncompressed', 'warn', 0, 'warn'],
  ])('over a 1 MB limit (%s, %s) → exit %i, %s', (measure, onExceed, status, verdict) => {
    const out = run(join(work, name), {
      DOCKYARD_SIZE_LIMIT: '1',
      DOCKYARD_SIZE_MEASURE: measure,
      DOCKYARD_SIZE_ON_EXCEED: onExceed,
    });
    expect(out.status).toBe(status);
    const measured = measure === 'compressed' ? expected[name].compressed : expected[name].uncompressed;
    const message = `the ${measure} size ${mb(measured)} exceeds the limit of 1 MB`;
    expect(verdict === 'warn' ? out.stdout : out.stderr).toContain(message);
    expect(readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8').split('\t')[2]).toBe(verdict);
  });

  it('compares the compressed size when asked: under a limit between the two sizes it passes', () => {
    const between = (expected[name].compressed + expected[name].uncompressed) / 2 / 1e6;
    expect(
      run(join(work, name), {
        DOCKYARD_SIZE_LIMIT: String(between),
        DOCKYARD_SIZE_MEASURE: 'compressed',
        DOCKYARD_SIZE_ON_EXCEED: 'fail',
      }).status,
    ).toBe(0);
    expect(
      run(join(work, name), {
        DOCKYARD_SIZE_LIMIT: String(between),
        DOCKYARD_SIZE_MEASURE: 'uncompressed',
        DOCKYARD_SIZE_ON_EXCEED: 'fail',
      }).status,
    ).toBe(1);
  });
});

describe.skipIf(skip)('imageSizeScript on a broken archive', () => {
  it('fails with exit 2 and a fail result when the archive holds no image', () => {
    const dir = join(work, 'broken');
    mkdirSync(join(dir, 'layout'), { recursive: true });
    writeFileSync(join(dir, 'layout', 'index.json'), '{"schemaVersion":2,"manifests":[]}');
    spawnSync('tar', ['-cf', join(dir, 'image.tar'), '-C', join(dir, 'layout'), 'index.json']);
    const out = run(dir, {
      DOCKYARD_SIZE_LIMIT: '500',
      DOCKYARD_SIZE_MEASURE: 'uncompressed',
      DOCKYARD_SIZE_ON_EXCEED: 'fail',
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(
      'cannot read the candidate archive: the archive holds 0 images and none is for linux/amd64',
    );
    expect(readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8')).toBe(
      'size\tlinux/amd64\tfail\tunreadable archive\t<= 500 MB uncompressed (fail)\n',
    );
  });
});

describe.skipIf(skip)(
  'registry handoff: the build records the manifest, the size job measures it (compressed only)',
  () => {
    /** What a registry-handoff build job leaves for the size job: `digest` and `manifest.json` (no archive). */
    function recorded(name: string): string {
      const dir = join(work, `${name}-recorded`);
      mkdirSync(dir, { recursive: true });
      spawnSync('cp', [join(work, name, 'image.tar'), dir]);
      const build = spawnSync(
        'dash',
        ['-euc', `${recordDigestScript(stepScripts, `"${dir}"`)}\n${recordManifestScript(stepScripts, `"${dir}"`)}`],
        { encoding: 'utf8' },
      );
      expect(build.status, build.stderr).toBe(0);
      rmSync(join(dir, 'image.tar'));
      return dir;
    }

    it.each(['gzip', 'zstd'])(
      '%s: the compressed size from the recorded manifest equals the archive measurement',
      (name) => {
        const dir = recorded(name);
        const digest = readFileSync(join(dir, 'digest'), 'utf8').trim();
        expect(
          `sha256:${createHash('sha256')
            .update(readFileSync(join(dir, 'manifest.json')))
            .digest('hex')}`,
        ).toBe(digest);
        const { compressed } = expected[name];
        const out = run(
          dir,
          { DOCKYARD_SIZE_LIMIT: '500', DOCKYARD_SIZE_MEASURE: 'compressed', DOCKYARD_SIZE_ON_EXCEED: 'fail' },
          'manifest',
        );
        expect(out.status, out.stderr).toBe(0);
        expect(out.stdout).toContain(
          `dockyard: image size linux/amd64: ${mb(compressed)} compressed, 2 layer(s); limit 500 MB compressed`,
        );
        expect(readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8')).toBe(
          `size\tlinux/amd64\tpass\t${mb(compressed)} compressed\t<= 500 MB compressed (fail)\n`,
        );
        const over = run(
          dir,
          { DOCKYARD_SIZE_LIMIT: '1', DOCKYARD_SIZE_MEASURE: 'compressed', DOCKYARD_SIZE_ON_EXCEED: 'fail' },
          'manifest',
        );
        expect(over.status).toBe(1);
        expect(over.stderr).toContain(`the compressed size ${mb(compressed)} exceeds the limit of 1 MB`);
      },
    );

    it('refuses a manifest that does not hash to the recorded digest (exit 2, fail result)', () => {
      const dir = recorded('gzip');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.layers[0].size = 1;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const out = run(
        dir,
        { DOCKYARD_SIZE_LIMIT: '500', DOCKYARD_SIZE_MEASURE: 'compressed', DOCKYARD_SIZE_ON_EXCEED: 'fail' },
        'manifest',
      );
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`cannot read the candidate manifest: the recorded manifest has digest sha256:`);
      expect(out.stderr).toContain(`not the candidate digest ${readFileSync(join(dir, 'digest'), 'utf8').trim()}`);
      expect(readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8')).toBe(
        'size\tlinux/amd64\tfail\tunreadable manifest\t<= 500 MB compressed (fail)\n',
      );
    });

    it('does not pretend to measure the uncompressed size from a manifest', () => {
      const out = run(
        recorded('gzip'),
        { DOCKYARD_SIZE_LIMIT: '500', DOCKYARD_SIZE_MEASURE: 'uncompressed', DOCKYARD_SIZE_ON_EXCEED: 'fail' },
        'manifest',
      );
      expect(out.status).toBe(2);
      expect(out.stderr).toContain('only the compressed size can be read from the manifest');
      expect(
        readFileSync(join(work, 'gates', 'size-linux-amd64.tsv'), 'utf8')
          .split('\t')
          .slice(2, 4),
      ).toEqual(['fail', 'not measured']);
    });

    it('the build job fails when the archive has no blob for the recorded digest', () => {
      const dir = join(work, 'no-blob');
      mkdirSync(dir, { recursive: true });
      spawnSync('cp', [join(work, 'gzip', 'image.tar'), dir]);
      writeFileSync(join(dir, 'digest'), `sha256:${'0'.repeat(64)}\n`);
      const out = spawnSync('dash', ['-euc', recordManifestScript(stepScripts, `"${dir}"`)], { encoding: 'utf8' });
      expect(out.status).not.toBe(0);
      expect(out.stderr).toContain(`dockyard: no manifest for sha256:${'0'.repeat(64)} in ${dir}/image.tar`);
    });
  },
);
