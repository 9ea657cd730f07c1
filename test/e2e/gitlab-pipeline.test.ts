import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../src/config/validate-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../src/synth/render-pipeline-files.js';
import { findExecutable } from '../../src/validate/run-process.js';

/*
 * End to end: the generated GitLab job scripts, extracted from the rendered YAML, run for real with buildah,
 * skopeo and a registry on loopback. Checks the principle the pipeline exists for: the digest built once is
 * the digest tested, pushed and referenced by the published image index. Trivy is not obtainable here, so
 * the scan job is not run (it is validated statically elsewhere). The only deviation from a real runner:
 * the loopback registry speaks plain HTTP, so thin shims add --tls-verify=false to buildah and skopeo.
 */
const TOOLS = ['buildah', 'skopeo', 'docker-registry'];
const missing = TOOLS.filter((t) => findExecutable(t) === undefined);
// A static busybox (Debian's busybox-static) is the whole image: no base image can be pulled here.
const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => {
  const ldd = spawnSync('ldd', [p], { encoding: 'utf8' });
  return ldd.error === undefined && `${ldd.stdout}${ldd.stderr}`.includes('not a dynamic executable');
});
if (missing.length > 0 || !BUSYBOX) console.warn(`SKIPPED: GitLab end-to-end run (missing: ${[...missing, ...(BUSYBOX ? [] : ['a static busybox'])].join(', ')}; .ci/run installs them).`);

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
let work: string;
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

function shim(name: string, body: string): void {
  writeFileSync(join(work, 'bin', name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(work, 'bin', name), 0o755);
}

describe.skipIf(missing.length > 0 || !BUSYBOX)('GitLab pipeline, run for real', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-e2e-'));
    port = await freePort();
    mkdirSync(join(work, 'bin'));
    mkdirSync(join(work, 'ctx'));
    copyFileSync(BUSYBOX!, join(work, 'ctx', 'busybox'));
    writeFileSync(
      join(work, 'ctx', 'Dockerfile'),
      [
        'FROM scratch AS production',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]',
        'FROM production AS test',
        'RUN test -x /bin/busybox && echo candidate-tested > /tested',
        '',
      ].join('\n'),
    );
    writeFileSync(join(work, 'registry.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${work}/registry-data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
    writeFileSync(join(work, 'registries.conf'), `unqualified-search-registries = []\n[[registry]]\nlocation = "127.0.0.1:${port}"\ninsecure = true\n`);
    writeFileSync(join(work, 'storage.conf'), `[storage]\ndriver = "vfs"\ngraphroot = "${work}/storage"\nrunroot = "${work}/run"\n`);
    shim('skopeo', 'cmd=$1; shift\ncase $cmd in login) exec /usr/bin/skopeo login --tls-verify=false "$@" ;; copy) exec /usr/bin/skopeo copy --dest-tls-verify=false "$@" ;; esac\nexec /usr/bin/skopeo "$cmd" "$@"');
    shim('buildah', 'case "$1 $2" in "manifest add"|"manifest push") a=$1; b=$2; shift 2; exec /usr/bin/buildah "$a" "$b" --tls-verify=false "$@" ;; esac\ncase $1 in login) shift; exec /usr/bin/buildah login --tls-verify=false "$@" ;; esac\nexec /usr/bin/buildah "$@"');
    const env = { ...process.env };
    delete env.REGISTRY_AUTH_FILE; // docker-registry maps REGISTRY_* variables onto its config
    registry = spawn(findExecutable('docker-registry')!, ['serve', join(work, 'registry.yml')], { env, stdio: 'ignore' });
    for (let i = 0; i < 50 && !(await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.ok, () => false)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(() => {
    if (registry?.pid) process.kill(registry.pid);
    if (work) {
      spawnSync('buildah', ['rm', '--all'], { env: { ...process.env, CONTAINERS_STORAGE_CONF: join(work, 'storage.conf') } });
      rmSync(work, { recursive: true, force: true });
    }
  });

  function render(test: Record<string, unknown>) {
    const result = validateConfig({
      ci: ['gitlab'],
      image: { name: 'acme/probe', target: 'production' },
      registries: [{ type: 'generic', host: `127.0.0.1:${port}`, repository: 'acme/probe', credentials: { username: 'REG_USER', password: 'REG_PASS' } }],
      tags: ['type=ref,event=branch', 'type=sha'],
      cache: 'none',
      test,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [pipeline, helper] = renderPipelineFiles(result.config, { configFile: 'c', command: 'x' }, readRenderAssets());
    mkdirSync(join(work, 'ctx', '.gitlab'), { recursive: true });
    writeFileSync(join(work, 'ctx', helper.path), helper.content);
    return parse(pipeline.content) as Record<string, { script: string[]; variables?: Record<string, unknown> }>;
  }

  /** The metadata job's dotenv report, as GitLab injects it into the jobs that need it. */
  function dotenv(): Record<string, string> {
    const text = readFileSync(join(work, 'ctx', 'dockyard', 'meta.env'), 'utf8');
    return Object.fromEntries(text.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  }

  function runJob(ci: ReturnType<typeof render>, job: string, extra: Record<string, string> = {}) {
    const vars = Object.fromEntries(Object.entries(ci[job].variables ?? {}).map(([k, v]) => [k, typeof v === 'object' && v ? String((v as { value: string }).value) : String(v)]));
    return spawnSync('dash', ['-euc', ci[job].script.join('\n')], {
      cwd: join(work, 'ctx'),
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${join(work, 'bin')}:${process.env.PATH}`,
        CONTAINERS_REGISTRIES_CONF: join(work, 'registries.conf'),
        CONTAINERS_STORAGE_CONF: join(work, 'storage.conf'),
        DOCKYARD_PLATFORM: 'linux/amd64',
        DOCKYARD_SLUG: 'linux-amd64',
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_SHA: SHA,
        CI_PROJECT_URL: 'https://gitlab.example/acme/probe',
        CI_PROJECT_NAME: 'probe',
        CI_PIPELINE_CREATED_AT: '2026-11-22T00:00:00Z',
        REG_USER: 'ci',
        REG_PASS: 'secret',
        SOURCE_DATE_EPOCH: '1763769600',
        ...extra,
        ...vars,
      },
    });
  }

  it('builds once, tests the candidate stage, pushes by digest and publishes an index of the tested digest', () => {
    const ci = render({ target: 'test' });
    for (const job of ['metadata', 'build', 'test', 'push', 'manifest']) {
      const run = runJob(ci, job, job === 'build' || job === 'manifest' ? dotenv() : {});
      expect(run.status, `${job}: ${run.stderr}`).toBe(0);
      if (job === 'test') expect(run.stdout + run.stderr).toContain('FROM localhost/dockyard-candidate:linux-amd64 AS test');
    }
    const built = readFileSync(join(work, 'ctx', 'dockyard', 'linux-amd64', 'digest'), 'utf8').trim();
    expect(readdirSync(join(work, 'ctx', 'dockyard', 'digests'))).toEqual([built.replace('sha256:', '')]);
    for (const tag of ['main', 'sha-860c190']) {
      const inspect = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://127.0.0.1:${port}/acme/probe:${tag}`], { encoding: 'utf8' });
      expect(inspect.status, inspect.stderr).toBe(0);
      const index = JSON.parse(inspect.stdout) as { mediaType: string; manifests: Array<{ digest: string }> };
      expect(index.manifests.map((m) => m.digest)).toEqual([built]);
    }
    // The labels computed by the metadata job are on the published image.
    const config = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--config', `docker://127.0.0.1:${port}/acme/probe:main`], { encoding: 'utf8' });
    const labels = (JSON.parse(config.stdout) as { config: { Labels: Record<string, string> } }).config.Labels;
    expect(labels).toMatchObject({ 'org.opencontainers.image.revision': SHA, 'org.opencontainers.image.version': 'main', 'org.opencontainers.image.title': 'probe' });
  });

  it('runs test commands in a container of the candidate and fails on a failing command', () => {
    const ci = render({ commands: ['test -x /bin/busybox', 'exit 3'] });
    rmSync(join(work, 'ctx', 'dockyard'), { recursive: true, force: true });
    expect(runJob(ci, 'metadata').status).toBe(0);
    expect(runJob(ci, 'build', dotenv()).status).toBe(0);
    const run = runJob(ci, 'test');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('exit status 3');
  });
});
