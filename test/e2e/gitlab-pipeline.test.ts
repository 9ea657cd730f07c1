import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../src/config/validate-config.js';
import { readRenderAssets } from '../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../src/synth/render-pipeline-files.js';
import { findExecutable } from '../../src/validate/run-process.js';
import {
  findStaticBusybox,
  inspectImage,
  startLoopbackRegistry,
  type LoopbackRegistry,
} from '../support/loopback-registry.js';
import { acquireE2eLock } from '../support/e2e-lock.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { gitlabJobsById } from '../support/gitlab-jobs.js';

/*
 * End to end, job by job: the generated GitLab job scripts, extracted from the rendered YAML, run for real with
 * Node.js, buildah, skopeo and a registry on loopback. Checks the principle the pipeline exists for: the digest
 * built once is the digest tested, pushed and referenced by the published image index. Trivy is not obtainable
 * here, so the scan job is not run (it is validated statically elsewhere).
 */
const missing = ['buildah', 'skopeo', 'docker-registry'].filter((t) => findExecutable(t) === undefined);
const BUSYBOX = findStaticBusybox();
const skip = skipWithoutTools('GitLab job-by-job end-to-end run', [
  ...missing,
  ...(BUSYBOX ? [] : ['a static busybox']),
]);

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
let work: string;
let registry: LoopbackRegistry;
let release: (() => void) | undefined;

describe.skipIf(skip)('GitLab pipeline, run job by job', () => {
  beforeAll(async () => {
    release = await acquireE2eLock();
    work = mkdtempSync(join(tmpdir(), 'dockyard-e2e-'));
    mkdirSync(join(work, 'ctx'));
    copyFileSync(BUSYBOX!, join(work, 'ctx', 'busybox'));
    writeFileSync(
      join(work, 'ctx', 'Dockerfile'),
      [
        'FROM scratch AS production',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]',
        'HEALTHCHECK --interval=1s --timeout=2s CMD ["/bin/busybox", "test", "-e", "/bin/busybox"]',
        'CMD ["/bin/busybox", "sleep", "60"]',
        'FROM production AS test',
        'RUN test -x /bin/busybox && echo candidate-tested > /tested',
        '',
      ].join('\n'),
    );
    registry = await startLoopbackRegistry(work);
  }, 900_000);

  afterAll(() => {
    release?.();
    registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function render(test: Record<string, unknown>) {
    const result = validateConfig({
      ci: ['gitlab'],
      image: { name: 'acme/probe', target: 'production' },
      registries: [
        {
          type: 'generic',
          host: `127.0.0.1:${registry.port}`,
          repository: 'acme/probe',
          credentials: { username: 'REG_USER', password: 'REG_PASS' },
        },
      ],
      tags: ['type=ref,event=branch', 'type=sha'],
      cache: 'none',
      test,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [pipeline, helper] = renderPipelineFiles(
      result.config,
      { configFile: 'c', command: 'x' },
      readRenderAssets(),
    );
    mkdirSync(join(work, 'ctx', '.gitlab'), { recursive: true });
    writeFileSync(join(work, 'ctx', helper.path), helper.content);
    // Jobs per platform (`test: [linux/amd64]`) extend a hidden job; run them as GitLab would, by their job id.
    return gitlabJobsById(
      parse(pipeline.content) as Record<string, { script: string[]; variables?: Record<string, unknown> }>,
    );
  }

  /** The metadata job's dotenv report, as GitLab injects it into the jobs that need it. */
  function dotenv(): Record<string, string> {
    const text = readFileSync(join(work, 'ctx', 'dockyard', 'meta.env'), 'utf8');
    return Object.fromEntries(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  }

  function runJob(ci: ReturnType<typeof render>, job: string, extra: Record<string, string> = {}) {
    const vars = Object.fromEntries(
      Object.entries(ci[job].variables ?? {}).map(([k, v]) => [
        k,
        typeof v === 'object' && v ? String((v as { value: string }).value) : String(v),
      ]),
    );
    return spawnSync('dash', ['-euc', ci[job].script.join('\n')], {
      cwd: join(work, 'ctx'),
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${registry.shimDir}:${process.env.PATH}`,
        CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
        CONTAINERS_STORAGE_CONF: registry.storageConf,
        DOCKYARD_PLATFORM: 'linux/amd64',
        DOCKYARD_SLUG: 'linux-amd64',
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_SHA: SHA,
        CI_PROJECT_URL: 'https://gitlab.example/acme/probe',
        CI_PROJECT_NAME: 'probe',
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
      if (job === 'test')
        expect(run.stdout + run.stderr).toContain('FROM localhost/dockyard-candidate:linux-amd64 AS test');
    }
    const built = readFileSync(join(work, 'ctx', 'dockyard', 'linux-amd64', 'digest'), 'utf8').trim();
    expect(readdirSync(join(work, 'ctx', 'dockyard', 'digests'))).toEqual(['linux-amd64']);
    expect(readFileSync(join(work, 'ctx', 'dockyard', 'digests', 'linux-amd64'), 'utf8').trim()).toBe(built);
    for (const tag of ['main', 'sha-860c190']) {
      expect(inspectImage(`127.0.0.1:${registry.port}/acme/probe:${tag}`).raw.manifests?.map((m) => m.digest)).toEqual([
        built,
      ]);
    }
    // The labels computed by the metadata job are on the published image.
    expect(inspectImage(`127.0.0.1:${registry.port}/acme/probe:main`).labels).toMatchObject({
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.title': 'probe',
    });
  });

  it('with a smoke test, publishes the manifest and config (HEALTHCHECK included) that the smoke test ran', () => {
    const ci = render({ commands: ['test -x /bin/busybox'], smoke: { timeout: 30 } });
    rmSync(join(work, 'ctx', 'dockyard'), { recursive: true, force: true });
    for (const job of ['metadata', 'build', 'smoke', 'push', 'manifest']) {
      const run = runJob(ci, job, job === 'build' || job === 'manifest' ? dotenv() : {});
      expect(run.status, `${job}: ${run.stdout}\n${run.stderr}`).toBe(0);
      if (job === 'smoke')
        expect(run.stdout).toContain('HEALTHCHECK CMD /bin/busybox test -e /bin/busybox (interval 1 s, timeout 2 s');
    }
    // The tested candidate: the archive the smoke job ran (its manifest and config blobs).
    const archive = join(work, 'ctx', 'dockyard', 'linux-amd64', 'image.tar');
    const built = readFileSync(join(work, 'ctx', 'dockyard', 'linux-amd64', 'digest'), 'utf8').trim();
    const blob = (digest: string) =>
      spawnSync('tar', ['-xOf', archive, `blobs/sha256/${digest.slice('sha256:'.length)}`]).stdout;
    const tested = JSON.parse(blob(built).toString('utf8')) as { mediaType: string; config: { digest: string } };
    expect(tested.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const testedConfig = blob(tested.config.digest);
    // The published image: the index under the branch tag, its one manifest, and that manifest's config, as bytes.
    const ref = `127.0.0.1:${registry.port}/acme/probe`;
    expect(inspectImage(`${ref}:main`).raw.manifests?.map((m) => m.digest)).toEqual([built]);
    const raw = (...args: string[]) =>
      spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', ...args]).stdout;
    expect(raw(`docker://${ref}@${built}`).equals(blob(built))).toBe(true);
    const publishedConfig = raw('--config', `docker://${ref}@${built}`);
    expect(publishedConfig.equals(testedConfig)).toBe(true);
    expect(
      (JSON.parse(publishedConfig.toString('utf8')) as { config: { Healthcheck?: unknown } }).config.Healthcheck,
    ).toEqual({
      Test: ['CMD', '/bin/busybox', 'test', '-e', '/bin/busybox'],
      Interval: 1_000_000_000,
      Timeout: 2_000_000_000,
    });
  }, 120_000);

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
