/**
 * One repository of a fleet file.
 *
 * @see https://docs.gitlab.com/api/rest/#namespaced-paths
 */
export interface FleetEntry {
  readonly platform: 'github' | 'gitlab';
  /** `owner/repo` (GitHub) or `group/project` (GitLab). */
  readonly path: string;
  /** Base branch; undefined: the repository's default branch. */
  readonly base?: string;
  /** The entry as written canonically: `github:owner/repo` or `gitlab:group/project`. */
  readonly id: string;
  /** 1-based line in the file. */
  readonly line: number;
}

/**
 * A fleet file that cannot be used; the message names the file, line, what was expected and what was found.
 *
 * @see https://docs.gitlab.com/api/rest/#namespaced-paths
 */
export class FleetFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FleetFileError';
  }
}

const ENTRY = /^(?:(github|gitlab):)?([^\s:]+)$/;
const GITHUB_PATH = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;
const GITLAB_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;
const BRANCH = /^[^\s~^:?*[\\]+$/;

/**
 * Parse a fleet file: one repository per line, `[github:|gitlab:]PATH [base=BRANCH]`; no prefix means GitHub;
 * blank lines and `#` comments are ignored. Pure.
 *
 * ```text
 * # platform team fleet
 * acme/api
 * github:acme/web base=develop
 * gitlab:acme/platform/worker
 * ```
 *
 * @param text the file's content.
 * @param fileName shown in errors.
 * @throws {FleetFileError} for a malformed line (`FILE:LINE: expected …, got "…"`), a repeated repository, or a
 *   file without any repository.
 * @see https://docs.github.com/rest/repos/repos#get-a-repository
 * @see https://docs.gitlab.com/api/rest/#namespaced-paths
 */
export function parseFleetFile(text: string, fileName: string): FleetEntry[] {
  const entries: FleetEntry[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return;
    const [target, ...options] = content.split(/\s+/);
    const match = ENTRY.exec(target);
    const platform = (match?.[1] ?? 'github') as FleetEntry['platform'];
    const path = match?.[2]?.replace(/\.git$/, '') ?? '';
    const valid = platform === 'github' ? GITHUB_PATH.test(path) : GITLAB_PATH.test(path);
    if (!match || !valid) {
      const expected = platform === 'gitlab' ? 'gitlab:GROUP/PROJECT' : '[github:]OWNER/REPO or gitlab:GROUP/PROJECT';
      throw new FleetFileError(`${fileName}:${line}: expected ${expected} [base=BRANCH], got "${raw.trim()}"`);
    }
    let base: string | undefined;
    for (const option of options) {
      const value = /^base=(.+)$/.exec(option)?.[1];
      if (value === undefined || !BRANCH.test(value))
        throw new FleetFileError(`${fileName}:${line}: expected base=BRANCH after the repository, got "${option}"`);
      base = value;
    }
    const id = `${platform}:${path}`;
    const first = seen.get(id.toLowerCase());
    if (first !== undefined)
      throw new FleetFileError(`${fileName}:${line}: ${id} is listed twice (first on line ${first})`);
    seen.set(id.toLowerCase(), line);
    entries.push({ platform, path, id, line, ...(base ? { base } : {}) });
  });
  if (entries.length === 0)
    throw new FleetFileError(`${fileName}: expected at least one repository (OWNER/REPO per line), got none`);
  return entries;
}
