import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMeta } from '../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { resolveGitlabCiLocalCommand } from '../../src/validate/check-gitlab-ci-local.js';
import { findExecutable } from '../../src/validate/run-process.js';
import { publishBusyboxBase } from '../support/base-images.js';
import { DOCKERD, startDockerDaemon } from '../support/docker-daemon.js';
import {
  findStaticBusybox,
  inspectImage,
  startLoopbackRegistry,
  type LoopbackRegistry,
} from '../support/loopback-registry.js';
import { acquireE2eLock } from '../support/e2e-lock.js';
import { ROOT } from '../support/paths.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { gitlabJobNamesOf } from '../support/gitlab-jobs.js';

/*
 * The committed .gitlab-ci.yml of examples/status-page, executed by gitlab-ci-local (shell executor) with
 * buildah, skopeo, QEMU (arm64) and a registry on 127.0.0.1: metadata → build → test → push → manifest for
 * linux/amd64 and linux/arm64, through GitLab's own semantics of needs, parallel matrix, artifacts, dotenv
 * reports and unexpanded variables. Run twice: cold, then after a change to one source file with fresh
 * container storage, so only the registry cache can make the second build fast. A Docker daemon then pulls
 * and runs the published image as a user would.
 *
 * Not run: the scan job (Trivy cannot be installed here; it is validated statically), reported below.
 * Deviations from a real runner: the registry speaks plain HTTP (thin shims add --tls-verify=false to buildah
 * and skopeo), the base image docker.io/library/busybox:1.35 is Debian's busybox-static served by the loopback
 * registry (registries.conf), and the runner tags are ignored (both platforms run on this amd64 host; arm64
 * under QEMU).
 */
const EXAMPLE = join(ROOT, 'examples', 'status-page');
const JOBS = ['metadata', 'build', 'test', 'push', 'manifest'];
const NOT_RUN = ['scan'];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const glci = resolveGitlabCiLocalCommand();
const BUSYBOX = findStaticBusybox();
const ARM64_BUSYBOX = join(ROOT, '.e2e', 'busybox-arm64');
const ARM64 = existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') && existsSync(ARM64_BUSYBOX);
const missing = [
  ...['buildah', 'skopeo', 'docker-registry', 'git', 'rsync'].filter((t) => findExecutable(t) === undefined),
  ...(DOCKERD ? [] : ['dockerd (docker.io)']),
  ...(glci ? [] : ['gitlab-ci-local']),
  ...(BUSYBOX ? [] : ['a static busybox']),
  ...(ARM64 ? [] : ['QEMU arm64 emulation']),
];
const skip = skipWithoutTools('gitlab-ci-local end-to-end run of examples/status-page', missing);

interface PipelineRun {
  readonly log: string;
  /** Seconds per build job, by platform. */
  readonly buildSeconds: Record<string, number>;
  readonly wallSeconds: number;
  /** The digest each build job recorded, by platform. */
  readonly built: Record<string, string>;
  readonly sha: string;
}

let work: string;
let project: string;
let registry: LoopbackRegistry;
let release: (() => void) | undefined;
const runs: Record<string, PipelineRun> = {};

function git(...args: string[]): string {
  return spawnSync('git', ['-C', project, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], {
    encoding: 'utf8',
  }).stdout.trim();
}

/** Run the pipeline with fresh container storage; `label` names the storage and the run. */
function runPipeline(label: string): PipelineRun {
  const storageConf = join(work, `storage-${label}.conf`);
  writeFileSync(
    storageConf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${work}/storage-${label}"\nrunroot = "${work}/run-${label}"\n`,
  );
  const image = `127.0.0.1:${registry.port}/acme/status-page`;
  const variables = {
    CI_COMMIT_REF_PROTECTED: 'true',
    CI_REGISTRY: `127.0.0.1:${registry.port}`,
    CI_REGISTRY_IMAGE: image,
    CI_REGISTRY_USER: 'ci',
    CI_REGISTRY_PASSWORD: 'secret',
    CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
    CONTAINERS_STORAGE_CONF: storageConf,
    PATH: `${registry.shimDir}:${process.env.PATH}`,
  };
  // One job at a time: under the shell executor every job shares this run's containers storage, and two platform
  // builds pulling the same base-image name at once race (buildah names the image it pulled for one platform, the
  // other pull moves the name: "locating pulled image … image not known"). GitLab's Docker and Kubernetes executors
  // give every job its own storage; a shell runner with concurrent jobs has this race (docs/troubleshooting.md).
  const args = [
    ...glci!.slice(1),
    '--force-shell-executor',
    '--concurrency',
    '1',
    ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
    ...gitlabJobNamesOf(parse(readFileSync(join(project, '.gitlab-ci.yml'), 'utf8')) as object, JOBS),
  ];
  // Every run starts from clean job directories, as GitLab's fresh checkouts (git clean) do; gitlab-ci-local's
  // shell executor would otherwise keep the previous run's files (old digests) in its build directories.
  rmSync(join(project, '.gitlab-ci-local'), { recursive: true, force: true });
  const started = Date.now();
  const run = spawnSync(glci![0], args, {
    cwd: project,
    encoding: 'utf8',
    env: {
      ...process.env,
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
    },
    timeout: 420_000,
  });
  const wallSeconds = (Date.now() - started) / 1000;
  const log = `${run.stdout}${run.stderr}`;
  expect(run.status, log.slice(-4000)).toBe(0);
  const artifacts = join(project, '.gitlab-ci-local', 'artifacts');
  const buildSeconds: Record<string, number> = {};
  const built: Record<string, string> = {};
  for (const platform of PLATFORMS) {
    const slug = platform.replaceAll('/', '-');
    const seconds = new RegExp(`build: \\[${platform},[^\\]]*\\][^\\n]*?finished in ([\\d.]+) (ms|s|min)`).exec(log);
    expect(seconds, `duration of build ${platform} in the log`).not.toBeNull();
    buildSeconds[platform] =
      Number(seconds![1]) * ({ ms: 0.001, s: 1, min: 60 } as Record<string, number>)[seconds![2]];
    const dir = readdirSync(artifacts).find((d) => d.startsWith('build') && d.includes(slug))!;
    built[platform] = readFileSync(join(artifacts, dir, 'dockyard', slug, 'digest'), 'utf8').trim();
  }
  return { log, buildSeconds, wallSeconds, built, sha: git('rev-parse', 'HEAD') };
}

/** The tags the engine computes for a push to main at `sha` (gitlab-ci-local's predefined variables). */
function expectedTags(sha: string): string[] {
  const image = `127.0.0.1:${registry.port}/acme/status-page`;
  return computeMeta(
    {
      images: [image],
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
}

/** The published index holds exactly the built (and tested) digests, one per platform, under every tag. */
function expectPublished(run: PipelineRun): void {
  const tags = expectedTags(run.sha);
  expect(tags.map((t) => t.split(':').pop())).toEqual(['main', 'stable', `sha-${run.sha.slice(0, 7)}`]);
  for (const ref of tags) {
    const index = inspectImage(ref).raw.manifests ?? [];
    expect(index.map((m) => m.digest).sort()).toEqual(Object.values(run.built).sort());
    expect(index.map((m) => m.platform?.architecture).sort()).toEqual(['amd64', 'arm64']);
  }
  for (const platform of PLATFORMS) {
    const manifest = inspectImage(`127.0.0.1:${registry.port}/acme/status-page@${run.built[platform]}`);
    expect(manifest.labels).toMatchObject({
      'org.opencontainers.image.revision': run.sha,
      'org.opencontainers.image.vendor': 'Acme',
    });
  }
  for (const job of NOT_RUN) expect(run.log).not.toContain(`PASS  ${job}`);
  // The manifest job prints each published reference with the digest of the index it pushed.
  const printed = new RegExp(`published ${tags[0].replaceAll('.', '\\.')}@(sha256:[0-9a-f]{64})`).exec(run.log);
  expect(printed, 'the manifest job printed the published index digest').not.toBeNull();
  const raw = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${tags[0]}`]).stdout;
  expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(printed![1]);
}

describe.skipIf(skip)('examples/status-page: the committed GitLab pipeline under gitlab-ci-local', () => {
  beforeAll(async () => {
    release = await acquireE2eLock();
    work = mkdtempSync(join(tmpdir(), 'dockyard-glci-'));
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
    // DOCKYARD_E2E_KEEP=1 keeps the project, logs and registry data for a look afterwards.
    if (work && process.env.DOCKYARD_E2E_KEEP !== '1') rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`kept ${work}`);
    const [cold, warm] = [runs.cold, runs.warm];
    if (cold && warm) {
      const total = (r: PipelineRun) => Object.values(r.buildSeconds).reduce((a, b) => a + b, 0);
      const rows = PLATFORMS.map(
        (p) =>
          `  build ${p.padEnd(12)} cold ${cold.buildSeconds[p].toFixed(1).padStart(6)} s   warm ${warm.buildSeconds[p].toFixed(1).padStart(6)} s`,
      );
      console.log(
        [
          'e2e timings (examples/status-page, registry cache, fresh storage per run):',
          ...rows,
          `  build jobs total      cold ${total(cold).toFixed(1).padStart(6)} s   warm ${total(warm).toFixed(1).padStart(6)} s   warm/cold ${((100 * total(warm)) / total(cold)).toFixed(0)}% (target < 25%)`,
          `  pipeline wall time    cold ${cold.wallSeconds.toFixed(1).padStart(6)} s   warm ${warm.wallSeconds.toFixed(1).padStart(6)} s`,
          `  not run here: ${NOT_RUN.join(', ')} (Trivy cannot be installed on this machine)`,
        ].join('\n'),
      );
    }
  });

  it('cold: builds, tests and publishes linux/amd64 + linux/arm64; the index holds exactly the tested digests under the engine’s tags', () => {
    const run = (runs.cold = runPipeline('cold'));
    // metadata, push (one job for every platform) and manifest run once; build and test once per platform.
    for (const job of JOBS.filter((j) => j === 'metadata' || j === 'push' || j === 'manifest'))
      expect(run.log).toMatch(new RegExp(`PASS\\s+${job}\\s`));
    for (const platform of PLATFORMS)
      for (const job of ['build', 'test']) expect(run.log).toMatch(new RegExp(`PASS\\s+${job}: \\[${platform}[,\\]]`));
    expect(run.log).toContain('tested on x86_64');
    expect(run.log).toContain('tested on aarch64');
    expect(run.log).toMatch(/Pushing cache 127\.0\.0\.1:\d+\/acme\/status-page\/buildcache-linux-arm64/);
    expectPublished(run);
  }, 450_000);

  it('warm: after a change to site/index.html, with empty storage, the deps layers come from the registry cache', () => {
    expect(runs.cold, 'the cold run ran').toBeDefined();
    const page = join(project, 'site', 'index.html');
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace('All systems operational.', 'All systems operational (warm build).'),
    );
    git('commit', '-qam', 'status: warm build');
    const run = (runs.warm = runPipeline('warm'));
    // The deps stage's RUN layer (the slow step) is pulled from buildcache-<platform>, for both platforms.
    expect(run.log).toMatch(/Cache pulled from remote 127\.0\.0\.1:\d+\/acme\/status-page\/buildcache-linux-amd64/);
    expect(run.log).toMatch(/Cache pulled from remote 127\.0\.0\.1:\d+\/acme\/status-page\/buildcache-linux-arm64/);
    for (const platform of PLATFORMS) expect(run.built[platform]).not.toBe(runs.cold.built[platform]);
    expectPublished(run);
  }, 450_000);

  it('a Docker daemon pulls the published tag for each platform and runs the tested page', async () => {
    expect(runs.warm, 'the warm run ran').toBeDefined();
    const daemon = await startDockerDaemon();
    try {
      const ref = `127.0.0.1:${registry.port}/acme/status-page:main`;
      for (const [platform, machine] of [
        ['linux/amd64', 'x86_64'],
        ['linux/arm64', 'aarch64'],
      ]) {
        const pull = daemon.docker('pull', '-q', '--platform', platform, ref);
        expect(pull.status, pull.stderr).toBe(0);
        const run = daemon.docker(
          'run',
          '--rm',
          '--network',
          'none',
          '--platform',
          platform,
          ref,
          'sh',
          '-c',
          'uname -m; id -u; cat /www/index.html',
        );
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain(machine);
        expect(run.stdout).toContain('65534');
        expect(run.stdout).toContain('All systems operational (warm build).');
        const digest = daemon.docker('image', 'inspect', '--format', '{{index .RepoDigests 0}}', ref);
        expect(digest.stdout.trim()).toMatch(/@sha256:[0-9a-f]{64}$/);
        daemon.docker('rmi', '-f', ref);
      }
    } finally {
      await daemon.stop();
    }
  }, 120_000);
});
