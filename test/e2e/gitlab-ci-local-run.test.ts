import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { computeMeta } from '../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { findExecutable } from '../../src/validate/run-process.js';
import { resolveGitlabCiLocalCommand } from '../../src/validate/check-gitlab-ci-local.js';

/*
 * The generated .gitlab-ci.yml of a project, executed by gitlab-ci-local (shell executor) with buildah, skopeo
 * and a registry on 127.0.0.1: metadata → build → test → push → manifest, through GitLab's own semantics of
 * needs, parallel matrix, artifacts, dotenv reports and unexpanded variables. The scan job is left out (Trivy
 * cannot be installed here). Only deviation from a real runner: the loopback registry speaks plain HTTP, so thin
 * shims add --tls-verify=false to buildah and skopeo.
 */
const glci = resolveGitlabCiLocalCommand();
const missing = [...['buildah', 'skopeo', 'docker-registry', 'git'].filter((t) => findExecutable(t) === undefined), ...(glci ? [] : ['gitlab-ci-local'])];
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => {
  const ldd = spawnSync('ldd', [p], { encoding: 'utf8' });
  return ldd.error === undefined && `${ldd.stdout}${ldd.stderr}`.includes('not a dynamic executable');
});
if (missing.length > 0 || !BUSYBOX) console.warn(`SKIPPED: gitlab-ci-local end-to-end run (missing: ${[...missing, ...(BUSYBOX ? [] : ['a static busybox'])].join(', ')}).`);

let work: string;
let project: string;
let registry: ChildProcess | undefined;
let port: number;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => done(p));
    });
  });
}

function git(...args: string[]): string {
  return spawnSync('git', ['-C', project, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], { encoding: 'utf8' }).stdout.trim();
}

describe.skipIf(missing.length > 0 || !BUSYBOX)('generated GitLab pipeline under gitlab-ci-local', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-glci-'));
    project = join(work, 'project');
    port = await freePort();
    mkdirSync(project);
    mkdirSync(join(work, 'bin'));
    copyFileSync(BUSYBOX!, join(project, 'busybox'));
    writeFileSync(
      join(project, 'Dockerfile'),
      'FROM scratch AS production\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]\nFROM production AS test\nRUN test -x /bin/busybox\n',
    );
    writeFileSync(
      join(project, 'dockyard.config.json'),
      JSON.stringify({
        ci: ['gitlab'],
        image: { name: 'acme/probe', target: 'production' },
        registries: [{ type: 'generic', host: `127.0.0.1:${port}`, repository: 'acme/probe', credentials: { username: 'REG_USER', password: 'REG_PASS' } }],
        tags: ['type=ref,event=branch', 'type=sha', 'type=raw,value=stable,enable={{is_default_branch}}'],
        labels: ['org.opencontainers.image.vendor=Acme'],
        cache: 'none',
        test: { target: 'test' },
      }),
    );
    const silent = { out: () => undefined, err: () => undefined, color: createColors(false) };
    expect(await runCli(['synth', '--dir', project], silent)).toBe(0);
    spawnSync('git', ['init', '-q', '-b', 'main', project]);
    git('add', '-A');
    git('commit', '-qm', 'init');
    writeFileSync(join(work, 'registry.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${work}/registry-data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
    writeFileSync(join(work, 'registries.conf'), `unqualified-search-registries = []\n[[registry]]\nlocation = "127.0.0.1:${port}"\ninsecure = true\n`);
    writeFileSync(join(work, 'storage.conf'), `[storage]\ndriver = "vfs"\ngraphroot = "${work}/storage"\nrunroot = "${work}/run"\n`);
    const shim = (name: string, body: string) => {
      writeFileSync(join(work, 'bin', name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(work, 'bin', name), 0o755);
    };
    shim('skopeo', 'cmd=$1; shift\ncase $cmd in login) exec /usr/bin/skopeo login --tls-verify=false "$@" ;; copy) exec /usr/bin/skopeo copy --dest-tls-verify=false "$@" ;; esac\nexec /usr/bin/skopeo "$cmd" "$@"');
    shim('buildah', 'case "$1 $2" in "manifest add"|"manifest push") a=$1; b=$2; shift 2; exec /usr/bin/buildah "$a" "$b" --tls-verify=false "$@" ;; esac\ncase $1 in login) shift; exec /usr/bin/buildah login --tls-verify=false "$@" ;; esac\nexec /usr/bin/buildah "$@"');
    const env = { ...process.env };
    delete env.REGISTRY_AUTH_FILE;
    registry = spawn(findExecutable('docker-registry')!, ['serve', join(work, 'registry.yml')], { env, stdio: 'ignore' });
    for (let i = 0; i < 50 && !(await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.ok, () => false)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(() => {
    if (registry?.pid) process.kill(registry.pid);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs metadata → build → test → push → manifest and publishes exactly the tested digest with the engine’s tags', () => {
    const variables = {
      CI_COMMIT_REF_PROTECTED: 'true',
      REG_USER: 'ci',
      REG_PASS: 'secret',
      CONTAINERS_REGISTRIES_CONF: join(work, 'registries.conf'),
      CONTAINERS_STORAGE_CONF: join(work, 'storage.conf'),
      PATH: `${join(work, 'bin')}:${process.env.PATH}`,
    };
    const args = [...glci!.slice(1), '--force-shell-executor', ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]), 'metadata', 'build', 'test', 'push', 'manifest'];
    const run = spawnSync(glci![0], args, { cwd: project, encoding: 'utf8', env: { ...process.env, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' }, timeout: 300_000 });
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log.slice(-3000)).toBe(0);
    for (const job of ['metadata', 'build: [linux/amd64,linux-amd64]', 'test: [linux/amd64,linux-amd64]', 'push: [linux/amd64,linux-amd64]', 'manifest']) expect(log).toContain(`PASS  ${job}`);

    const artifacts = join(project, '.gitlab-ci-local', 'artifacts');
    const buildDir = readdirSync(artifacts).find((d) => d.startsWith('build'))!;
    const built = readFileSync(join(artifacts, buildDir, 'dockyard', 'linux-amd64', 'digest'), 'utf8').trim();
    const sha = git('rev-parse', 'HEAD');
    // The tags the engine computes for this pipeline's event (gitlab-ci-local's predefined variables).
    const expected = computeMeta(
      { images: [`127.0.0.1:${port}/acme/probe`], tags: ['type=ref,event=branch', 'type=sha', 'type=raw,value=stable,enable={{is_default_branch}}'], flavor: ['latest=auto'], labels: [], annotations: [] },
      contextFromGitlab({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: sha }),
      new Date(),
    ).tags;
    expect(expected).toEqual([`127.0.0.1:${port}/acme/probe:main`, `127.0.0.1:${port}/acme/probe:stable`, `127.0.0.1:${port}/acme/probe:sha-${sha.slice(0, 7)}`]);
    for (const ref of expected) {
      const inspect = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`], { encoding: 'utf8' });
      expect(inspect.status, inspect.stderr).toBe(0);
      expect((JSON.parse(inspect.stdout) as { manifests: Array<{ digest: string }> }).manifests.map((m) => m.digest)).toEqual([built]);
    }
    const config = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--config', `docker://${expected[0]}`], { encoding: 'utf8' });
    expect((JSON.parse(config.stdout) as { config: { Labels: Record<string, string> } }).config.Labels).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.vendor': 'Acme',
    });
    expect(existsSync(join(project, '.gitlab-ci-local', 'output', 'manifest.log'))).toBe(true);
  });
});
