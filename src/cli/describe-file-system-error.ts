import { isAbsolute, relative } from 'node:path';

/** The file-system error codes the CLI reports as one line instead of a stack trace, with their meaning. */
export const FILE_SYSTEM_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is not a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
};

const READS = new Set(['read', 'scandir', 'stat', 'lstat', 'opendir', 'readlink']);

/**
 * One line for a file-system error, e.g. `cannot write .github/workflows/dockyard.yml: permission denied (EACCES)`:
 * the path relative to `cwd` when inside it (the temporary sibling `<file>.dockyard-tmp-<pid>` the atomic writer
 * uses is named as its target), the problem and the code. `undefined` for anything else.
 *
 * @param cwd the directory paths are shown relative to.
 * @see https://nodejs.org/api/errors.html#common-system-errors
 */
export function describeFileSystemError(error: unknown, cwd: string): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !(e.code in FILE_SYSTEM_PROBLEMS)) return undefined;
  const raw = (e.path ?? '').replace(/\.dockyard-tmp-\d+$/, '');
  const shown =
    raw === ''
      ? '(unknown path)'
      : isAbsolute(raw) && !relative(cwd, raw).startsWith('..')
        ? relative(cwd, raw) || '.'
        : raw;
  const verb = READS.has(e.syscall ?? '') ? 'read' : 'write';
  return `cannot ${verb} ${shown}: ${FILE_SYSTEM_PROBLEMS[e.code]} (${e.code})`;
}
