import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkPushedDigestsScript,
  forEachPlatformScript,
  promoteByDigestScript,
  pushByDigestScript,
  readRecordedDigestScript,
  recordDigestScript,
  stageByDigestScript,
  stageWithBuildahScript,
} from '../../src/emit/shell-scripts.js';
import { stepScripts } from '../support/step-scripts.js';

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
  return spawnSync('dash', ['-euc', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DIR: dir, ...env },
  });
}

describe('recordDigestScript', () => {
  it.each([
    [
      'compact (BuildKit)',
      `{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${DIGEST}","size":1}]}`,
    ],
    [
      'spaced (buildah)',
      `{\n  "schemaVersion": 2,\n  "manifests": [\n    { "digest": "${DIGEST}", "size": 1 }\n  ]\n}`,
    ],
  ])('reads the digest from a %s index.json', (_, index) => {
    makeArchive(index);
    const run = sh(recordDigestScript(stepScripts, '"$DIR"'));
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'digest'), 'utf8')).toBe(`${DIGEST}\n`);
  });

  it('fails when the archive has no digest', () => {
    makeArchive('{"schemaVersion":2,"manifests":[]}');
    const run = sh(recordDigestScript(stepScripts, '"$DIR"'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('no manifest digest');
  });
});

const INDEX = `{"schemaVersion":2,"manifests":[{"digest":"${DIGEST}","size":1}]}`;

describe('pushByDigestScript', () => {
  it('refuses to publish an archive whose digest is not the one built and tested', () => {
    makeArchive(INDEX.replace(DIGEST, `sha256:${'cd'.repeat(32)}`));
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(forEachPlatformScript(pushByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')), {
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b',
      DOCKYARD_SLUGS: 'linux-amd64',
    });
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
    const run = sh(forEachPlatformScript(pushByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')), {
      PATH: `${bin}:${process.env.PATH}`,
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b docker.io/a/b',
      DOCKYARD_SLUGS: 'linux-arm64',
    });
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
    const run = sh(forEachPlatformScript(pushByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')), {
      PATH: `${bin}:${process.env.PATH}`,
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b',
    });
    expect(run.status).not.toBe(0);
  });
});

/** A stand-in skopeo: logs every call to `calls`; `inspect` prints `manifest` (or fails without it); `copy` exits `copyExit`. */
function fakeSkopeo(options: { manifest?: string; copyExit?: number } = {}): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  if (options.manifest !== undefined) writeFileSync(join(dir, 'manifest.json'), options.manifest);
  const inspect =
    options.manifest !== undefined ? `cat "${join(dir, 'manifest.json')}"` : 'echo "manifest unknown" >&2; exit 1';
  writeFileSync(
    join(bin, 'skopeo'),
    `#!/bin/sh\necho "$@" >> "${join(dir, 'calls')}"\ncase $1 in inspect) ${inspect} ;; copy) exit ${options.copyExit ?? 0} ;; esac\n`,
    { mode: 0o755 },
  );
  return `${bin}:${process.env.PATH}`;
}

function calls(): string[] {
  try {
    return readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

describe('readRecordedDigestScript', () => {
  it.each([
    ['a digest', `${DIGEST}\n`, true],
    ['a digest without newline', DIGEST, true],
    ['two digests', `${DIGEST}\n${DIGEST}\n`, false],
    ['upper-case hex', DIGEST.toUpperCase(), false],
    ['a short digest', DIGEST.slice(0, -1), false],
    ['another algorithm', `sha512:${'ab'.repeat(32)}`, false],
    ['a reference with a shell word', `${DIGEST} x`, false],
    ['nothing', '', false],
  ])('%s → %s', (_, content, ok) => {
    writeFileSync(join(dir, 'digest'), content);
    const run = sh(`${readRecordedDigestScript(stepScripts, '"$DIR"')}\necho "read $digest"`);
    expect(run.status === 0, run.stderr).toBe(ok);
    if (ok) expect(run.stdout).toBe(`read ${DIGEST}\n`);
    else expect(run.stderr).toContain('digest does not hold a sha256 digest');
  });
});

describe('stageByDigestScript', () => {
  it('pushes the archive to the staging repository by the recorded digest, and nothing else', () => {
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(stageByDigestScript(stepScripts, '"$DIR"'), {
      PATH: fakeSkopeo(),
      DOCKYARD_STAGING: 'ghcr.io/a/b/staging',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(calls()).toEqual([
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/image.tar docker://ghcr.io/a/b/staging@${DIGEST}`,
    ]);
    expect(run.stdout).toContain(`staged candidate (untagged): ghcr.io/a/b/staging@${DIGEST}`);
  });

  it('fails when the push fails', () => {
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    expect(
      sh(stageByDigestScript(stepScripts, '"$DIR"'), {
        PATH: fakeSkopeo({ copyExit: 1 }),
        DOCKYARD_STAGING: 'ghcr.io/a/b/staging',
      }).status,
    ).not.toBe(0);
  });

  it('never pushes without a recorded digest', () => {
    writeFileSync(join(dir, 'digest'), 'latest\n');
    const run = sh(stageByDigestScript(stepScripts, '"$DIR"'), {
      PATH: fakeSkopeo(),
      DOCKYARD_STAGING: 'ghcr.io/a/b/staging',
    });
    expect(run.status).not.toBe(0);
    expect(calls()).toEqual([]);
  });
});

describe('stageWithBuildahScript', () => {
  /** A stand-in buildah: logs calls; `manifest push <list> dir:<path>` writes `index` there as manifest.json. */
  function fakeBuildah(index: string): string {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(dir, 'index.json'), index);
    writeFileSync(
      join(bin, 'buildah'),
      `#!/bin/sh\necho "$@" >> "${join(dir, 'calls')}"\nlast=$(eval echo "\\\${$#}")\ncase $last in dir:*) mkdir -p "\${last#dir:}" && cp "${join(dir, 'index.json')}" "\${last#dir:}/manifest.json" ;; esac\n`,
      { mode: 0o755 },
    );
    return `${bin}:${process.env.PATH}`;
  }

  it('wraps the archive in a one-entry index and pushes index and candidate by digest, without a tag', () => {
    const index = `{"schemaVersion":2,"manifests":[{"digest":"${DIGEST}"}]}`;
    const indexDigest = `sha256:${createHash('sha256').update(index).digest('hex')}`;
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(stageWithBuildahScript(stepScripts, '"$DIR"'), {
      PATH: fakeBuildah(index),
      DOCKYARD_STAGING: 'registry.example/a/b/staging',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(calls()).toEqual([
      'manifest create dockyard-stage',
      `manifest add dockyard-stage oci-archive:${dir}/image.tar`,
      `manifest push dockyard-stage dir:${dir}/stage-index`,
      `manifest push --all dockyard-stage docker://registry.example/a/b/staging@${indexDigest}`,
      'manifest rm dockyard-stage',
    ]);
    expect(run.stdout).toContain(
      `staged candidate (untagged): registry.example/a/b/staging@${DIGEST}, in the untagged index ${indexDigest}`,
    );
  });

  it('refuses to push an index that does not hold the recorded candidate', () => {
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(stageWithBuildahScript(stepScripts, '"$DIR"'), {
      PATH: fakeBuildah(`{"manifests":[{"digest":"sha256:${'cd'.repeat(32)}"}]}`),
      DOCKYARD_STAGING: 'registry.example/a/b/staging',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`the staging index does not hold the recorded candidate ${DIGEST}`);
    expect(calls().some((c) => c.startsWith('manifest push --all'))).toBe(false);
  });
});

describe('promoteByDigestScript', () => {
  const manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}';
  const staged = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const env = (path: string) => ({
    PATH: path,
    DOCKYARD_STAGING: 'ghcr.io/a/b/staging',
    DOCKYARD_REPOSITORIES: 'ghcr.io/a/b docker.io/a/b',
    DOCKYARD_SLUGS: 'linux-amd64',
  });

  it('checks the staged manifest against the recorded digest, copies it to every registry by digest and records the digest', () => {
    writeFileSync(join(dir, 'digest'), `${staged}\n`);
    const run = sh(
      forEachPlatformScript(promoteByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')),
      env(fakeSkopeo({ manifest })),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(calls()).toEqual([
      `inspect --retry-times 3 --raw docker://ghcr.io/a/b/staging@${staged}`,
      `copy --retry-times 3 --preserve-digests docker://ghcr.io/a/b/staging@${staged} docker://ghcr.io/a/b@${staged}`,
      `copy --retry-times 3 --preserve-digests docker://ghcr.io/a/b/staging@${staged} docker://docker.io/a/b@${staged}`,
    ]);
    expect(readdirSync(join(dir, 'digests'))).toEqual(['linux-amd64']);
    expect(readFileSync(join(dir, 'digests', 'linux-amd64'), 'utf8')).toBe(`${staged}\n`);
  });

  it('refuses to publish when the staging repository has no candidate under the recorded digest', () => {
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(
      forEachPlatformScript(promoteByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')),
      env(fakeSkopeo()),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `dockyard: ghcr.io/a/b/staging has no candidate ${DIGEST}, the digest built and tested`,
    );
    expect(run.stderr).toContain('not publishing');
    expect(calls().filter((c) => c.startsWith('copy'))).toEqual([]);
  });

  it('refuses to publish a staged manifest whose content does not have the recorded digest', () => {
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const run = sh(
      forEachPlatformScript(promoteByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')),
      env(fakeSkopeo({ manifest })),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `the staged candidate has digest ${staged}, not the digest built and tested (${DIGEST}); not publishing`,
    );
    expect(calls().filter((c) => c.startsWith('copy'))).toEqual([]);
  });

  it('refuses to publish an image index staged under the recorded digest', () => {
    const index = `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"digest":"${DIGEST}"}]}`;
    const indexDigest = `sha256:${createHash('sha256').update(index).digest('hex')}`;
    writeFileSync(join(dir, 'digest'), `${indexDigest}\n`);
    const run = sh(
      forEachPlatformScript(promoteByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')),
      env(fakeSkopeo({ manifest: index })),
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `ghcr.io/a/b/staging@${indexDigest} is an image index, not the single-platform candidate the build recorded; not publishing`,
    );
    expect(calls().filter((c) => c.startsWith('copy'))).toEqual([]);
  });

  it('stops at the first failed copy and records nothing', () => {
    writeFileSync(join(dir, 'digest'), `${staged}\n`);
    const run = sh(
      forEachPlatformScript(promoteByDigestScript(stepScripts, '"$DIR"', '"$DIR/digests"')),
      env(fakeSkopeo({ manifest, copyExit: 1 })),
    );
    expect(run.status).not.toBe(0);
    expect(calls().filter((c) => c.startsWith('copy'))).toHaveLength(1);
    expect(() => readdirSync(join(dir, 'digests'))).toThrow();
  });
});

describe('checkPushedDigestsScript', () => {
  it.each([
    [['linux-amd64', 'linux-arm64'], 'linux-amd64 linux-arm64', 0, ''],
    [
      ['linux-amd64'],
      'linux-amd64 linux-arm64',
      1,
      'no pushed digest for linux-arm64; not publishing an incomplete index',
    ],
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

describe('forEachPlatformScript (the one push job)', () => {
  const platformArchive = (slug: string, digest: string) => {
    const layout = join(dir, `layout-${slug}`);
    mkdirSync(layout);
    writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    writeFileSync(
      join(layout, 'index.json'),
      `{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest": "${digest}","size":1}]}`,
    );
    mkdirSync(join(dir, slug));
    spawnSync('tar', ['-cf', join(dir, slug, 'image.tar'), '-C', layout, 'oci-layout', 'index.json']);
    writeFileSync(join(dir, slug, 'digest'), `${digest}\n`);
  };
  const AMD = `sha256:${'a1'.repeat(32)}`;
  const ARM = `sha256:${'b2'.repeat(32)}`;
  const skopeo = (failOn?: string) => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const fail = failOn ? `case "$*" in *${failOn}*) exit 1 ;; esac\n` : '';
    writeFileSync(join(bin, 'skopeo'), `#!/bin/sh\n${fail}echo "$@" >> "${join(dir, 'calls')}"\n`, { mode: 0o755 });
    return `${bin}:${process.env.PATH}`;
  };
  const push = forEachPlatformScript(pushByDigestScript(stepScripts, '"$DIR/$slug"', '"$DIR/digests"'));

  it('pushes every platform in $DOCKYARD_SLUGS by its own digest and records one digest file per platform', () => {
    platformArchive('linux-amd64', AMD);
    platformArchive('linux-arm64', ARM);
    const run = sh(push, {
      PATH: skopeo(),
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b',
      DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')).toEqual([
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/linux-amd64/image.tar docker://ghcr.io/a/b@${AMD}`,
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/linux-arm64/image.tar docker://ghcr.io/a/b@${ARM}`,
    ]);
    expect(readdirSync(join(dir, 'digests'))).toEqual(['linux-amd64', 'linux-arm64']);
    expect(readFileSync(join(dir, 'digests', 'linux-arm64'), 'utf8')).toBe(`${ARM}\n`);
  });

  it('stops at the first platform that fails: no later platform is pushed, its digest is not recorded', () => {
    platformArchive('linux-amd64', AMD);
    platformArchive('linux-arm64', ARM);
    const run = sh(push, {
      PATH: skopeo(AMD),
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b',
      DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
    });
    expect(run.status).not.toBe(0);
    expect(() => readFileSync(join(dir, 'calls'), 'utf8')).toThrow();
    expect(() => readdirSync(join(dir, 'digests'))).toThrow();
  });

  it('refuses a platform whose archive no longer has the recorded digest, after pushing none of it', () => {
    platformArchive('linux-amd64', AMD);
    platformArchive('linux-arm64', ARM);
    writeFileSync(join(dir, 'linux-arm64', 'digest'), `${AMD}\n`);
    const run = sh(push, {
      PATH: skopeo(),
      DOCKYARD_REPOSITORIES: 'ghcr.io/a/b',
      DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `dockyard: the archive has digest ${ARM}, not the digest built and tested (${AMD}); not publishing`,
    );
    expect(readdirSync(join(dir, 'digests'))).toEqual(['linux-amd64']);
  });
});
