/*
 * templates/steps/image-size.cjs run with node as it is, on OCI layouts built here (one gzip layer of zeros) and on
 * a recorded manifest; the buildah-built archives are in test/emit/image-size-script.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST, STEPS } from '../support/step-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('image-size.cjs, run with node', () => {
  const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  /** An OCI layout with one gzip layer of `size` zero bytes; returns the manifest bytes. */
  const layout = (size: number): Buffer => {
    const blobs = join(dir, 'layout', 'blobs', 'sha256');
    mkdirSync(blobs, { recursive: true });
    const put = (bytes: Buffer) => {
      writeFileSync(join(blobs, sha(bytes).slice(7)), bytes);
      return sha(bytes);
    };
    const layer = gzipSync(Buffer.alloc(size));
    const config = Buffer.from('{}');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: put(layer), size: layer.length }],
      }),
    );
    const index = {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: put(manifest),
          size: manifest.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
      ],
    };
    writeFileSync(join(dir, 'layout', 'index.json'), JSON.stringify(index));
    return manifest;
  };
  const measure = (env: Record<string, string>) => {
    const run = spawnSync('node', [join(STEPS, 'image-size.cjs')], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        DOCKYARD_PLATFORM: 'linux/amd64',
        DOCKYARD_SIZE_MEASURE: 'uncompressed',
        DOCKYARD_SIZE_ON_EXCEED: 'fail',
        DOCKYARD_RESULT_FILE: join(dir, 'result'),
        ...env,
      },
    });
    const written = readFileSync(join(dir, 'result'), 'utf8');
    return { ...run, result: written.replace(/\n$/, '').split('\t') };
  };

  it.each([
    ['under the limit', '3', 'fail', 0, 'pass'],
    ['over the limit, fail', '1', 'fail', 1, 'fail'],
    ['over the limit, warn', '1', 'warn', 0, 'warn'],
  ])('%s: exit %i, %s', (_, limit, onExceed, status, verdict) => {
    layout(2_000_000);
    const run = measure({
      DOCKYARD_LAYOUT: join(dir, 'layout'),
      DOCKYARD_SIZE_LIMIT: limit,
      DOCKYARD_SIZE_ON_EXCEED: onExceed,
    });
    expect(run.status, run.stderr).toBe(status);
    expect(run.result[0]).toBe(verdict);
    expect(run.result[1]).toMatch(/^0\.00 MB compressed, 2\.00 MB uncompressed$/);
    expect(run.result[2]).toBe(`<= ${limit} MB uncompressed (${onExceed})`);
    if (status === 1) expect(run.stderr).toContain('the uncompressed size 2.00 MB exceeds the limit of 1 MB');
  });

  it('measures the compressed size from a recorded manifest that hashes to the candidate digest', () => {
    const manifest = layout(1000);
    writeFileSync(join(dir, 'manifest.json'), manifest);
    const run = measure({
      DOCKYARD_MANIFEST: join(dir, 'manifest.json'),
      DOCKYARD_DIGEST: sha(manifest),
      DOCKYARD_SIZE_LIMIT: '1',
      DOCKYARD_SIZE_MEASURE: 'compressed',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.result).toEqual(['pass', '0.00 MB compressed', '<= 1 MB compressed (fail)']);
  });

  it.each([
    [
      'an archive without index.json',
      { DOCKYARD_LAYOUT: 'missing' },
      'cannot read the candidate archive',
      'unreadable archive',
    ],
    [
      'a manifest with another digest',
      { DOCKYARD_MANIFEST: 'manifest.json', DOCKYARD_DIGEST: DIGEST, DOCKYARD_SIZE_MEASURE: 'compressed' },
      `not the candidate digest ${DIGEST}`,
      'unreadable manifest',
    ],
  ])('exits 2 on %s', (_, env, message, figure) => {
    writeFileSync(join(dir, 'manifest.json'), '{"layers":[]}');
    const absolute = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        k === 'DOCKYARD_DIGEST' || k === 'DOCKYARD_SIZE_MEASURE' ? v : join(dir, v),
      ]),
    );
    const run = measure({ DOCKYARD_SIZE_LIMIT: '1', ...absolute });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.result[1]).toBe(figure);
  });
});
