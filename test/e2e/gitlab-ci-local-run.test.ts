import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { computeMeta } from '../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { resolveGitlabCiLocalCommand } from '../../src/validate/check-gitlab-ci-local.js';
import { findExecutable } from '../../src/validate/run-process.js';
import { findStaticBusybox, inspectImage, startLoopbackRegistry, type LoopbackRegistry } from '../support/loopback-registry.js';
import { ROOT } from '../support/paths.js';

/*
 * The generated .gitlab-ci.yml of a project, executed by gitlab-ci-local (shell executor) with buildah, skopeo
 * and a registry on 127.0.0.1: metadata → build → test → push → manifest, through GitLab's own semantics of
 * needs, parallel matrix, artifacts, dotenv reports and unexpanded variables. The scan job is left out (Trivy
 * cannot be installed here). Only deviation from a real runner: the loopback registry speaks plain HTTP, so thin
 * shims add --tls-verify=false to buildah and skopeo.
 */
const glci = resolveGitlabCiLocalCommand();
const missing = [...['buildah', 'skopeo', 'docker-registry', 'git'].filter((t) => findExecutable(t) === undefined), ...(glci ? [] : ['gitlab-ci-local'])];
const BUSYBOX = findStaticBusybox();
// arm64 runs under QEMU when scripts/e2e-setup.sh registered binfmt and fetched Debian's static arm64 busybox.
const ARM64_BUSYBOX = join(ROOT, '.e2e', 'busybox-arm64');
const ARM64 = existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') && existsSync(ARM64_BUSYBOX);
if (!ARM64) console.warn('SKIPPED: linux/arm64 in the gitlab-ci-local run (run scripts/e2e-setup.sh as root for QEMU arm64 emulation).');
const PLATFORMS = ARM64 ? ['linux/amd64', 'linux/arm64'] : ['linux/amd64'];
if (missing.length > 0 || !BUSYBOX) console.warn(`SKIPPED: gitlab-ci-local end-to-end run (missing: ${[...missing, ...(BUSYBOX ? [] : ['a static busybox'])].join(', ')}).`);

let work: string;
let project: string;
let registry: LoopbackRegistry;
let port: number;

function git(...args: string[]): string {
  return spawnSync('git', ['-C', project, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], { encoding: 'utf8' }).stdout.trim();
}

describe.skipIf(missing.length > 0 || !BUSYBOX)('generated GitLab pipeline under gitlab-ci-local', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-glci-'));
    project = join(work, 'project');
    registry = await startLoopbackRegistry(work);
    port = registry.port;
    mkdirSync(project);
    copyFileSync(BUSYBOX!, join(project, 'busybox-amd64'));
    if (ARM64) copyFileSync(ARM64_BUSYBOX, join(project, 'busybox-arm64'));
    writeFileSync(
      join(project, 'Dockerfile'),
      [
        'FROM scratch AS production',
        'ARG TARGETARCH',
        'COPY busybox-${TARGETARCH} /bin/busybox',
        'RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]',
        'FROM production AS test',
        'RUN echo "tested on $(uname -m)"',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'dockyard.config.json'),
      JSON.stringify({
        ci: ['gitlab'],
        image: { name: 'acme/probe', target: 'production' },
        registries: [{ type: 'generic', host: `127.0.0.1:${port}`, repository: 'acme/probe', credentials: { username: 'REG_USER', password: 'REG_PASS' } }],
        tags: ['type=ref,event=branch', 'type=sha', 'type=raw,value=stable,enable={{is_default_branch}}'],
        labels: ['org.opencontainers.image.vendor=Acme'],
        platforms: PLATFORMS.map((platform) => ({ platform, strategy: 'qemu' })),
        cache: 'none',
        test: { target: 'test', platforms: PLATFORMS },
      }),
    );
    const silent = { out: () => undefined, err: () => undefined, color: createColors(false) };
    expect(await runCli(['synth', '--dir', project], silent)).toBe(0);
    spawnSync('git', ['init', '-q', '-b', 'main', project]);
    git('add', '-A');
    git('commit', '-qm', 'init');
  });

  afterAll(() => {
    registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(`runs metadata → build → test → push → manifest for ${PLATFORMS.join(' + ')} and publishes exactly the tested digests with the engine’s tags`, () => {
    const variables = {
      CI_COMMIT_REF_PROTECTED: 'true',
      REG_USER: 'ci',
      REG_PASS: 'secret',
      CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
      CONTAINERS_STORAGE_CONF: registry.storageConf,
      PATH: `${registry.shimDir}:${process.env.PATH}`,
    };
    const args = [...glci!.slice(1), '--force-shell-executor', ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]), 'metadata', 'build', 'test', 'push', 'manifest'];
    const run = spawnSync(glci![0], args, { cwd: project, encoding: 'utf8', env: { ...process.env, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' }, timeout: 300_000 });
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log.slice(-3000)).toBe(0);
    const slugs = PLATFORMS.map((p) => p.replaceAll('/', '-'));
    const perPlatform = PLATFORMS.flatMap((p, i) => ['build', 'test', 'push'].map((job) => `${job}: [${p},${slugs[i]}]`));
    for (const job of ['metadata', ...perPlatform, 'manifest']) expect(log).toContain(`PASS  ${job}`);
    if (ARM64) expect(log).toContain('tested on aarch64');

    // The digest each build job recorded, platform by platform.
    const artifacts = join(project, '.gitlab-ci-local', 'artifacts');
    const built = slugs.map((slug) => {
      const dir = readdirSync(artifacts).find((d) => d.startsWith('build') && existsSync(join(artifacts, d, 'dockyard', slug, 'digest')))!;
      return readFileSync(join(artifacts, dir, 'dockyard', slug, 'digest'), 'utf8').trim();
    });
    const sha = git('rev-parse', 'HEAD');
    // The tags the engine computes for this pipeline's event (gitlab-ci-local's predefined variables).
    const expected = computeMeta(
      { images: [`127.0.0.1:${port}/acme/probe`], tags: ['type=ref,event=branch', 'type=sha', 'type=raw,value=stable,enable={{is_default_branch}}'], flavor: ['latest=auto'], labels: [], annotations: [] },
      contextFromGitlab({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: sha }),
      new Date(),
    ).tags;
    expect(expected).toEqual([`127.0.0.1:${port}/acme/probe:main`, `127.0.0.1:${port}/acme/probe:stable`, `127.0.0.1:${port}/acme/probe:sha-${sha.slice(0, 7)}`]);
    for (const ref of expected) expect(inspectImage(ref).raw.manifests?.map((m) => m.digest).sort()).toEqual([...built].sort());
    expect(inspectImage(expected[0]).raw.manifests?.map((m) => m.platform?.architecture).sort()).toEqual(PLATFORMS.map((p) => p.split('/')[1]).sort());
    expect(inspectImage(expected[0]).labels).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.vendor': 'Acme',
    });
    expect(existsSync(join(project, '.gitlab-ci-local', 'output', 'manifest.log'))).toBe(true);
  });
});
