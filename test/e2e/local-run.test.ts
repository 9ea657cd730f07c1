import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMeta } from '../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { findExecutable } from '../../src/validate/run-process.js';
import { publishBusyboxBase } from '../support/base-images.js';
import { DOCKYARD_PROCESS } from '../support/dockyard-process.js';
import { acquireE2eLock } from '../support/e2e-lock.js';
import {
  findStaticBusybox,
  inspectImage,
  startLoopbackRegistry,
  type LoopbackRegistry,
} from '../support/loopback-registry.js';
import { ROOT } from '../support/paths.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { writeTrivyInputStandIn } from '../support/trivy-input-stand-in.js';

/*
 * `dockyard run --push --registry-override 127.0.0.1:PORT` on a copy of examples/status-page: the local target
 * executes the pipeline model on this machine with buildah and skopeo (linux/amd64 natively, linux/arm64 under
 * QEMU), and the published index must hold exactly the digests the test jobs tested, under the engine's tags for a
 * push of the checked-out branch. Without a scanner the scan gate is "not run" and nothing is published; a failing
 * test stage stops the run before anything is published.
 *
 * Deviations from a user's machine: Trivy cannot be installed here, so the publishing run puts a stand-in `trivy`
 * on PATH that opens `--input` exactly as Trivy v0.69.3 does and reports no findings
 * (test/support/trivy-input-stand-in.ts; it logs what it scanned, which must be the tested digests). The registry
 * speaks plain HTTP (the shims add --tls-verify=false), and the base image docker.io/library/busybox:1.35 is
 * Debian's busybox-static served by the loopback registry.
 */
const EXAMPLE = join(ROOT, 'examples', 'status-page');
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const BUSYBOX = findStaticBusybox();
const ARM64_BUSYBOX = join(ROOT, '.e2e', 'busybox-arm64');
const ARM64 = existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') && existsSync(ARM64_BUSYBOX);
const missing = [
  ...['buildah', 'skopeo', 'docker-registry', 'git'].filter((t) => findExecutable(t) === undefined),
  ...(BUSYBOX ? [] : ['a static busybox']),
  ...(ARM64 ? [] : ['QEMU arm64 emulation']),
];
const skip = skipWithoutTools('dockyard run end-to-end on examples/status-page', missing);

let work: string;
let project: string;
let registry: LoopbackRegistry;
let release: (() => void) | undefined;

function git(...args: string[]): string {
  return spawnSync('git', ['-C', project, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], {
    encoding: 'utf8',
  }).stdout.trim();
}

/** `dockyard run` in the project with the loopback registry's containers config; storage per `label`. */
function dockyardRun(
  label: string,
  args: readonly string[],
  extra: { path?: string; env?: Record<string, string> } = {},
): { status: number | null; log: string } {
  const storageConf = join(work, `storage-${label}.conf`);
  writeFileSync(
    storageConf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${work}/storage-${label}"\nrunroot = "${work}/run-${label}"\n`,
  );
  const run = spawnSync(DOCKYARD_PROCESS[0], [...DOCKYARD_PROCESS.slice(1), 'run', ...args], {
    cwd: project,
    encoding: 'utf8',
    env: {
      ...process.env,
      CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
      CONTAINERS_STORAGE_CONF: storageConf,
      PATH: `${extra.path ? `${extra.path}:` : ''}${registry.shimDir}:${process.env.PATH}`,
      ...extra.env,
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
    },
    timeout: 600_000,
  });
  return { status: run.status, log: `${run.stdout}${run.stderr}` };
}

describe.skipIf(skip)('dockyard run: examples/status-page on this machine', () => {
  beforeAll(async () => {
    release = await acquireE2eLock();
    work = mkdtempSync(join(tmpdir(), 'dockyard-run-'));
    project = join(work, 'project');
    registry = await startLoopbackRegistry(work, { mirrors: ['docker.io/library/busybox'] });
    publishBusyboxBase(work, registry, 'library/busybox:1.35', { amd64: BUSYBOX!, arm64: ARM64_BUSYBOX });
    cpSync(EXAMPLE, project, { recursive: true });
    spawnSync('git', ['init', '-q', '-b', 'main', project]);
    git('add', '-A');
    git('commit', '-qm', 'status page');
  }, 900_000);

  afterAll(() => {
    release?.();
    registry?.stop();
    // DOCKYARD_E2E_KEEP=1 keeps the project, its dockyard/ work directory and the registry data for a look.
    if (work && process.env.DOCKYARD_E2E_KEEP !== '1') rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`kept ${work}`);
  });

  it('builds and tests both platforms, then publishes an index of exactly the tested digests under the engine’s tags', () => {
    const host = `127.0.0.1:${registry.port}`;
    const trivyLog = join(work, 'trivy.log');
    const run = dockyardRun('push', ['--push', '--registry-override', host], {
      path: writeTrivyInputStandIn(join(work, 'trivy')),
      env: { TRIVY_STAND_IN_LOG: trivyLog },
    });
    expect(run.status, run.log.slice(-6000)).toBe(0);
    expect(run.log).toContain('tested on x86_64');
    expect(run.log).toContain('tested on aarch64');
    for (const platform of PLATFORMS) {
      expect(run.log).toContain(`build [${platform}]: passed`);
      expect(run.log).toContain(`test [${platform}]: passed`);
    }
    for (const platform of PLATFORMS) expect(run.log).toContain(`scan [${platform}]: passed`);
    expect(run.log).toContain('push: passed');
    expect(run.log).toContain('manifest: passed');

    // The digests the test jobs tested are the ones the build jobs recorded in the work directory.
    const built = PLATFORMS.map((p) =>
      readFileSync(join(project, 'dockyard', p.replaceAll('/', '-'), 'digest'), 'utf8').trim(),
    );
    const sha = git('rev-parse', 'HEAD');
    const tags = computeMeta(
      {
        images: [`${host}/acme/status-page`],
        tags: [
          'type=semver,pattern={{version}}',
          'type=ref,event=branch',
          'type=sha',
          'type=raw,value=stable,enable={{is_default_branch}}',
        ],
        flavor: ['latest=auto'],
        labels: [],
        annotations: [],
      },
      contextFromGitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_SHA: sha,
      }),
      new Date(),
    ).tags;
    expect(tags.map((t) => t.split(':').pop())).toEqual(['main', 'stable', `sha-${sha.slice(0, 7)}`]);
    // The scan gate scanned exactly the built candidates (the stand-in logs `<input> <manifest digest>`).
    const scanned = readFileSync(trivyLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ').pop());
    expect([...scanned].sort()).toEqual([...built].sort());
    for (const ref of tags) {
      const index = inspectImage(ref).raw.manifests ?? [];
      expect(index.map((m) => m.digest).sort()).toEqual([...built].sort());
      expect(index.map((m) => m.platform?.architecture).sort()).toEqual(['amd64', 'arm64']);
      expect(run.log).toContain(`published ${ref}@sha256:`);
    }
    const manifest = inspectImage(`${host}/acme/status-page@${built[0]}`);
    expect(manifest.labels).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.vendor': 'Acme',
    });
  }, 900_000);

  it('without a scanner the scan gate is "not run", and --push publishes nothing and fails', () => {
    git('commit', '-q', '--allow-empty', '-m', 'no scanner');
    const host = `127.0.0.1:${registry.port}`;
    const run = dockyardRun('push', ['--push', '--registry-override', host, '--platform', 'linux/amd64']);
    expect(run.status, run.log.slice(-4000)).toBe(1);
    expect(run.log).toContain('test [linux/amd64]: passed');
    expect(run.log).toContain('scan [linux/amd64]: not run (scan: trivy not found on PATH)');
    expect(run.log).toContain('push: not run (gates not run: scan [linux/amd64] (trivy not found on PATH))');
    expect(run.log).not.toContain('scan [linux/arm64]');
    const sha = git('rev-parse', 'HEAD').slice(0, 7);
    const tag = spawnSync('/usr/bin/skopeo', [
      'inspect',
      '--tls-verify=false',
      `docker://${host}/acme/status-page:sha-${sha}`,
    ]);
    expect(tag.status).not.toBe(0);
  }, 600_000);

  it('a failing test stage fails the run and publishes nothing', () => {
    const dockerfile = join(project, 'Dockerfile');
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, 'utf8').replace("'<title>Acme status</title>'", "'<title>Not the page</title>'"),
    );
    git('commit', '-qam', 'a broken test');
    const host = `127.0.0.1:${registry.port}`;
    const run = dockyardRun('push', ['--push', '--registry-override', host, '--platform', 'linux/amd64'], {
      path: writeTrivyInputStandIn(join(work, 'trivy')),
    });
    expect(run.status, run.log.slice(-4000)).toBe(1);
    expect(run.log).toMatch(/test \[linux\/amd64\]: failed/);
    expect(run.log).toMatch(/push: not run \(test \[linux\/amd64\] failed\)/);
    const sha = git('rev-parse', 'HEAD').slice(0, 7);
    const tag = spawnSync('/usr/bin/skopeo', [
      'inspect',
      '--tls-verify=false',
      `docker://${host}/acme/status-page:sha-${sha}`,
    ]);
    expect(tag.status).not.toBe(0);
  }, 600_000);
});
