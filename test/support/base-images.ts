import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoopbackRegistry } from './loopback-registry.js';

/**
 * Build a BusyBox base image from Debian's static busybox binaries (no registry has base images here) and
 * push it as a multi-platform image index to the loopback registry, e.g. as `library/busybox:1.35`, which
 * registries.conf serves for `docker.io/library/busybox:1.35`.
 *
 * @param binaries static busybox binary per architecture (`amd64`, `arm64`).
 * @returns the pushed reference.
 * @throws {Error} when buildah fails, with its output.
 */
export function publishBusyboxBase(
  work: string,
  registry: LoopbackRegistry,
  repository: string,
  binaries: Readonly<Record<string, string>>,
): string {
  const env = {
    ...process.env,
    CONTAINERS_REGISTRIES_CONF: registry.registriesConf,
    CONTAINERS_STORAGE_CONF: registry.storageConf,
    STORAGE_DRIVER: 'vfs',
    BUILDAH_FORMAT: 'oci',
  };
  const buildah = (...args: string[]): string => {
    const run = spawnSync('/usr/bin/buildah', args, { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`buildah ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  };
  const applets = spawnSync(Object.values(binaries)[0], ['--list-full'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  const ref = `127.0.0.1:${registry.port}/${repository}`;
  buildah('manifest', 'create', 'dockyard-e2e-base');
  for (const [arch, binary] of Object.entries(binaries)) {
    const rootfs = join(work, `base-${arch}`);
    mkdirSync(join(rootfs, 'bin'), { recursive: true });
    copyFileSync(binary, join(rootfs, 'bin', 'busybox'));
    chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
    for (const applet of applets) {
      if (applet === 'bin/busybox') continue;
      mkdirSync(join(rootfs, dirname(applet)), { recursive: true });
      symlinkSync('/bin/busybox', join(rootfs, applet));
    }
    mkdirSync(join(rootfs, 'etc'), { recursive: true });
    writeFileSync(
      join(rootfs, 'etc', 'passwd'),
      'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    );
    writeFileSync(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    mkdirSync(join(rootfs, 'tmp'), { mode: 0o1777 });
    chmodSync(join(rootfs, 'tmp'), 0o1777);
    const container = buildah('from', '--arch', arch, '--os', 'linux', 'scratch');
    buildah('copy', container, `${rootfs}/`, '/');
    buildah('config', '--arch', arch, '--os', 'linux', '--cmd', 'sh', container);
    buildah('commit', '--quiet', container, `localhost/dockyard-e2e-base-${arch}`);
    buildah('rm', container);
    buildah('manifest', 'add', 'dockyard-e2e-base', `containers-storage:localhost/dockyard-e2e-base-${arch}`);
  }
  buildah('manifest', 'push', '--all', '--tls-verify=false', 'dockyard-e2e-base', `docker://${ref}`);
  buildah('manifest', 'rm', 'dockyard-e2e-base');
  for (const arch of Object.keys(binaries)) buildah('rmi', `localhost/dockyard-e2e-base-${arch}`);
  return ref;
}
