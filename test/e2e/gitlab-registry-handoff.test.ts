import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { resolveGitlabCiLocalCommand } from '../../src/validate/check-gitlab-ci-local.js';
import { findExecutable } from '../../src/validate/run-process.js';
import {
  findStaticBusybox,
  inspectImage,
  startLoopbackRegistry,
  type LoopbackRegistry,
} from '../support/loopback-registry.js';
import { acquireE2eLock } from '../support/e2e-lock.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { gitlabJobNamesOf } from '../support/gitlab-jobs.js';

/*
 * The registry handoff for real: the generated .gitlab-ci.yml of a project with `handoff: "registry"`, executed by
 * gitlab-ci-local (shell executor; --shell-isolation gives every job its own checkout plus the artifacts of the jobs
 * it needs, as a GitLab runner does) with buildah, skopeo and a registry on 127.0.0.1, for linux/amd64. The jobs
 * run in separate invocations (metadata + build, test, push, manifest) so that the digest the build recorded can
 * be tampered with before push. A second project tests with commands, a named staging repository, and a pipeline
 * that lacks the staging registry's password. A third runs the verification gates against the staged candidate:
 * coverage from the test commands, the smoke test (the HEALTHCHECK in the staged candidate's Docker config) and the
 * compressed size from the manifest the build recorded, then the gate summary, and publishes that candidate. The scan job is left out: it needs Trivy, which cannot be installed
 * here (the golden tests validate its YAML and script statically). Only deviation from a real runner: the loopback
 * registry speaks plain HTTP, so thin shims add --tls-verify=false to buildah and skopeo. Proxies point at a closed
 * port, so nothing beyond loopback is reachable.
 */
const glci = resolveGitlabCiLocalCommand();
const missing = [
  ...['buildah', 'skopeo', 'docker-registry', 'git', 'rsync'].filter((t) => findExecutable(t) === undefined),
  ...(glci ? [] : ['gitlab-ci-local']),
];
const BUSYBOX = findStaticBusybox();
const SKIP = skipWithoutTools('registry handoff under gitlab-ci-local', [
  ...missing,
  ...(BUSYBOX ? [] : ['a static busybox']),
]);

const STAGING = 'acme/probe/staging';
const PUBLISHED = 'acme/probe';

let work: string;
let registry: LoopbackRegistry;
let release: (() => void) | undefined;
const timings: string[] = [];

function git(project: string, ...args: string[]): string {
  return spawnSync('git', ['-C', project, '-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', ...args], {
    encoding: 'utf8',
  }).stdout.trim();
}

/**
 * A committed project with a busybox image (production and test stages) and the pipeline synthesised from `config`;
 * `production` adds lines to the production stage (e.g. a HEALTHCHECK).
 */
async function createProject(
  name: string,
  config: Record<string, unknown>,
  production: readonly string[] = [],
): Promise<string> {
  const project = join(work, name);
  mkdirSync(project);
  copyFileSync(BUSYBOX!, join(project, 'busybox'));
  writeFileSync(
    join(project, 'Dockerfile'),
    [
      'FROM scratch AS production',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]',
      ...production,
      'FROM production AS test',
      'RUN echo "tested the staged candidate on $(uname -m)"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'dockyard.config.json'),
    JSON.stringify({ ci: ['gitlab'], platforms: ['linux/amd64'], cache: 'none', handoff: 'registry', ...config }),
  );
  const silent = { out: () => undefined, err: () => undefined, color: createColors(false) };
  expect(await runCli(['synth', '--dir', project], silent)).toBe(0);
  spawnSync('git', ['init', '-q', '-b', 'main', project]);
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'init');
  return project;
}

/**
 * Run jobs of a project with gitlab-ci-local; `without` leaves CI/CD variables out; `isolated: false` runs them in the
 * project directory itself (see the gates tests). Returns the exit status and the log.
 */
function runJobs(
  project: string,
  jobs: string[],
  without: string[] = [],
  isolated = true,
): { status: number | null; log: string } {
  const variables: Record<string, string> = {
    CI_COMMIT_REF_PROTECTED: 'true',
    REG_USER: 'ci',
    REG_PASS: 'secret',
    CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
    CONTAINERS_STORAGE_CONF: registry.storageConf,
    PATH: `${registry.shimDir}:${process.env.PATH}`,
  };
  for (const name of without) delete variables[name];
  const names = gitlabJobNamesOf(parse(readFileSync(join(project, '.gitlab-ci.yml'), 'utf8')) as object, jobs);
  const args = [
    ...glci!.slice(1),
    '--force-shell-executor',
    ...(isolated ? ['--shell-isolation'] : []),
    ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
    ...names,
  ];
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
    timeout: 300_000,
  });
  timings.push(`${jobs.join(' + ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status: run.status, log: `${run.stdout}${run.stderr}` };
}

/** The build job's artifact directory for linux/amd64 (what later jobs receive). */
function buildArtifact(project: string): string {
  const artifacts = join(project, '.gitlab-ci-local', 'artifacts');
  const dir = readdirSync(artifacts).find(
    (d) => d.startsWith('build') && existsSync(join(artifacts, d, 'dockyard', 'linux-amd64', 'digest')),
  );
  expect(dir, 'the build job artifact').toBeDefined();
  return join(artifacts, dir!, 'dockyard', 'linux-amd64');
}

/** Manifests (by digest) and tags a repository holds, read from the registry's storage. */
function repositoryContents(repository: string): { manifests: string[]; tags: string[] } {
  const base = join(registry.dataDir, 'docker', 'registry', 'v2', 'repositories', repository, '_manifests');
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
  return {
    manifests: list(join(base, 'revisions', 'sha256')).map((hex) => `sha256:${hex}`),
    tags: list(join(base, 'tags')),
  };
}

async function manifestStatus(repository: string, reference: string): Promise<number> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';
  return (
    await fetch(`http://127.0.0.1:${registry.port}/v2/${repository}/manifests/${reference}`, { headers: { accept } })
  ).status;
}

/** Runs `jobs` and returns the registry requests they made that fetched `repository@digest`'s manifest. */
function manifestFetchesDuring(repository: string, digest: string, jobs: () => void): string[] {
  const logStart = statSync(registry.logFile).size;
  jobs();
  return readFileSync(registry.logFile, 'utf8')
    .slice(logStart)
    .split('\n')
    .filter(
      (line) =>
        line.includes(`http.request.uri="/v2/${repository}/manifests/${digest}"`) &&
        line.includes('http.request.method=GET'),
    );
}

const registryConfig = (repository: string) => [
  {
    type: 'generic',
    host: `127.0.0.1:${registry.port}`,
    repository,
    credentials: { username: 'REG_USER', password: 'REG_PASS' },
  },
];

describe.skipIf(SKIP)('registry handoff: the generated GitLab pipeline under gitlab-ci-local', () => {
  beforeAll(async () => {
    release = await acquireE2eLock();
    work = mkdtempSync(join(tmpdir(), 'dockyard-handoff-'));
    registry = await startLoopbackRegistry(work);
  }, 900_000);

  afterAll(() => {
    release?.();
    registry?.stop();
    if (timings.length > 0) console.log(`registry handoff e2e timings: ${timings.join('; ')}`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('test target, then push and manifest', () => {
    let project: string;
    /** The digest the build job recorded (its artifact). */
    let built: string;

    beforeAll(async () => {
      project = await createProject('target', {
        image: { name: 'acme/probe', target: 'production' },
        registries: registryConfig(PUBLISHED),
        tags: ['type=ref,event=branch', 'type=sha'],
        test: { target: 'test' },
      });
      expect(readFileSync(join(project, '.gitlab-ci.yml'), 'utf8')).toContain(
        `DOCKYARD_STAGING: 127.0.0.1:${registry.port}/${STAGING}`,
      );
    });

    it('build stages the candidate untagged and by digest, and hands on only the digest', async () => {
      const run = runJobs(project, ['metadata', 'build']);
      expect(run.status, run.log.slice(-3000)).toBe(0);
      expect(run.log).toContain('PASS  build: [linux/amd64,linux-amd64]');
      const artifact = buildArtifact(project);
      built = readFileSync(join(artifact, 'digest'), 'utf8').trim();
      expect(built).toMatch(/^sha256:[0-9a-f]{64}$/);
      // Only the digest travels as an artifact; the archive stays on the runner.
      expect(readdirSync(artifact)).toEqual(['digest']);
      // The staging repository holds the candidate by digest (and the one-entry index buildah pushed it in), no tag.
      const staging = repositoryContents(STAGING);
      expect(staging.manifests).toContain(built);
      expect(staging.manifests).toHaveLength(2);
      expect(staging.tags).toEqual([]);
      expect(await manifestStatus(STAGING, built)).toBe(200);
      // Nothing is published yet.
      expect(repositoryContents(PUBLISHED)).toEqual({ manifests: [], tags: [] });
    });

    it('test builds the test stage FROM exactly the staged digest', () => {
      let run = { status: null as number | null, log: '' };
      // The only job of this run fetches the staged candidate by the recorded digest from the registry.
      const fetched = manifestFetchesDuring(STAGING, built, () => {
        run = runJobs(project, ['test']);
      });
      expect(run.status, run.log.slice(-3000)).toBe(0);
      expect(run.log).toContain('PASS  test: [linux/amd64]');
      expect(run.log).toContain('tested the staged candidate on x86_64');
      expect(fetched.length).toBeGreaterThan(0);
    });

    it.each([
      [
        'a digest that is not in the staging repository',
        () => `sha256:${'0'.repeat(64)}`,
        'has no candidate sha256:0000',
      ],
      [
        'the digest of the staging index, not the candidate',
        () => repositoryContents(STAGING).manifests.find((d) => d !== built)!,
        'is an image index, not the single-platform candidate the build recorded; not publishing',
      ],
    ])('push refuses %s recorded in place of the built one', (_, tampered, message) => {
      const file = join(buildArtifact(project), 'digest');
      writeFileSync(file, `${tampered()}\n`);
      try {
        const run = runJobs(project, ['push']);
        expect(run.status).not.toBe(0);
        expect(run.log).toContain('FAIL  push');
        expect(run.log).toContain(message);
      } finally {
        writeFileSync(file, `${built}\n`);
      }
      expect(repositoryContents(PUBLISHED)).toEqual({ manifests: [], tags: [] });
    });

    it('push and manifest publish an index of exactly the built and tested digest', () => {
      const run = runJobs(project, ['push', 'manifest']);
      expect(run.status, run.log.slice(-3000)).toBe(0);
      expect(run.log).toContain('PASS  push');
      expect(run.log).toContain('PASS  manifest');
      const sha = git(project, 'rev-parse', 'HEAD');
      for (const tag of ['main', `sha-${sha.slice(0, 7)}`]) {
        const index = inspectImage(`127.0.0.1:${registry.port}/${PUBLISHED}:${tag}`).raw;
        expect(index.manifests?.map((m) => [m.digest, m.platform?.architecture])).toEqual([[built, 'amd64']]);
      }
      expect(repositoryContents(PUBLISHED).tags).toEqual(['main', `sha-${sha.slice(0, 7)}`].sort());
      expect(repositoryContents(STAGING).tags).toEqual([]);
    });
  });

  describe('test commands, and a pipeline without the staging password', () => {
    let project: string;

    beforeAll(async () => {
      project = await createProject('commands', {
        image: { name: 'acme/cmds' },
        registries: registryConfig('acme/cmds'),
        handoff: { mode: 'registry', staging: { repository: 'acme/cmds-candidates' } },
        test: { commands: ['test -x /bin/busybox', 'echo "commands ran on $(uname -m)"'] },
      });
    });

    it('build fails first, saying why, when the staging registry password is not set (an unprotected ref)', () => {
      const run = runJobs(project, ['metadata', 'build'], ['REG_PASS']);
      expect(run.status).not.toBe(0);
      expect(run.log).toContain('FAIL  build: [linux/amd64,linux-amd64]');
      expect(run.log).toContain(
        'REG_PASS is not set in this pipeline (protected variables reach only protected branches and tags)',
      );
      expect(repositoryContents('acme/cmds-candidates').manifests).toEqual([]);
    });

    it('test runs the commands in a container of exactly the staged digest in the named staging repository', () => {
      const build = runJobs(project, ['metadata', 'build']);
      expect(build.status, build.log.slice(-3000)).toBe(0);
      const built = readFileSync(join(buildArtifact(project), 'digest'), 'utf8').trim();
      expect(repositoryContents('acme/cmds-candidates')).toMatchObject({ tags: [] });
      expect(repositoryContents('acme/cmds-candidates').manifests).toContain(built);
      let run = { status: null as number | null, log: '' };
      const fetched = manifestFetchesDuring('acme/cmds-candidates', built, () => {
        run = runJobs(project, ['test']);
      });
      expect(run.status, run.log.slice(-3000)).toBe(0);
      expect(run.log).toContain('commands ran on x86_64');
      expect(fetched.length).toBeGreaterThan(0);
    });
  });

  /*
   * The gate jobs run without --shell-isolation: under it, gitlab-ci-local re-syncs the build directory before
   * after_script (deleting what the script wrote), whereas a GitLab runner runs after_script in the same working tree;
   * the result files the gate scripts write would be lost and the after_script fallback would record `passed`. The build
   * job runs isolated, so its artifact is checked as a runner hands it on; gitlab-ci-local then copies it into the
   * project directory, where the gate jobs read it.
   */
  describe('verification gates against the staged candidate: coverage, smoke test, compressed size, gate summary', () => {
    let project: string;
    let built: string;
    const gateResult = (file: string): string[] =>
      readFileSync(join(project, 'dockyard', 'gates', `${file}.tsv`), 'utf8')
        .replace(/\n$/, '')
        .split('\t');

    beforeAll(async () => {
      project = await createProject(
        'gates',
        {
          image: { name: 'acme/gates', target: 'production' },
          registries: registryConfig('acme/gates'),
          test: {
            commands: ["printf 'SF:/app/a.js\\nLF:4\\nLH:3\\nend_of_record\\n' > /coverage/lcov.info"],
            coverage: { report: '/coverage/lcov.info', format: 'lcov', minimum: 70 },
            smoke: { timeout: 30 },
          },
          size: { limit: 50, measure: 'compressed' },
        },
        [
          'HEALTHCHECK --interval=1s --timeout=2s CMD ["/bin/busybox", "test", "-e", "/bin/busybox"]',
          'CMD ["/bin/busybox", "sleep", "60"]',
        ],
      );
    });

    it('build stages the candidate (Docker v2s2, HEALTHCHECK in its config) and hands on its digest and manifest, not the archive', () => {
      const run = runJobs(project, ['metadata', 'build']);
      expect(run.status, run.log.slice(-3000)).toBe(0);
      const artifact = buildArtifact(project);
      built = readFileSync(join(artifact, 'digest'), 'utf8').trim();
      expect(readdirSync(artifact).sort()).toEqual(['digest', 'manifest.json']);
      expect(
        (JSON.parse(readFileSync(join(artifact, 'manifest.json'), 'utf8')) as { mediaType: string }).mediaType,
      ).toBe('application/vnd.docker.distribution.manifest.v2+json');
      expect(
        `sha256:${createHash('sha256')
          .update(readFileSync(join(artifact, 'manifest.json')))
          .digest('hex')}`,
      ).toBe(built);
      expect(repositoryContents('acme/gates/staging').manifests).toContain(built);
    });

    it('test (coverage from the commands), smoke and size pass against the staged digest and record their results', () => {
      let run = { status: null as number | null, log: '' };
      const fetched = manifestFetchesDuring('acme/gates/staging', built, () => {
        run = runJobs(project, ['test', 'smoke', 'size'], [], false);
      });
      expect(run.status, run.log.slice(-4000)).toBe(0);
      expect(run.log).toContain('dockyard: coverage 75.00% (minimum 70%)');
      expect(run.log).toContain('HEALTHCHECK CMD /bin/busybox test -e /bin/busybox (interval 1 s, timeout 2 s');
      expect(run.log).toContain('dockyard: the container reported healthy after');
      // test and smoke both pulled the staged candidate by its digest.
      expect(fetched.length).toBeGreaterThanOrEqual(2);
      expect(gateResult('test-linux-amd64')).toEqual([
        'test',
        'linux/amd64',
        'pass',
        '1 command(s) passed',
        'every test passes',
      ]);
      expect(gateResult('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', 'pass', '75.00%', '>= 70%']);
      expect(gateResult('smoke-linux-amd64').slice(0, 3)).toEqual(['smoke', 'linux/amd64', 'pass']);
      const size = gateResult('size-linux-amd64');
      expect(size.slice(0, 3)).toEqual(['size', 'linux/amd64', 'pass']);
      const manifest = JSON.parse(readFileSync(join(project, 'dockyard', 'linux-amd64', 'manifest.json'), 'utf8')) as {
        layers: Array<{ size: number }>;
      };
      expect(size[3]).toBe(`${(manifest.layers.reduce((sum, l) => sum + l.size, 0) / 1e6).toFixed(2)} MB compressed`);
    });

    it('the gate summary lists every expected result; a missing scan result (Trivy is not installed here) keeps push from running', () => {
      const run = runJobs(project, ['gates'], [], false);
      expect(run.log).toContain('| coverage | linux/amd64 | pass | 75.00% | >= 70% |');
      expect(run.log).toContain('| test | linux/amd64 | pass | 1 command(s) passed | every test passes |');
      expect(run.log).toMatch(/\| smoke \| linux\/amd64 \| pass \| healthy after \d+ s \| healthy within 30 s \|/);
      expect(run.log).toMatch(
        /\| size \| linux\/amd64 \| pass \| \d+\.\d\d MB compressed \| <= 50 MB compressed \(fail\) \|/,
      );
      expect(run.log).toContain('| scan-linux-amd64 | - | missing | no result file | - |');
      expect(run.status).not.toBe(0);
      expect(run.log).toContain('nothing is published');
    });

    it('push and manifest publish the manifest and config (HEALTHCHECK included) the smoke test ran', () => {
      const run = runJobs(project, ['push', 'manifest'], [], false);
      expect(run.status, run.log.slice(-3000)).toBe(0);
      const raw = (...args: string[]) =>
        spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', ...args]).stdout;
      const staged = `docker://127.0.0.1:${registry.port}/acme/gates/staging@${built}`;
      const published = `docker://127.0.0.1:${registry.port}/acme/gates@${built}`;
      expect(inspectImage(`127.0.0.1:${registry.port}/acme/gates:main`).raw.manifests?.map((m) => m.digest)).toEqual([
        built,
      ]);
      // The smoke job ran a container of the staged candidate: the published manifest and config are those bytes.
      expect(raw(published).equals(raw(staged))).toBe(true);
      const config = raw('--config', published);
      expect(config.equals(raw('--config', staged))).toBe(true);
      expect(
        (JSON.parse(config.toString('utf8')) as { config: { Healthcheck?: { Test: string[] } } }).config.Healthcheck
          ?.Test,
      ).toEqual(['CMD', '/bin/busybox', 'test', '-e', '/bin/busybox']);
    });
  });
});
