import { PublishError } from '../repository-host.js';

/**
 * A GitHub repository's owner and name.
 *
 * @see https://docs.github.com/rest/repos/repos#get-a-repository
 */
export interface GithubRepoRef {
  readonly owner: string;
  readonly repo: string;
}

/**
 * Parse `OWNER/REPO` (GitHub's naming rules: letters, digits, `-`, `_`, `.`). Pure.
 *
 * @throws {PublishError} naming the value when it is not of that form.
 * @see https://docs.github.com/rest/repos/repos#get-a-repository
 */
export function parseGithubRepo(value: string): GithubRepoRef {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(value.trim());
  if (!match || match[2] === '.' || match[2] === '..')
    throw new PublishError(`--repo: expected OWNER/REPO (e.g. acme/api), got "${value}"`);
  return { owner: match[1], repo: match[2].replace(/\.git$/, '') };
}
