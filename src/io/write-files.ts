import { lstat, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A file to write: path relative to `root`, and its content. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

/** The infix of a temporary sibling: `<target>.dockyard-tmp-<pid>`. */
export const TEMP_INFIX = '.dockyard-tmp-';

/**
 * A path to write resolves outside the project root: absolute, with `..`, or through a symlinked directory
 * (e.g. a `.github` that links elsewhere). Nothing was written.
 */
export class UnsafeWritePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWritePathError';
  }
}

/**
 * Write several files all-or-nothing: every file is first written to a temporary sibling
 * (`<target>.dockyard-tmp-<pid>`), then the temporaries are renamed over their targets. If anything fails,
 * temporaries are removed and targets already replaced are restored to their previous content.
 *
 * Guarantees, precisely: each target is at any moment either its complete old or its complete new content
 * (`rename(2)` replaces a file atomically within one file system; see
 * https://pubs.opengroup.org/onlinepubs/9699919799/functions/rename.html). A process killed (SIGKILL, power loss)
 * between two renames cannot roll back: some targets are new, others old, and a temporary may remain. The next
 * call recovers: it first removes every `<target>.dockyard-tmp-<pid>` of its targets whose process `<pid>` is no
 * longer running, and `dockyard synth` rewrites the targets that are still old (`synth --check` reports them as
 * stale meanwhile). Durability across power loss (fsync) is not promised.
 *
 * Before writing, every target must resolve inside `root` once symlinks are followed: absolute paths, `..`
 * segments and symlinked parent directories that lead outside `root` are refused.
 *
 * @param root directory the paths are relative to (the project root).
 * @throws {UnsafeWritePathError} when a path leaves `root`; nothing is written.
 * @throws the first I/O error, after rolling back.
 */
export async function writeFilesAtomically(root: string, files: readonly FileToWrite[]): Promise<void> {
  const targets = await Promise.all(files.map((file) => resolveInsideRoot(root, file.path)));
  for (const target of new Set(targets.map(dirname))) await removeStaleTemporaries(target);
  const staged: Array<{ target: string; temp: string; previous: string | undefined }> = [];
  const done: typeof staged = [];
  try {
    for (const [i, file] of files.entries()) {
      const target = targets[i];
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}${TEMP_INFIX}${process.pid}`;
      const previous = await readFile(target, 'utf8').catch(() => undefined);
      staged.push({ target, temp, previous });
      await writeFile(temp, file.content, 'utf8');
    }
    for (const entry of staged) {
      await rename(entry.temp, entry.target);
      done.push(entry);
    }
  } catch (error) {
    await Promise.all(staged.map((e) => rm(e.temp, { force: true })));
    for (const entry of done.reverse()) {
      if (entry.previous === undefined) await rm(entry.target, { force: true });
      else await writeFile(entry.target, entry.previous, 'utf8');
    }
    throw error;
  }
}

/**
 * The absolute target of `path` under `root`, with `root` and the deepest existing ancestor of the target
 * resolved through symlinks (`realpath`), so a symlinked `.github` pointing out of the project is caught. A target
 * that is itself a symlink is refused too (the write would replace the link, the comparison reads its target).
 *
 * @throws {UnsafeWritePathError} naming the path, why it leaves the project and the project root.
 */
export async function resolveInsideRoot(root: string, path: string): Promise<string> {
  const realRoot = await realpath(resolve(root));
  const refuse = (why: string): never => {
    throw new UnsafeWritePathError(`refusing to write ${path}: ${why}; expected a path inside the project ${realRoot}`);
  };
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) refuse('it is an absolute path');
  const target = resolve(realRoot, path);
  if (!isInside(realRoot, target)) refuse('it leaves the project through ..');
  let existing = target;
  while (!(await exists(existing))) existing = dirname(existing);
  const stat = await lstat(existing);
  if (existing === target && stat.isSymbolicLink())
    refuse(`it is a symlink to ${await realpath(target).catch(() => 'a missing file')}`);
  const real = await realpath(existing);
  if (!isInside(realRoot, real))
    refuse(`${relative(realRoot, existing) || '.'} resolves to ${real} (a symlink out of the project)`);
  return join(real, relative(existing, target));
}

/**
 * Remove the temporaries (`<name>.dockyard-tmp-<pid>`) in `dir` that a killed `dockyard` left: those whose
 * `<pid>` is not a running process. Temporaries of running processes (another `synth` at work) are kept.
 *
 * @param isAlive whether a process id is running; default: `process.kill(pid, 0)` succeeds or fails with EPERM.
 * @returns the paths removed.
 * @see https://nodejs.org/api/process.html#processkillpid-signal (signal 0 tests for existence)
 */
export async function removeStaleTemporaries(
  dir: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = /\.dockyard-tmp-(\d+)$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
