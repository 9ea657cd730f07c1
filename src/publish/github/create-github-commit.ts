import type { BotIdentity } from '../remote-state.js';
import type { FileToCommit } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * What {@link createGithubCommit} commits.
 *
 * @see https://docs.github.com/rest/git/commits#create-a-commit
 */
export interface GithubCommitInput {
  /** The parent commit (the base head) and its tree. */
  readonly parentSha: string;
  readonly parentTreeSha: string;
  readonly files: readonly FileToCommit[];
  readonly message: string;
  readonly identity: BotIdentity;
}

/**
 * Create one commit with the given files on top of a parent, without moving any branch: a tree on the parent's
 * tree with the files inline (`POST /repos/{owner}/{repo}/git/trees`, mode `100644`), then the commit
 * (`POST .../git/commits`) authored and committed by `identity`.
 *
 * @returns the new commit's sha.
 * @throws {import('../repository-host.js').PublishError} on any API error (403: no Contents write permission).
 * @see https://docs.github.com/rest/git/trees#create-a-tree
 * @see https://docs.github.com/rest/git/commits#create-a-commit
 */
export async function createGithubCommit(
  octokit: GithubClient,
  ref: GithubRepoRef,
  input: GithubCommitInput,
): Promise<string> {
  const repository = `${ref.owner}/${ref.repo}`;
  const { data: tree } = await callGithub('create the tree', repository, () =>
    octokit.rest.git.createTree({
      ...ref,
      base_tree: input.parentTreeSha,
      tree: input.files.map((f) => ({
        path: f.path,
        mode: '100644' as const,
        type: 'blob' as const,
        content: f.content,
      })),
    }),
  );
  const person = { name: input.identity.name, email: input.identity.email };
  const { data: commit } = await callGithub('create the commit', repository, () =>
    octokit.rest.git.createCommit({
      ...ref,
      message: input.message,
      tree: tree.sha,
      parents: [input.parentSha],
      author: person,
      committer: person,
    }),
  );
  return commit.sha;
}
