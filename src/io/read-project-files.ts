import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Read files of the project directory that exist (text, UTF-8); absent or unreadable ones map to `undefined`.
 *
 * @param paths paths relative to `dir`.
 */
export function readProjectFiles(dir: string, paths: readonly string[]): Record<string, string | undefined> {
  const files: Record<string, string | undefined> = {};
  for (const path of paths) {
    try {
      files[path] = readFileSync(resolve(dir, path), 'utf8');
    } catch {
      files[path] = undefined;
    }
  }
  return files;
}

/**
 * The URL of the `origin` remote (`git remote get-url origin`), `undefined` outside a git repository or
 * without an origin.
 *
 * @see https://git-scm.com/docs/git-remote#Documentation/git-remote.txt-emget-urlem
 */
export function readOriginUrl(dir: string): string | undefined {
  try {
    return (
      execFileSync('git', ['-C', dir, 'remote', 'get-url', 'origin'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}
