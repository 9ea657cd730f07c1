import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPushedDigestsScript, pushByDigestScript, recordDigestScript } from '../../src/emit/shell-scripts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-sh-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function makeArchive(index: string): void {
  const layout = join(dir, 'layout');
  mkdirSync(layout);
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(layout, 'index.json'), index);
  spawnSync('tar', ['-cf', join(dir, 'image.tar'), '-C', layout, 'oci-layout', 'index.json']);
}

function sh(script: string, env: Record<string, string> = {}) {
  return spawnSync('dash', ['-euc', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DIR: dir, ...env } });
}

describe('recordDigestScript', () => {
  it.each([
    ['compact (BuildKit)', `{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${DIGEST}","size":1}]}`],
    ['spaced (buildah)', `{\n  "schemaVersion": 2,\n  "manifests": [\n    { "digest": "${DIGEST}", "size": 1 }\n  ]\n}`],
  ])('reads the digest from a %s index.json', (_, index) => {
    makeArchive(index);
    const run = sh(recordDigestScript('"$DIR"'));
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'digest'), 'utf8')).toBe(`${DIGEST}\n`);
  });

  it('fails when the archive has no digest', () => {
    makeArchive('{"schemaVersion":2,"manifests":[]}');
    const run = sh(recordDigestScript('"$DIR"'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('no manifest digest');
  });
});

const INDEX = `{"schemaVersion":2,"manifests":[{"digest":"${DIGEST}","size":1}]}`;

describe('pushByDigestScript', () => {
  it('refuses to publish an archive whose digest is not the one built and tested', () => {
    makeArchive(INDEX.replace(DIGEST, `sha256:${'cd'.repeat(32)}`));
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(pushByDigestScript('"$DIR"', '"$DIR/digests"'), { DOCKYARD_REPOSITORIES: 'ghcr.io/a/b' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`not the digest built and tested (${DIGEST}); not publishing`);
  });

  it('pushes to every repository by digest and records the digest', () => {
    makeArchive(INDEX);
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // A stand-in skopeo that logs its arguments, to check the exact calls.
    writeFileSync(join(bin, 'skopeo'), `#!/bin/sh\necho "$@" >> "${join(dir, 'calls')}"\n`, { mode: 0o755 });
    const run = sh(pushByDigestScript('"$DIR"', '"$DIR/digests"'), { PATH: `${bin}:${process.env.PATH}`, DOCKYARD_REPOSITORIES: 'ghcr.io/a/b docker.io/a/b', DOCKYARD_SLUG: 'linux-arm64' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')).toEqual([
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/image.tar docker://ghcr.io/a/b@${DIGEST}`,
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/image.tar docker://docker.io/a/b@${DIGEST}`,
    ]);
    expect(readdirSync(join(dir, 'digests'))).toEqual(['linux-arm64']);
    expect(readFileSync(join(dir, 'digests', 'linux-arm64'), 'utf8')).toBe(`${DIGEST}\n`);
  });

  it('stops at the first failed push', () => {
    makeArchive(INDEX);
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'skopeo'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const run = sh(pushByDigestScript('"$DIR"', '"$DIR/digests"'), { PATH: `${bin}:${process.env.PATH}`, DOCKYARD_REPOSITORIES: 'ghcr.io/a/b' });
    expect(run.status).not.toBe(0);
  });
});

describe('checkPushedDigestsScript', () => {
  it.each([
    [['linux-amd64', 'linux-arm64'], 'linux-amd64 linux-arm64', 0, ''],
    [['linux-amd64'], 'linux-amd64 linux-arm64', 1, 'no pushed digest for linux-arm64; not publishing an incomplete index'],
    [[], 'linux-amd64', 1, 'no pushed digest for linux-amd64'],
  ])('files %j, platforms %s → exit %i', (files, slugs, status, message) => {
    mkdirSync(join(dir, 'digests'));
    for (const slug of files) writeFileSync(join(dir, 'digests', slug), `${DIGEST}\n`);
    // A stray file of an earlier pipeline never stands in for a missing platform.
    writeFileSync(join(dir, 'digests', 'cd'.repeat(32)), '');
    const run = sh(checkPushedDigestsScript('"$DIR/digests"'), { DOCKYARD_SLUGS: slugs });
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
  });
});
