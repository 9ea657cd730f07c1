import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubSmokeScript, gitlabSmokeScript } from '../../src/emit/smoke-scripts.js';
import { buildahSandbox, buildahUnavailable, STATIC_BUSYBOX } from '../support/buildah-sandbox.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { stepScripts } from '../support/step-scripts.js';

const PLATFORM = { DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64' };

describe('githubSmokeScript (Docker, a stand-in docker command replaying container states)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dockyard-smoke-gh-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * A stand-in `docker` (no daemon here): `image inspect` prints the HEALTHCHECK test, `run` a container id, each
   * `inspect` of the state the next line of `states`, `logs` a log line; every call is logged.
   */
  function fakeDocker(healthcheck: string, states: string[]): string {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(dir, 'states'), `${states.join('\n')}\n`);
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        `echo "$*" >> "${dir}/calls"`,
        'case "$1 $2" in',
        `  "image inspect") printf '%s\\n' '${healthcheck}' ;;`,
        '  "run --detach") echo c0ffee ;;',
        `  "logs --tail") echo "server: listening on :8080" ;;`,
        '  "rm --force") ;;',
        '  "inspect --format")',
        '    case $3 in',
        `      *State.Status*) head -n 1 "${dir}/states"; if [ "$(wc -l < "${dir}/states")" -gt 1 ]; then sed -i 1d "${dir}/states"; fi ;;`,
        "      *Health.Log*) echo 'exit 1: connection refused' ;;",
        '      *ExitCode*) echo 3 ;;',
        '    esac ;;',
        'esac',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }

  function run(healthcheck: string, states: string[], timeout = '60') {
    return spawnSync('dash', ['-euc', githubSmokeScript(stepScripts, 'gates')], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: fakeDocker(healthcheck, states),
        DOCKYARD_SMOKE_TIMEOUT: timeout,
        DOCKYARD_SMOKE_POLL: '0.1',
        ...PLATFORM,
      },
    });
  }
  const result = () =>
    readFileSync(join(dir, 'gates', 'smoke-linux-amd64.tsv'), 'utf8')
      .trim()
      .split('\t');
  const HC = '["CMD-SHELL","wget -qO- http://127.0.0.1:8080/health || exit 1"]';

  it('passes once the health status turns healthy, and removes the container', () => {
    const out = run(HC, ['running starting', 'running starting', 'running healthy']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('dockyard: the container reported healthy after');
    expect(result().slice(0, 3)).toEqual(['smoke', 'linux/amd64', 'pass']);
    expect(result()[4]).toBe('healthy within 60 s');
    const calls = readFileSync(join(dir, 'calls'), 'utf8');
    expect(calls).toContain('run --detach --platform linux/amd64 dockyard-candidate:linux-amd64');
    expect(calls.trim().split('\n').at(-1)).toBe('rm --force c0ffee');
  });

  it.each([
    [
      'unhealthy',
      HC,
      ['running starting', 'running unhealthy'],
      'the container reported unhealthy after',
      'unhealthy after',
    ],
    [
      'stopped',
      HC,
      ['running starting', 'exited starting'],
      'the container stopped (exited, exit code 3) after',
      'stopped after',
    ],
    ['no HEALTHCHECK', '', ['running '], 'the image has no HEALTHCHECK', 'no HEALTHCHECK'],
    ['HEALTHCHECK NONE', '["NONE"]', ['running '], 'the image has no HEALTHCHECK', 'no HEALTHCHECK'],
  ])('fails when %s, printing why and the container log', (_, healthcheck, states, message, figure) => {
    const out = run(healthcheck, states);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`dockyard: smoke test failed: ${message}`);
    expect(result()[2]).toBe('fail');
    expect(result()[3]).toContain(figure);
    if (healthcheck === HC) {
      expect(out.stderr).toContain('--- last 50 log lines of the container ---\nserver: listening on :8080');
      expect(out.stderr).toContain('exit 1: connection refused');
    }
  });

  it('fails at the timeout while the container is still starting', () => {
    const out = run(HC, ['running starting'], '1');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('not healthy within 1 s (health status: starting)');
    expect(result()[3]).toBe('not healthy within 1 s');
  });
});

const unavailable = buildahUnavailable();
const skip = skipWithoutTools('GitLab smoke test with real buildah containers', unavailable ? [unavailable] : []);

describe.skipIf(skip)('gitlabSmokeScript (real buildah containers, busybox httpd)', () => {
  let work: string;
  let sandbox: ReturnType<typeof buildahSandbox>;
  let port = 18_600 + Math.floor(Math.random() * 1000);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-smoke-gl-'));
    sandbox = buildahSandbox(work);
    const ctr = sandbox.buildah('from', 'scratch');
    sandbox.buildah('copy', ctr, STATIC_BUSYBOX!, '/bin/busybox');
    // CMD-SHELL health checks run /bin/sh, as Docker's do.
    sandbox.buildah('run', ctr, '--', '/bin/busybox', 'ln', '-s', '/bin/busybox', '/bin/sh');
    sandbox.buildah('commit', '-q', ctr, 'localhost/smoke-base');
  }, 60_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * Build a candidate as the GitLab build job does when a smoke test is configured: Docker format in local storage,
   * then `push --format v2s2` into the OCI archive the smoke job gets (the Docker manifest and config, HEALTHCHECK
   * included, as they are).
   */
  function candidate(name: string, config: string[] | string): string {
    if (typeof config === 'string') {
      // A Dockerfile, built as the GitLab build job builds it with a smoke test (BUILDAH_FORMAT=docker).
      mkdirSync(join(work, `${name}-context`));
      writeFileSync(join(work, `${name}-context`, 'Dockerfile'), config);
      sandbox.buildah('build', '-q', '--format', 'docker', '--tag', `localhost/${name}`, join(work, `${name}-context`));
    } else {
      const ctr = sandbox.buildah('from', 'localhost/smoke-base');
      sandbox.buildah('config', ...config, ctr);
      sandbox.buildah('commit', '-q', '--format', 'docker', ctr, `localhost/${name}`);
    }
    const dir = join(work, name, 'dockyard', 'linux-amd64');
    mkdirSync(dir, { recursive: true });
    sandbox.buildah('push', '-q', '--format', 'v2s2', `localhost/${name}`, `oci-archive:${join(dir, 'image.tar')}`);
    // The candidate is the archive alone: nothing from local storage reaches the smoke job.
    sandbox.buildah('rmi', `localhost/${name}`);
    return join(work, name);
  }

  function smoke(project: string, timeout: string) {
    return spawnSync('dash', ['-euc', gitlabSmokeScript(stepScripts, 'dockyard/gates')], {
      cwd: project,
      encoding: 'utf8',
      env: { ...sandbox.env, DOCKYARD_SMOKE_TIMEOUT: timeout, ...PLATFORM },
    });
  }
  const result = (project: string) =>
    readFileSync(join(project, 'dockyard', 'gates', 'smoke-linux-amd64.tsv'), 'utf8')
      .trim()
      .split('\t');
  const server = (p: number) => [
    '--cmd',
    `/bin/busybox sh -c "echo ok > /index.html && echo serving on ${p} && exec /bin/busybox httpd -f -p 127.0.0.1:${p} -h /"`,
  ];

  it('reads the HEALTHCHECK from the archived candidate itself (its Docker config), not from the build', () => {
    const project = candidate('record', [
      '--healthcheck',
      'CMD /bin/busybox true',
      '--healthcheck-interval',
      '2s',
      '--healthcheck-retries',
      '4',
      '--cmd',
      '/bin/busybox sleep 60',
    ]);
    expect(existsSync(join(project, 'dockyard', 'linux-amd64', 'healthcheck'))).toBe(false);
    const out = smoke(project, '30');
    expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
    expect(out.stdout).toContain(
      'HEALTHCHECK CMD /bin/busybox true (interval 2 s, timeout 30 s, start period 0 s, retries 4)',
    );
    expect(readFileSync(join(project, 'dockyard', 'linux-amd64', 'healthcheck'), 'utf8')).toBe(
      '2000000000 30000000000 0 4\nCMD\n/bin/busybox\ntrue\n',
    );
  }, 60_000);

  it('passes when the server answers its HEALTHCHECK (the shell form of a Dockerfile, CMD-SHELL), and stops it', () => {
    port += 1;
    const project = candidate(
      'healthy',
      [
        'FROM localhost/smoke-base',
        `HEALTHCHECK --interval=1s --timeout=5s CMD /bin/busybox wget -q -O /dev/null http://127.0.0.1:${port}/index.html || exit 1`,
        `CMD /bin/busybox echo ok > /index.html && echo serving on ${port} && exec /bin/busybox httpd -f -p 127.0.0.1:${port} -h /`,
        '',
      ].join('\n'),
    );
    const out = smoke(project, '30');
    expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
    expect(out.stdout).toMatch(/dockyard: the container reported healthy after \d+ s/);
    expect(result(project).slice(0, 3)).toEqual(['smoke', 'linux/amd64', 'pass']);
    // The server was stopped: nothing answers any more.
    expect(
      spawnSync(STATIC_BUSYBOX!, ['wget', '-q', '-T', '1', '-O', '/dev/null', `http://127.0.0.1:${port}/index.html`])
        .status,
    ).not.toBe(0);
  }, 60_000);

  it('fails as unhealthy after the retries, printing the check output and the container log', () => {
    port += 1;
    const project = candidate('unhealthy', [
      '--healthcheck',
      `CMD /bin/busybox wget -q -O /dev/null http://127.0.0.1:${port}/missing`,
      '--healthcheck-interval',
      '1s',
      '--healthcheck-retries',
      '2',
      ...server(port),
    ]);
    const out = smoke(project, '30');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(
      /smoke test failed: the container reported unhealthy after \d+ s \(2 consecutive failed checks\)/,
    );
    expect(out.stderr).toContain('404');
    expect(out.stderr).toContain(`--- last 50 log lines of the container ---\nserving on ${port}`);
    expect(result(project)[2]).toBe('fail');
  }, 60_000);

  it('fails at the timeout when the checks never pass within it', () => {
    const project = candidate('slow', [
      '--healthcheck',
      'CMD /bin/busybox false',
      '--healthcheck-interval',
      '1s',
      '--healthcheck-retries',
      '100',
      '--cmd',
      '/bin/busybox sleep 60',
    ]);
    const out = smoke(project, '3');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('smoke test failed: not healthy within 3 s');
    expect(result(project)[3]).toBe('not healthy within 3 s');
  }, 60_000);

  it('fails when the main process exits, with its status and log', () => {
    const project = candidate('exits', [
      '--healthcheck',
      'CMD /bin/busybox true',
      '--healthcheck-interval',
      '2s',
      '--cmd',
      '/bin/busybox sh -c "echo giving up; exit 3"',
    ]);
    const out = smoke(project, '30');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/the container's main process exited with status 3 after \d+ s/);
    expect(out.stderr).toContain('giving up');
  }, 60_000);

  it('fails when the image has no HEALTHCHECK', () => {
    const project = candidate('none', ['--cmd', '/bin/busybox sleep 5']);
    const out = smoke(project, '30');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('smoke test failed: the image has no HEALTHCHECK');
    expect(result(project)[3]).toBe('no HEALTHCHECK');
  }, 60_000);
});

describe('gitlabSmokeScript source', () => {
  it('replaces the archive source of smoke-buildah.sh by the staged candidate', () => {
    const script = gitlabSmokeScript(stepScripts, 'gates', '"docker://$DOCKYARD_STAGING@$digest"');
    expect(script).toContain(
      'ctr=$(buildah from --quiet --platform "$DOCKYARD_PLATFORM" "docker://$DOCKYARD_STAGING@$digest")',
    );
    expect(script).not.toContain('oci-archive:');
  });

  it('fails on a smoke-buildah.sh without its buildah from line', () => {
    expect(() => gitlabSmokeScript({ ...stepScripts, smokeBuildah: 'true' }, 'gates')).toThrow(
      'dockyard: smoke-buildah.sh lacks its buildah from line',
    );
  });
});
