import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A static busybox binary (Debian's busybox-static, installed by scripts/e2e-setup.sh), for scratch test images. */
export const STATIC_BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find(
  (path) => existsSync(path) && /statically linked/.test(spawnSync('file', [path], { encoding: 'utf8' }).stdout ?? ''),
);

/** Why real buildah tests cannot run here, or undefined when they can (buildah, root, a static busybox). */
export function buildahUnavailable(): string | undefined {
  if (spawnSync('buildah', ['--version']).status !== 0)
    return 'buildah is not installed (scripts/e2e-setup.sh installs it)';
  if (process.getuid?.() !== 0) return 'not running as root (buildah mount and chroot isolation need it)';
  if (!STATIC_BUSYBOX) return 'no static busybox binary (the busybox-static package)';
  return undefined;
}

/** A private container storage (vfs, chroot isolation) under `work`: the environment for buildah and the scripts. */
export function buildahSandbox(work: string): { env: Record<string, string>; buildah: (...args: string[]) => string } {
  mkdirSync(join(work, 'storage'), { recursive: true });
  const conf = join(work, 'storage.conf');
  writeFileSync(
    conf,
    `[storage]\ndriver = "vfs"\nrunroot = "${join(work, 'storage', 'run')}"\ngraphroot = "${join(work, 'storage', 'root')}"\n`,
  );
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    CONTAINERS_STORAGE_CONF: conf,
    STORAGE_DRIVER: 'vfs',
    BUILDAH_ISOLATION: 'chroot',
  };
  const buildah = (...args: string[]): string => {
    const run = spawnSync('buildah', args, { env, encoding: 'utf8', cwd: work });
    if (run.status !== 0) throw new Error(`buildah ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  };
  return { env, buildah };
}
