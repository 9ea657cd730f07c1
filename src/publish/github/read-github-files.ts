import type { RemoteFile, RemoteFiles } from '../remote-state.js';
import type { GithubClient } from './create-github-client.js';
import { callGithub } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

type TreeEntries = ReadonlyMap<string, { readonly type: string; readonly sha: string }>;

/**
 * Files at a tree, by path: walks only the directories on the way to each path
 * (`GET /repos/{owner}/{repo}/git/trees/{tree_sha}`, non-recursive, so large repositories cost a few small
 * requests) and, when `withContent`, downloads each blob (`GET .../git/blobs/{file_sha}`, base64). Paths that do
 * not exist, or are not regular files, map to undefined.
 *
 * @param rootTreeSha the commit's tree.
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 * @see https://docs.github.com/rest/git/blobs#get-a-blob
 */
export async function readGithubFiles(octokit: GithubClient, ref: GithubRepoRef, rootTreeSha: string, paths: readonly string[], withContent: boolean): Promise<RemoteFiles> {
  const repository = `${ref.owner}/${ref.repo}`;
  const trees = new Map<string, Promise<TreeEntries>>();
  const readTree = (sha: string): Promise<TreeEntries> => {
    let tree = trees.get(sha);
    if (!tree) {
      tree = callGithub(`read tree ${sha.slice(0, 12)}`, repository, () => octokit.rest.git.getTree({ ...ref, tree_sha: sha })).then(
        ({ data }) => new Map(data.tree.map((e) => [e.path ?? '', { type: e.mode === '120000' ? 'symlink' : (e.type ?? ''), sha: e.sha ?? '' }])),
      );
      trees.set(sha, tree);
    }
    return tree;
  };
  const files = new Map<string, RemoteFile | undefined>();
  for (const path of paths) {
    const parts = path.split('/');
    let treeSha: string | undefined = rootTreeSha;
    for (const dir of parts.slice(0, -1)) {
      const entry: { type: string; sha: string } | undefined = treeSha ? (await readTree(treeSha)).get(dir) : undefined;
      treeSha = entry?.type === 'tree' ? entry.sha : undefined;
    }
    const entry = treeSha ? (await readTree(treeSha)).get(parts.at(-1) ?? '') : undefined;
    if (entry?.type !== 'blob') {
      files.set(path, undefined);
      continue;
    }
    if (!withContent) {
      files.set(path, { blobSha: entry.sha });
      continue;
    }
    const { data } = await callGithub(`read ${path}`, repository, () => octokit.rest.git.getBlob({ ...ref, file_sha: entry.sha }));
    const content = data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
    files.set(path, { blobSha: entry.sha, content });
  }
  return files;
}
