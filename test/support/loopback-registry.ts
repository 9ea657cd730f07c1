import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findExecutable } from '../../src/validate/run-process.js';

/** A static busybox (Debian's busybox-static): the whole image of the end-to-end tests, as no registry has base images here. */
export function findStaticBusybox(): string | undefined {
  return ['/bin/busybox', '/usr/bin/busybox'].find((p) => {
    const ldd = spawnSync('ldd', [p], { encoding: 'utf8' });
    return ldd.error === undefined && `${ldd.stdout}${ldd.stderr}`.includes('not a dynamic executable');
  });
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A distribution registry on 127.0.0.1 with its data, plus the containers config files that talk to it. */
export interface LoopbackRegistry {
  readonly port: number;
  /** `registries.conf` marking the registry insecure (plain HTTP). */
  readonly registriesConf: string;
  /** `storage.conf` with vfs storage under the work directory. */
  readonly storageConf: string;
  /** Directory with buildah/skopeo shims adding --tls-verify=false (put it first on PATH). */
  readonly shimDir: string;
  /** The registry's log (one line per request: method, URI, user agent, status). */
  readonly logFile: string;
  /** Where the registry keeps its data (`docker/registry/v2/repositories/…`). */
  readonly dataDir: string;
  /** Stop the registry (by PID). */
  stop(): void;
}

/**
 * Start Debian's docker-registry on 127.0.0.1 (a free port, data under `work`) and write the config files and
 * TLS shims the end-to-end tests need. Only loopback is ever contacted: `mirrors` lists image name prefixes
 * (e.g. `docker.io/library/busybox`) that registries.conf redirects to the same path in this registry.
 */
export async function startLoopbackRegistry(
  work: string,
  options: { mirrors?: readonly string[] } = {},
): Promise<LoopbackRegistry> {
  const port = await freePort();
  const shimDir = join(work, 'bin');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(
    join(work, 'registry.yml'),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${work}/registry-data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const registriesConf = join(work, 'registries.conf');
  // Each mirrored prefix (e.g. docker.io/library/busybox) is served by the loopback registry under the same path.
  const mirrors = (options.mirrors ?? []).map(
    (prefix) =>
      `[[registry]]\nprefix = "${prefix}"\nlocation = "127.0.0.1:${port}/${prefix.replace(/^[^/]+\//, '')}"\ninsecure = true\n`,
  );
  writeFileSync(
    registriesConf,
    [
      `unqualified-search-registries = []\n[[registry]]\nlocation = "127.0.0.1:${port}"\ninsecure = true\n`,
      ...mirrors,
    ].join(''),
  );
  const storageConf = join(work, 'storage.conf');
  writeFileSync(storageConf, `[storage]\ndriver = "vfs"\ngraphroot = "${work}/storage"\nrunroot = "${work}/run"\n`);
  const shim = (name: string, body: string) => {
    writeFileSync(join(shimDir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(shimDir, name), 0o755);
  };
  shim(
    'skopeo',
    'cmd=$1; shift\ncase $cmd in login|inspect) exec /usr/bin/skopeo "$cmd" --tls-verify=false "$@" ;; copy) exec /usr/bin/skopeo copy --src-tls-verify=false --dest-tls-verify=false "$@" ;; esac\nexec /usr/bin/skopeo "$cmd" "$@"',
  );
  shim(
    'buildah',
    'case "$1 $2" in "manifest add"|"manifest push") a=$1; b=$2; shift 2; exec /usr/bin/buildah "$a" "$b" --tls-verify=false "$@" ;; esac\ncase $1 in login) shift; exec /usr/bin/buildah login --tls-verify=false "$@" ;; esac\nexec /usr/bin/buildah "$@"',
  );
  const env = { ...process.env };
  delete env.REGISTRY_AUTH_FILE; // docker-registry maps REGISTRY_* variables onto its config
  const logFile = join(work, 'registry.log');
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(findExecutable('docker-registry')!, ['serve', join(work, 'registry.yml')], {
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  for (
    let i = 0;
    i < 50 &&
    !(await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    registriesConf,
    storageConf,
    shimDir,
    logFile,
    dataDir: join(work, 'registry-data'),
    stop: () => {
      if (child.pid) process.kill(child.pid);
    },
  };
}

/** The image config (labels…) and raw manifest of a reference in the loopback registry. */
export function inspectImage(ref: string): {
  raw: { manifests?: Array<{ digest: string; platform?: { architecture: string } }> };
  labels: Record<string, string>;
} {
  const raw = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`], {
    encoding: 'utf8',
  });
  if (raw.status !== 0) throw new Error(`skopeo inspect ${ref}: ${raw.stderr}`);
  const config = spawnSync('/usr/bin/skopeo', ['inspect', '--tls-verify=false', '--config', `docker://${ref}`], {
    encoding: 'utf8',
  });
  return {
    raw: JSON.parse(raw.stdout) as { manifests?: Array<{ digest: string; platform?: { architecture: string } }> },
    labels: (JSON.parse(config.stdout) as { config: { Labels?: Record<string, string> } }).config.Labels ?? {},
  };
}
