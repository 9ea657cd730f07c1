/**
 * Response bodies of the mock GitHub server, built from the in-memory state and, for the large objects
 * (repository, pull request, label), from GitHub's own examples in `@octokit/openapi` with the fields that matter
 * replaced. Every body is validated against the description by the server.
 */
import { exampleOf } from './github-openapi.js';
import type { CommitObject, GitStore } from './git-store.js';

export interface MockPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
  labels: string[];
}

type Json = Record<string, unknown>;

export function repositoryBody(api: string, fullName: string, defaultBranch: string, push: boolean): Json {
  const [owner, name] = fullName.split('/');
  const repo = exampleOf<Json>('full-repository');
  Object.assign(repo, {
    name,
    full_name: fullName,
    default_branch: defaultBranch,
    has_discussions: false,
    url: `${api}/repos/${fullName}`,
    html_url: `https://github.test/${fullName}`,
  });
  repo.owner = { ...(repo.owner as Json), login: owner };
  repo.permissions = { admin: false, maintain: false, push, triage: push, pull: true };
  return repo;
}

export function refBody(api: string, fullName: string, branch: string, sha: string): Json {
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: `${api}/repos/${fullName}/git/refs/heads/${branch}`,
    object: { type: 'commit', sha, url: `${api}/repos/${fullName}/git/commits/${sha}` },
  };
}

export function commitBody(api: string, fullName: string, commit: CommitObject): Json {
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 8)}`,
    url: `${api}/repos/${fullName}/git/commits/${commit.sha}`,
    html_url: `https://github.test/${fullName}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: commit.tree, url: `${api}/repos/${fullName}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/repos/${fullName}/git/commits/${sha}`,
      html_url: `https://github.test/${fullName}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** A tree; `recursive` lists every path below it (subtrees too, with full paths), as GitHub does. */
export function treeBody(
  api: string,
  fullName: string,
  store: GitStore,
  sha: string,
  recursive = false,
  truncateOver = Number.POSITIVE_INFINITY,
): Json {
  const entries = (treeSha: string, prefix: string): Json[] =>
    (store.trees.get(treeSha) ?? []).flatMap((e) => [
      {
        path: `${prefix}${e.path}`,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        url: `${api}/repos/${fullName}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        ...(e.type === 'blob' ? { size: store.blobs.get(e.sha)?.length ?? 0 } : {}),
      },
      ...(recursive && e.type === 'tree' ? entries(e.sha, `${prefix}${e.path}/`) : []),
    ]);
  const tree = entries(sha, '');
  const truncated = recursive && tree.length > truncateOver;
  return {
    sha,
    url: `${api}/repos/${fullName}/git/trees/${sha}`,
    truncated,
    tree: truncated ? tree.slice(0, truncateOver) : tree,
  };
}

export function blobBody(api: string, fullName: string, sha: string, content: Buffer): Json {
  return {
    sha,
    node_id: `B_${sha.slice(0, 8)}`,
    size: content.length,
    url: `${api}/repos/${fullName}/git/blobs/${sha}`,
    content: content.toString('base64'),
    encoding: 'base64',
  };
}

export function labelBody(api: string, fullName: string, name: string, id: number): Json {
  const label = exampleOf<Json[]>('label-items')[0];
  return {
    ...label,
    id,
    node_id: `L_${id}`,
    name,
    url: `${api}/repos/${fullName}/labels/${encodeURIComponent(name)}`,
    default: false,
  };
}

function branchSide(fullName: string, branch: string, sha: string, repo: Json): Json {
  const [owner] = fullName.split('/');
  return { label: `${owner}:${branch}`, ref: branch, sha, user: repo.owner, repo };
}

/** A pull request: `full` (`pull-request`, from create/update) or simple (`pull-request-simple`, from list). */
export function pullBody(
  api: string,
  fullName: string,
  pull: MockPull,
  shas: { head: string; base: string },
  full: boolean,
  repository: Json,
): Json {
  const pr = full ? exampleOf<Json>('pull-request') : exampleOf<Json[]>('pull-request-simple-items')[0];
  const url = `${api}/repos/${fullName}/pulls/${pull.number}`;
  const html = `https://github.test/${fullName}/pull/${pull.number}`;
  Object.assign(pr, {
    id: 1000 + pull.number,
    node_id: `PR_${pull.number}`,
    number: pull.number,
    url,
    html_url: html,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    draft: pull.draft,
    locked: false,
    labels: pull.labels.map((name, i) => labelBody(api, fullName, name, i + 1)),
    requested_teams: [],
    requested_reviewers: [],
    assignees: [],
    assignee: null,
    milestone: null,
    merged_at: null,
    closed_at: null,
    head: branchSide(fullName, pull.head, shas.head, repository),
    base: branchSide(fullName, pull.base, shas.base, repository),
  });
  if (full)
    Object.assign(pr, {
      merged: false,
      mergeable: null,
      rebaseable: null,
      merged_by: null,
      commits: 1,
      changed_files: 1,
    });
  return pr;
}
