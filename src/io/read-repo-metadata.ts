import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GithubRepoData } from '../tags/github-context.js';

/**
 * Repository metadata of a working directory, for `dockyard meta --input` cases without `repo`: the name and
 * URL from git's `origin` remote (or the directory name), the default branch from `origin/HEAD` (else `main`),
 * the description and license from package.json when there is one.
 *
 * @see https://git-scm.com/docs/git-config#Documentation/git-config.txt-remoteltnamegturl
 */
export function readRepoMetadata(dir: string): GithubRepoData {
  const git = (...args: string[]): string | undefined => {
    try {
      return (
        execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
        undefined
      );
    } catch {
      return undefined;
    }
  };
  const remote = git('config', '--get', 'remote.origin.url');
  const path = remote ? /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(remote)?.[1] : undefined;
  const host = remote
    ? (/^[a-z+]+:\/\/(?:[^@/]+@)?([^/:]+)/.exec(remote)?.[1] ?? /^[^@]+@([^:]+):/.exec(remote)?.[1])
    : undefined;
  const pkg = existsSync(join(dir, 'package.json'))
    ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { description?: string; license?: string })
    : {};
  const name = path?.split('/')[1] ?? basename(dir);
  return {
    name,
    full_name: path ?? name,
    description: pkg.description ?? '',
    html_url: path && host ? `https://${host}/${path}` : '',
    license: pkg.license ?? '',
    default_branch: git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD')?.replace(/^origin\//, '') ?? 'main',
  };
}
