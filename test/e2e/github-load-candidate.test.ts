import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCandidateStep } from '../../src/targets/github/github-verify-jobs.js';
import { writeBuildkitOciArchive, type BuildkitArchive } from '../support/buildkit-oci-archive.js';
import { DOCKERD, startDockerDaemon, type DockerDaemon } from '../support/docker-daemon.js';
import { acquireE2eLock } from '../support/e2e-lock.js';

/*
 * The GitHub test and smoke jobs' "Load the candidate into Docker" step, run for real: its script (skopeo writes a
 * docker-archive file, `docker load` reads it) against a private Docker daemon, on an archive in BuildKit's
 * `type=oci` form (no manifest.json, which the classic image store's `docker load` would need). The loaded image
 * must be the candidate itself: its ID is the candidate's config digest, its layers the config's diff_ids.
 */

const missing = [
  DOCKERD ? '' : 'dockerd and docker (docker.io)',
  existsSync('/usr/bin/skopeo') ? '' : 'skopeo',
  existsSync('/bin/busybox') ? '' : 'busybox-static',
].filter(Boolean);
const skip = missing.length > 0 && process.env.CI !== 'true';
if (missing.length > 0)
  console.warn(
    `${skip ? 'SKIPPED' : 'FAILING (CI=true)'}: GitHub load-candidate step against a Docker daemon: needs ${missing.join(', ')}.`,
  );

let work: string;
let daemon: DockerDaemon | undefined;
let release: (() => void) | undefined;
let archive: BuildkitArchive;

describe.skipIf(skip)('GitHub: loading the candidate into Docker without skopeo docker-daemon:', () => {
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
    release = await acquireE2eLock();
    work = mkdtempSync(join(tmpdir(), 'dockyard-load-'));
    mkdirSync(join(work, 'dockyard'));
    archive = writeBuildkitOciArchive(join(work, 'dockyard'), {
      platform: 'linux/amd64',
      files: { 'bin/busybox': '/bin/busybox' },
    });
    daemon = await startDockerDaemon();
  }, 120_000);
  afterAll(async () => {
    await daemon?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    release?.();
  });

  it('the step script loads it as dockyard-candidate:<slug>, with the candidate config and layers, and it runs', () => {
    const step = loadCandidateStep();
    expect(step.run).not.toContain('docker-daemon:');
    const out = spawnSync('dash', ['-euc', step.run!], {
      encoding: 'utf8',
      // The Debian docker client first on PATH, talking to the private daemon.
      env: {
        PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
        RUNNER_TEMP: work,
        SLUG: 'linux-amd64',
        DOCKER_HOST: daemon!.host,
        HTTP_PROXY: 'http://127.0.0.1:9',
        HTTPS_PROXY: 'http://127.0.0.1:9',
      },
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Loaded image: dockyard-candidate:linux-amd64');
    expect(existsSync(join(work, 'dockyard', 'docker-archive.tar'))).toBe(false);

    const inspect = daemon!.docker(
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{json .RootFS.Layers}}',
      'dockyard-candidate:linux-amd64',
    );
    expect(inspect.status, inspect.stderr).toBe(0);
    expect(inspect.stdout.trim()).toBe(`${archive.config} ["${archive.layer.diffId}"]`);

    const run = daemon!.docker(
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      '/bin/busybox',
      'dockyard-candidate:linux-amd64',
      'echo',
      'candidate runs',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('candidate runs');
  }, 120_000);

  it('docker load refuses the OCI archive itself on the classic image store (why the step converts it)', () => {
    const load = daemon!.docker('load', '--input', archive.path);
    expect(load.status).not.toBe(0);
    // Without manifest.json moby (20.10) falls back to the pre-1.10 format and reads `blobs/json` as a layer's
    // metadata; current moby fails on manifest.json itself: https://github.com/moby/moby/blob/master/image/tarexport/load.go
    expect(load.stderr, load.stderr).toMatch(/(manifest\.json|blobs\/json): no such file or directory/);
  });
});
