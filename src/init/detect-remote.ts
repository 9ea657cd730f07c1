/** A git remote recognised as a GitHub or GitLab project. */
export interface DetectedRemote {
  readonly platform: 'github' | 'gitlab';
  /** The host, e.g. `github.com` or `gitlab.example.com`. */
  readonly host: string;
  /** `owner/name`; for GitLab, the full namespace path (`group/subgroup/name`). */
  readonly path: string;
}

/**
 * Recognise the output of `git remote get-url origin`: `https://host/owner/name(.git)`, `ssh://git@host[:port]/owner/name(.git)`
 * and the scp-like `git@host:owner/name(.git)`. `github.com` (and hosts containing `github`) are GitHub, hosts
 * containing `gitlab` are GitLab. Pure.
 *
 * @returns the remote, or `undefined` for other hosts, local paths and unparsable URLs.
 * @see https://git-scm.com/docs/git-clone#_git_urls
 */
export function parseGitRemote(url: string): DetectedRemote | undefined {
  const trimmed = url.trim();
  const match =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(trimmed) ??
    /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(trimmed);
  if (!match) return undefined;
  const host = match[1].toLowerCase();
  const path = match[2];
  if (!/^[^/]+(\/[^/]+)+$/.test(path)) return undefined;
  if (host.includes('github')) return path.split('/').length === 2 ? { platform: 'github', host, path } : undefined;
  if (host.includes('gitlab')) return { platform: 'gitlab', host, path };
  return undefined;
}
