import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { TemplateLanguage } from '../../src/init/detect-language.js';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { buildahUnavailable, STATIC_BUSYBOX } from '../support/buildah-sandbox.js';
import { captureOutput } from '../support/capture-output.js';
import { acquireE2eLock } from '../support/e2e-lock.js';
import { ROOT } from '../support/paths.js';
import { buildStandInBase, findHostRuntimes, type StandInBase } from '../support/stand-in-base-images.js';
import { createTemplateApp } from '../support/template-apps.js';
import { skipWithoutTools } from '../support/required-tools.js';

/*
 * The Dockerfile templates of `dockyard init`, built for real with buildah (linux/amd64, vfs storage, chroot
 * isolation, `--pull=never`, docker image format so HEALTHCHECK is kept). For each language, `dockyard init --yes`
 * renders the template into a small dependency-free service (an npm project with an empty lock, a stdlib
 * http.server app with a comment-only requirements.txt, a Go 1.19 module with net/http and a `healthcheck`
 * subcommand); the `test` target runs the service's own tests, the `production` target is then inspected (non-root
 * User, HEALTHCHECK, OCI labels from the BUILD_VERSION/GIT_COMMIT build args; Go: FROM scratch, nothing but the
 * binary and the CA bundle), run with its own CMD/ENTRYPOINT on a free loopback port, and its HEALTHCHECK command run
 * beside it must exit 0. Image sizes and build times are printed and written to .e2e/template-image-sizes.md.
 *
 * The base images are STAND-INS (test/support/stand-in-base-images.ts): no registry with node, python or golang
 * images is reachable here, so `node:20-alpine`, `python:3.11-slim` and `golang:1.19-alpine` are assembled from
 * Debian's static busybox plus this machine's Node.js 20 with npm, Debian's Python 3.11 (venv, pip wheels,
 * useradd/groupadd) and Debian's Go 1.19 toolchain. The sizes are therefore those of these stand-ins plus what each
 * template adds, not of the official images. The stand-ins are kept in .e2e/templates-build between runs (rebuilt
 * when this machine's runtimes or the builder change); the template images and package-manager caches are not.
 * Nothing beyond loopback is reachable from the builds: proxy variables point at a closed port.
 */
const RUNTIMES = findHostRuntimes();
const unavailable = [buildahUnavailable(), ...RUNTIMES.missing].filter((m): m is string => m !== undefined);
const skip = skipWithoutTools('template builds', unavailable);

const LANGUAGES: readonly TemplateLanguage[] = ['node', 'python', 'go'];
const CACHE = join(ROOT, '.e2e', 'templates-build');
const BUILD_VERSION = '1.2.3';
const GIT_COMMIT = '0123456789abcdef0123456789abcdef01234567';
const PROXY = {
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
};

/** What each test runner prints when the service's tests passed (node --test, unittest, go test). */
const TESTS_PASSED: Readonly<Record<TemplateLanguage, RegExp>> = {
  node: /# pass 1\n# fail 0/,
  python: /Ran 3 tests in [\d.]+s\s+OK/,
  go: /ok\s+example\.com\/go-service\s/,
};

interface Row {
  language: TemplateLanguage;
  base: string;
  runtime: string;
  bytes: number;
  layers: number;
  testSeconds: number;
  productionSeconds: number;
}

let env: Record<string, string>;
let release: (() => void) | undefined;
const bases = new Map<TemplateLanguage, StandInBase>();
const rows: Row[] = [];
const timings: string[] = [];

/** Run buildah in the sandbox; returns status and combined output (a failed build's log goes into the assertion). */
function buildah(...args: string[]): { status: number | null; output: string; stdout: string } {
  const run = spawnSync('buildah', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, stdout: run.stdout.trim() };
}

function buildahOk(...args: string[]): string {
  const run = buildah(...args);
  if (run.status !== 0) throw new Error(`buildah ${args.join(' ')} failed:\n${run.output}`);
  return run.stdout;
}

function timed<T>(label: string, work: () => T): [T, number] {
  const started = Date.now();
  const result = work();
  const seconds = (Date.now() - started) / 1000;
  timings.push(`${label} ${seconds.toFixed(1)} s`);
  return [result, seconds];
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface ImageConfig {
  User?: string;
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  Labels?: Record<string, string>;
  Healthcheck?: { Test?: string[] };
}

function inspectImage(ref: string): { config: ImageConfig; diffIds: string[] } {
  const image = JSON.parse(buildahOk('inspect', '--type', 'image', ref)) as {
    Docker: { config: ImageConfig; rootfs: { diff_ids: string[] } };
  };
  return { config: image.Docker.config, diffIds: image.Docker.rootfs.diff_ids };
}

/** Uncompressed size of an image in bytes: the sum of its layers' tar sizes (`diff-size` in the vfs layer store). */
function imageBytes(ref: string): number {
  const { diffIds } = inspectImage(ref);
  const store = JSON.parse(readFileSync(join(CACHE, 'storage', 'root', 'vfs-layers', 'layers.json'), 'utf8')) as Array<{
    'diff-digest'?: string;
    'diff-size'?: number;
  }>;
  return diffIds.reduce(
    (sum, id) => sum + (store.find((layer) => layer['diff-digest'] === id)?.['diff-size'] ?? Number.NaN),
    0,
  );
}

/** Files (not directories) in an image's root file system, relative paths. */
function listFiles(ref: string): string[] {
  const container = buildahOk('from', '--pull=never', ref);
  try {
    const root = buildahOk('mount', container);
    return spawnSync('find', ['.', '!', '-type', 'd'], { cwd: root, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^\.\//, ''))
      .sort();
  } finally {
    buildah('rm', container);
  }
}

/** Start the image's own ENTRYPOINT+CMD with buildah run (its User, WorkingDir, host network on loopback), wait for /healthz, run the HEALTHCHECK beside it. */
async function runService(
  ref: string,
  config: ImageConfig,
): Promise<{ health: number; healthcheck: { status: number | null; output: string }; log: string }> {
  const port = String(await freePort());
  const container = buildahOk('from', '--pull=never', '--name', `dockyard-templates-${port}`, ref);
  const vars = ['--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1'];
  const child = spawn(
    'buildah',
    ['run', '--network', 'host', ...vars, container, '--', ...(config.Entrypoint ?? []), ...(config.Cmd ?? [])],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    let health = 0;
    for (let i = 0; i < 100 && health !== 200 && child.exitCode === null; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health !== 200) await new Promise((done) => setTimeout(done, 200));
    }
    const [kind, ...command] = config.Healthcheck?.Test ?? [];
    const argv = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', command.join(' ')] : command;
    const check = buildah('run', '--network', 'host', ...vars, container, '--', ...argv);
    return { health, healthcheck: { status: check.status, output: check.output }, log };
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
    buildah('rm', container);
  }
}

function formatReport(): string {
  const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);
  const lines = [
    '| template | base (stand-in) | runtime in the stand-in | production image, bytes | MB | layers | test build, s | production build, s |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.language} | ${r.base} | ${r.runtime} | ${r.bytes} | ${mb(r.bytes)} | ${r.layers} | ${r.testSeconds.toFixed(1)} | ${r.productionSeconds.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

describe.skipIf(skip)('Dockerfile templates, built for real on stand-in base images', () => {
  beforeAll(async () => {
    release = await acquireE2eLock();
    const started = Date.now();
    mkdirSync(join(CACHE, 'storage'), { recursive: true });
    rmSync(join(CACHE, 'tmp'), { recursive: true, force: true }); // package-manager cache mounts: cold on every run
    rmSync(join(CACHE, 'projects'), { recursive: true, force: true });
    mkdirSync(join(CACHE, 'tmp'), { recursive: true });
    writeFileSync(
      join(CACHE, 'storage.conf'),
      `[storage]\ndriver = "vfs"\nrunroot = "${join(CACHE, 'storage', 'run')}"\ngraphroot = "${join(CACHE, 'storage', 'root')}"\n`,
    );
    writeFileSync(
      join(CACHE, 'registries.conf'),
      'unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n',
    );
    env = {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: CACHE,
      TMPDIR: join(CACHE, 'tmp'),
      CONTAINERS_STORAGE_CONF: join(CACHE, 'storage.conf'),
      CONTAINERS_REGISTRIES_CONF: join(CACHE, 'registries.conf'),
      STORAGE_DRIVER: 'vfs',
      BUILDAH_ISOLATION: 'chroot',
      ...PROXY,
    };
    // Leftovers of an interrupted run: working containers and the template images.
    buildah('rm', '--all');
    const builder = readFileSync(join(ROOT, 'test', 'support', 'stand-in-base-images.ts'), 'utf8');
    const key = createHash('sha256')
      .update(JSON.stringify([builder, RUNTIMES, readFileSync(STATIC_BUSYBOX!).length]))
      .digest('hex')
      .slice(0, 16);
    for (const language of LANGUAGES) {
      const [base] = timed(`stand-in ${language}`, () =>
        buildStandInBase(language, RUNTIMES, STATIC_BUSYBOX!, buildahOk, key),
      );
      bases.set(language, base);
    }
    timings.push(`setup ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 1_200_000);

  afterAll(() => {
    for (const language of LANGUAGES)
      for (const target of ['test', 'production'])
        buildah('rmi', '--force', `localhost/dockyard-template-${language}:${target}`);
    buildah('rmi', '--prune');
    rmSync(join(CACHE, 'tmp'), { recursive: true, force: true });
    release?.();
    if (rows.length > 0) {
      const report = `# Template image sizes (stand-in bases, linux/amd64, buildah ${spawnSync('buildah', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[2]})\n\n${formatReport()}\n\nTimings: ${timings.join('; ')}\n`;
      writeFileSync(join(ROOT, '.e2e', 'template-image-sizes.md'), report);
      console.log(`\n${report}`);
    } else if (timings.length > 0) console.log(`template builds: ${timings.join('; ')}`);
  });

  it.each(LANGUAGES)(
    '%s: dockyard init renders the template, the test stage passes, the production image is minimal, non-root and healthy',
    async (language) => {
      const base = bases.get(language)!;
      const project = join(CACHE, 'projects', language);
      for (const [path, content] of Object.entries(createTemplateApp(language, base.tagVersion))) {
        mkdirSync(dirname(join(project, path)), { recursive: true });
        writeFileSync(join(project, path), content);
      }
      const io = captureOutput();
      expect(
        await runCli(
          ['init', '--dir', project, '--yes', '--ci', 'github', '--image', `acme/${language}-service`, '--no-synth'],
          io,
        ),
        io.text(),
      ).toBe(0);
      expect(io.stdout).toContain('wrote Dockerfile');
      const doctor = captureOutput();
      expect(await runCli(['doctor', '--dir', project, '--json'], doctor), doctor.text()).toBe(0);
      expect(
        (JSON.parse(doctor.stdout.join('\n')) as { findings: unknown[] }).findings,
        'dockyard doctor on the rendered template',
      ).toEqual([]);
      const summary = parseDockerfile(readFileSync(join(project, 'Dockerfile'), 'utf8'));
      expect(summary.testStage).toBe('test');
      expect(summary.productionStage?.name).toBe('production');
      // The FROM lines resolve to the stand-in: the version detected from the manifests is the ARG default.
      const versionArg = summary.args.find((a) => a.stage === undefined && /_VERSION$/.test(a.name));
      expect(versionArg?.value).toBe(base.tagVersion);
      expect(summary.productionStage?.base).toBe(
        language === 'go'
          ? 'scratch'
          : base.ref.replace('docker.io/library/', '').replace(base.tagVersion, `\${${versionArg!.name}}`),
      );

      const build = (target: string) =>
        buildah(
          'build',
          '--pull=never',
          '--format',
          'docker',
          '--network',
          'host',
          '--target',
          target,
          '--build-arg',
          `BUILD_VERSION=${BUILD_VERSION}`,
          '--build-arg',
          `GIT_COMMIT=${GIT_COMMIT}`,
          '--tag',
          `localhost/dockyard-template-${language}:${target}`,
          project,
        );
      const [test, testSeconds] = timed(`${language} test`, () => build('test'));
      expect(test.status, `buildah build --target test failed:\n${test.output}`).toBe(0);
      expect(test.output, "the service's own tests ran and passed").toMatch(TESTS_PASSED[language]);
      const [production, productionSeconds] = timed(`${language} production`, () => build('production'));
      expect(production.status, `buildah build --target production failed:\n${production.output}`).toBe(0);
      writeFileSync(join(CACHE, 'projects', `${language}-build.log`), `${test.output}\n${production.output}`);
      expect(
        `${test.output}\n${production.output}`.split('\n').filter((line) => /warn/i.test(line)),
        'warnings in the build output',
      ).toEqual([]);

      const ref = `localhost/dockyard-template-${language}:production`;
      const { config, diffIds } = inspectImage(ref);
      expect(config.User, 'production runs as a non-root user').toMatch(/^(?!0(:|$)|root(:|$)).+/);
      expect(config.Healthcheck?.Test?.[0]).toMatch(/^CMD/);
      expect(config.Labels).toMatchObject({
        'org.opencontainers.image.version': BUILD_VERSION,
        'org.opencontainers.image.revision': GIT_COMMIT,
        'org.opencontainers.image.title': `acme/${language}-service`,
      });
      const files = listFiles(ref);
      if (language === 'go') {
        expect(files, 'FROM scratch: the binary and the CA bundle, no shell').toEqual([
          'app',
          'etc/ssl/certs/ca-certificates.crt',
        ]);
      } else {
        expect(files).toContain(language === 'node' ? 'app/index.js' : 'app/main.py');
        expect(
          files.filter((f) => /^root\/\.(npm|cache)\//.test(f)),
          'no package-manager cache in the image',
        ).toEqual([]);
      }

      const service = await runService(ref, config);
      expect(service.health, `GET /healthz of the running image; its log:\n${service.log}`).toBe(200);
      expect(service.healthcheck.status, `the HEALTHCHECK command:\n${service.healthcheck.output}`).toBe(0);
      rows.push({
        language,
        base: base.ref,
        runtime: base.runtime,
        bytes: imageBytes(ref),
        layers: diffIds.length,
        testSeconds,
        productionSeconds,
      });
    },
    600_000,
  );
});
