import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A private Docker daemon (Debian's docker.io) with no bridge network, reachable only through its socket. */
export interface DockerDaemon {
  /** The daemon's socket as a `DOCKER_HOST` value (`unix:///tmp/…/docker.sock`), for scripts that run `docker`. */
  readonly host: string;
  /** Run the Debian docker client against this daemon. */
  docker(...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** Stop the daemon by PID and delete its data. */
  stop(): Promise<void>;
}

/** The Debian Docker daemon and client, when installed (scripts/e2e-setup.sh installs docker.io). */
export const DOCKERD = ['/usr/sbin/dockerd', '/usr/bin/docker'].every((p) => existsSync(p));

/**
 * Start dockerd with its own data root, exec root, socket and pidfile under a fresh directory in /tmp (unix
 * socket paths must stay short), with no bridge, no iptables and no userland proxy, and proxy variables that make
 * any accidental pull from a public registry fail at once. Containers must use `--network none` or `host`.
 *
 * @throws {Error} when the daemon does not answer within 20 s, with the end of its log.
 * @see https://docs.docker.com/reference/cli/dockerd/
 */
export async function startDockerDaemon(): Promise<DockerDaemon> {
  const dir = mkdtempSync('/tmp/dockyard-dockerd-');
  const socket = `unix://${join(dir, 'docker.sock')}`;
  const proxy = {
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: 'localhost,127.0.0.1,::1',
  };
  const args = [
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--host',
    socket,
    '--pidfile',
    join(dir, 'docker.pid'),
  ];
  const flags = [
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-forward=false',
    '--ip-masq=false',
    '--userland-proxy=false',
  ];
  const child: ChildProcess = spawn('/usr/sbin/dockerd', [...args, ...flags], {
    env: { ...process.env, ...proxy },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const docker = (...cmd: string[]) => {
    const run = spawnSync('/usr/bin/docker', ['-H', socket, ...cmd], {
      encoding: 'utf8',
      env: { ...process.env, ...proxy },
    });
    return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
  };
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (docker('version', '--format', '{{.Server.Version}}').status === 0) return { host: socket, docker, stop };
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  await stop();
  throw new Error(`dockerd did not start: ${log}`);
}
