import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { TemplateLanguage } from '../../src/init/detect-language.js';

/*
 * Stand-ins for the base images of the Dockerfile templates (node:<major>-alpine, python:<minor>-slim,
 * golang:<minor>-alpine). No registry with base images is reachable here, so each stand-in is assembled from
 * what Debian installs on this machine: Debian's static busybox as the userland, plus the host's own runtime
 * with the shared libraries ldd lists. They carry what the real images carry that the templates use (the
 * `node` user, `python` and venv with pip, groupadd/useradd, the Go toolchain with GOPATH=/go, CA
 * certificates), at the host's runtime versions, which are also the tags (the test project pins them).
 */

/** A built stand-in base image. */
export interface StandInBase {
  readonly language: TemplateLanguage;
  /** The reference the template's FROM line resolves to, e.g. `docker.io/library/node:20-alpine`. */
  readonly ref: string;
  /** The version in the tag (`20`, `3.11`, `1.19`): the template's NODE_VERSION, PYTHON_VERSION or GO_VERSION. */
  readonly tagVersion: string;
  /** What it holds, for reports, e.g. `Node.js 20.20.2, npm 10.8.2 (host)`. */
  readonly runtime: string;
}

/** Debian's Go toolchain (golang-go: /usr/lib/go-1.19 on Debian 12). */
const GO_ROOT = spawnSync('/usr/bin/go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout?.trim() || '/usr/lib/go-1.19';

/** The host runtimes the stand-ins are made of, with their versions; `missing` names what is not installed. */
export interface HostRuntimes {
  readonly node: { full: string; tag: string; npmDir: string };
  readonly python?: { binary: string; full: string; tag: string };
  readonly go?: { root: string; full: string; tag: string };
  readonly missing: readonly string[];
}

function run(command: string, args: readonly string[], options: { cwd?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr ?? result.error?.message}`);
  return result.stdout;
}

/** Find the host runtimes (Node.js running this test with its npm, Debian 12's python3.11, Debian's Go toolchain), without throwing. */
export function findHostRuntimes(): HostRuntimes {
  const missing: string[] = [];
  const npmCli = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' }).stdout.trim();
  const npmDir = dirname(dirname(npmCli));
  if (!existsSync(join(npmDir, 'package.json'))) missing.push('npm');
  const node = { full: process.versions.node, tag: process.versions.node.split('.')[0], npmDir };
  const pythonBinary = '/usr/bin/python3.11';
  const venvReady = existsSync('/usr/lib/python3.11/ensurepip') && existsSync('/usr/share/python-wheels');
  const passwdTools = existsSync('/usr/sbin/useradd') && existsSync('/usr/sbin/groupadd');
  const python =
    existsSync(pythonBinary) && venvReady && passwdTools
      ? {
          binary: pythonBinary,
          full: spawnSync(pythonBinary, ['-c', 'import platform; print(platform.python_version())'], {
            encoding: 'utf8',
          }).stdout.trim(),
          tag: '3.11',
        }
      : undefined;
  if (!python) missing.push('python3.11 with venv (python3, python3-venv) and useradd (passwd)');
  const goVersion = existsSync(`${GO_ROOT}/VERSION`)
    ? readFileSync(`${GO_ROOT}/VERSION`, 'utf8').trim().replace(/^go/, '')
    : undefined;
  const go =
    goVersion && existsSync('/etc/ssl/certs/ca-certificates.crt')
      ? { root: GO_ROOT, full: goVersion, tag: goVersion.split('.').slice(0, 2).join('.') }
      : undefined;
  if (!go) missing.push('Go (golang-go) and CA certificates (ca-certificates)');
  return { node, python, go, missing };
}

/** Copy a host file to the same or another path in `root`, following symlinks. */
function copyFile(root: string, source: string, target = source, mode?: number): void {
  mkdirSync(dirname(join(root, target)), { recursive: true });
  copyFileSync(realpathSync(source), join(root, target));
  if (mode !== undefined) chmodSync(join(root, target), mode);
}

/** Copy each dynamically linked ELF file's shared libraries (as ldd resolves them) to the same paths in `root`. */
function copyLibraries(root: string, binaries: readonly string[]): void {
  if (binaries.length === 0) return;
  const ldd = spawnSync('ldd', binaries, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).stdout;
  const libraries = new Set<string>();
  for (const line of ldd.split('\n')) {
    const path = /=>\s+(\/\S+)/.exec(line)?.[1] ?? /^\s+(\/\S+)\s+\(/.exec(line)?.[1];
    if (path) libraries.add(path);
  }
  for (const library of libraries) if (!existsSync(join(root, library))) copyFile(root, library);
}

/** The ELF files under a directory of `root` (to feed {@link copyLibraries}). */
function findElfFiles(root: string, dir: string): string[] {
  const listed = run('find', [join(root, dir), '-type', 'f', '(', '-perm', '-u+x', '-o', '-name', '*.so', ')'])
    .split('\n')
    .filter(Boolean);
  return listed.filter((file) => readFileSync(file).subarray(0, 4).toString('latin1') === '\x7fELF');
}

/** Copy a host directory tree (symlinks inside it kept) to `target` in `root`, leaving out tar `--exclude` patterns. */
function copyTree(root: string, source: string, target: string, excludes: readonly string[] = []): void {
  mkdirSync(join(root, target), { recursive: true });
  const pack = spawnSync(
    'tar',
    ['-C', realpathSync(source), ...excludes.map((e) => `--exclude=${e}`), '-cf', '-', '.'],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  if (pack.status !== 0) throw new Error(`tar ${source}: ${pack.stderr.toString()}`);
  const unpack = spawnSync('tar', ['-C', join(root, target), '-xf', '-'], { input: pack.stdout });
  if (unpack.status !== 0) throw new Error(`untar ${source}: ${unpack.stderr.toString()}`);
}

/** Debian's static busybox with a symlink per applet, less `omit` (applets the real image does not have). */
function addBusybox(root: string, busybox: string, omit: readonly string[]): void {
  copyFile(root, busybox, '/bin/busybox', 0o755);
  for (const applet of run(busybox, ['--list-full']).split('\n').filter(Boolean)) {
    if (applet === 'bin/busybox' || omit.includes(applet.split('/').pop()!) || existsSync(join(root, applet))) continue;
    mkdirSync(join(root, dirname(applet)), { recursive: true });
    symlinkSync('/bin/busybox', join(root, applet));
  }
  for (const dir of ['tmp', 'root', 'etc', 'var/tmp']) mkdirSync(join(root, dir), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  chmodSync(join(root, 'var/tmp'), 0o1777);
  chmodSync(join(root, 'root'), 0o700);
}

function writeAccounts(root: string, users: readonly string[], groups: readonly string[]): void {
  writeFileSync(
    join(root, 'etc/passwd'),
    ['root:x:0:0:root:/root:/bin/sh', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin', ...users, ''].join(
      '\n',
    ),
  );
  writeFileSync(join(root, 'etc/group'), ['root:x:0:', 'nogroup:x:65534:', ...groups, ''].join('\n'));
}

/** node:<major>-alpine: node and npm in /usr/local, the `node` user (1000:1000, home /home/node). */
function populateNode(root: string, runtimes: HostRuntimes): { env: string[]; runtime: string } {
  copyFile(root, process.execPath, '/usr/local/bin/node', 0o755);
  copyTree(root, runtimes.node.npmDir, '/usr/local/lib/node_modules/npm', ['./docs', './man']);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(root, 'usr/local/bin/npx'));
  copyLibraries(root, [process.execPath]);
  writeAccounts(root, ['node:x:1000:1000:Linux User,,,:/home/node:/bin/sh'], ['node:x:1000:node']);
  mkdirSync(join(root, 'home/node'), { recursive: true });
  chownSync(join(root, 'home/node'), 1000, 1000);
  const npm = (JSON.parse(readFileSync(join(runtimes.node.npmDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  return { env: [`NODE_VERSION=${runtimes.node.full}`], runtime: `Node.js ${runtimes.node.full}, npm ${npm}` };
}

/** python:<minor>-slim: Debian's python3.11 (stdlib, venv with the pip and setuptools wheels), `python` in /usr/local/bin, groupadd/useradd. */
function populatePython(root: string, runtimes: HostRuntimes): { env: string[]; runtime: string } {
  const python = runtimes.python!;
  copyFile(root, python.binary, '/usr/bin/python3.11', 0o755);
  copyTree(root, '/usr/lib/python3.11', '/usr/lib/python3.11', [
    './config-3.11-*',
    './test',
    './idlelib',
    './tkinter',
    './turtledemo',
    './sitecustomize.py',
    './site-packages',
    './dist-packages',
  ]);
  copyTree(root, '/usr/share/python-wheels', '/usr/share/python-wheels');
  mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
  for (const name of ['python3', 'python']) symlinkSync('/usr/bin/python3.11', join(root, 'usr/local/bin', name));
  symlinkSync('python3.11', join(root, 'usr/bin/python3'));
  for (const tool of ['/usr/sbin/groupadd', '/usr/sbin/useradd']) copyFile(root, tool, tool, 0o755);
  for (const file of ['/etc/login.defs', '/etc/default/useradd']) if (existsSync(file)) copyFile(root, file);
  copyLibraries(root, [
    python.binary,
    '/usr/sbin/groupadd',
    '/usr/sbin/useradd',
    ...findElfFiles(root, 'usr/lib/python3.11/lib-dynload'),
  ]);
  writeAccounts(root, [], []);
  writeFileSync(join(root, 'etc/shadow'), 'root:*::0:99999:7:::\nnobody:*::0:99999:7:::\n', { mode: 0o640 });
  writeFileSync(join(root, 'etc/gshadow'), 'root:*::\nnogroup:*::\n', { mode: 0o640 });
  // Debian images carry these (empty): useradd writes a record at offset uid × record size unless --no-log-init.
  mkdirSync(join(root, 'var/log'), { recursive: true });
  for (const file of ['lastlog', 'faillog']) writeFileSync(join(root, 'var/log', file), '');
  for (const file of ['subuid', 'subgid']) writeFileSync(join(root, 'etc', file), '');
  return {
    env: ['LANG=C.UTF-8', `PYTHON_VERSION=${python.full}`],
    runtime: `Python ${python.full} (Debian), pip/setuptools wheels for venv`,
  };
}

/** golang:<minor>-alpine: the Go toolchain in /usr/local/go (no docs, tests, testdata or cmd sources), GOPATH=/go, CA certificates. */
function populateGo(root: string, runtimes: HostRuntimes): { env: string[]; runtime: string } {
  const go = runtimes.go!;
  copyFile(root, join(go.root, 'VERSION'), '/usr/local/go/VERSION');
  copyTree(root, join(go.root, 'bin'), '/usr/local/go/bin');
  copyTree(root, join(go.root, 'pkg/tool'), '/usr/local/go/pkg/tool', [
    './linux_amd64/pprof',
    './linux_amd64/trace',
    './linux_amd64/api',
    './linux_amd64/doc',
    './linux_amd64/objdump',
  ]);
  copyTree(root, join(go.root, 'pkg/linux_amd64'), '/usr/local/go/pkg/linux_amd64', ['./cmd']);
  copyTree(root, join(go.root, 'pkg/include'), '/usr/local/go/pkg/include');
  copyTree(root, join(go.root, 'src'), '/usr/local/go/src', ['./cmd', 'testdata', '*_test.go']);
  copyLibraries(root, [...findElfFiles(root, 'usr/local/go/bin'), ...findElfFiles(root, 'usr/local/go/pkg/tool')]);
  copyFile(root, '/etc/ssl/certs/ca-certificates.crt');
  for (const dir of ['go/src', 'go/bin']) {
    mkdirSync(join(root, dir), { recursive: true });
    chmodSync(join(root, dir), 0o1777);
  }
  writeAccounts(root, [], []);
  return {
    env: ['GOPATH=/go', `PATH=/go/bin:/usr/local/go/bin:${DEFAULT_PATH}`, `GOLANG_VERSION=${go.full}`],
    runtime: `Go ${go.full} (Debian toolchain)`,
  };
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The reference each template's FROM line resolves to for a version. */
export function standInReference(language: TemplateLanguage, tagVersion: string): string {
  return {
    node: `docker.io/library/node:${tagVersion}-alpine`,
    python: `docker.io/library/python:${tagVersion}-slim`,
    go: `docker.io/library/golang:${tagVersion}-alpine`,
  }[language];
}

/**
 * Build one stand-in base image into the container storage `buildah` works on (as root: it writes into the
 * mounted root file system), tagged as the template's FROM line resolves with the host runtime's version. An
 * image of that name whose label `dockyard.stand-in` equals `key` is reused instead (a cache across runs).
 *
 * @param buildah runs buildah in the sandbox (see test/support/buildah-sandbox.ts) and returns its stdout; throws on failure.
 * @param key identifies the inputs (e.g. a hash of this file and the runtime versions).
 * @throws {Error} when a host runtime is missing or a copy or buildah fails.
 */
export function buildStandInBase(
  language: TemplateLanguage,
  runtimes: HostRuntimes,
  busybox: string,
  buildah: (...args: string[]) => string,
  key: string,
): StandInBase {
  const tagVersion = { node: runtimes.node.tag, python: runtimes.python?.tag, go: runtimes.go?.tag }[language];
  if (!tagVersion)
    throw new Error(`no host runtime for the ${language} stand-in (missing: ${runtimes.missing.join(', ')})`);
  const ref = standInReference(language, tagVersion);
  const labels = inspectLabels(buildah, ref);
  if (labels?.['dockyard.stand-in'] === key)
    return { language, ref, tagVersion, runtime: labels['dockyard.stand-in.runtime'] ?? '' };
  const container = buildah('from', '--pull=never', 'scratch');
  try {
    const root = buildah('mount', container);
    addBusybox(
      root,
      busybox,
      language === 'python' ? ['wget', 'nc', 'ftpget', 'ftpput', 'httpd', 'tftp', 'telnet'] : [],
    );
    const { env, runtime } = { node: populateNode, python: populatePython, go: populateGo }[language](root, runtimes);
    const envFlags = [...(env.some((e) => e.startsWith('PATH=')) ? [] : [`PATH=${DEFAULT_PATH}`]), ...env].flatMap(
      (e) => ['--env', e],
    );
    const workdir = language === 'go' ? ['--workingdir', '/go'] : [];
    const cmd = { node: 'node', python: 'python3', go: '/bin/sh' }[language];
    buildah(
      'config',
      '--os',
      'linux',
      '--arch',
      'amd64',
      ...envFlags,
      ...workdir,
      '--cmd',
      cmd,
      '--label',
      `dockyard.stand-in=${key}`,
      '--label',
      `dockyard.stand-in.runtime=${runtime}`,
      container,
    );
    buildah('umount', container);
    buildah('commit', '--quiet', container, ref);
    return { language, ref, tagVersion, runtime };
  } finally {
    buildah('rm', container);
  }
}

/** The labels of a local image, or undefined when there is no such image. */
function inspectLabels(buildah: (...args: string[]) => string, ref: string): Record<string, string> | undefined {
  try {
    return (
      (
        JSON.parse(buildah('inspect', '--type', 'image', ref)) as {
          OCIv1: { config?: { Labels?: Record<string, string> } };
        }
      ).OCIv1.config?.Labels ?? {}
    );
  } catch {
    return undefined;
  }
}
