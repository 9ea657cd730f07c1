/**
 * An in-memory git object store (blobs, trees, commits with real git object ids) and branches, as the mock
 * GitHub and GitLab servers keep them per repository.
 */
import { createHash } from 'node:crypto';

export interface TreeEntry {
  path: string;
  mode: '100644' | '100755' | '040000' | '120000';
  type: 'blob' | 'tree';
  sha: string;
}

export interface Person {
  name: string;
  email: string;
  date: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Person;
  committer: Person;
}

function hashObject(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

/** Fixed clock so object ids are reproducible. */
const DATE = '2026-01-05T10:00:00Z';

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, CommitObject>();
  /** Branch name to commit sha. */
  readonly branches = new Map<string, string>();

  addBlob(content: string | Buffer): string {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha = hashObject('blob', body);
    this.blobs.set(sha, body);
    return sha;
  }

  addTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : 1));
    const body = Buffer.concat(
      sorted.map((e) =>
        Buffer.concat([
          Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.path}\0`),
          Buffer.from(e.sha, 'hex'),
        ]),
      ),
    );
    const sha = hashObject('tree', body);
    this.trees.set(sha, sorted);
    return sha;
  }

  /** Add a commit object; `date` (ISO 8601, default a fixed clock) is both its author and committer date. */
  addCommit(
    tree: string,
    parents: string[],
    message: string,
    author: Omit<Person, 'date'>,
    committer: Omit<Person, 'date'> = author,
    date: string = DATE,
  ): CommitObject {
    const a = { ...author, date };
    const c = { ...committer, date };
    const seconds = Math.floor(Date.parse(date) / 1000);
    const text = [
      `tree ${tree}`,
      ...parents.map((p) => `parent ${p}`),
      `author ${a.name} <${a.email}> ${seconds} +0000`,
      `committer ${c.name} <${c.email}> ${seconds} +0000`,
      '',
      message,
    ].join('\n');
    const commit: CommitObject = {
      sha: hashObject('commit', Buffer.from(text)),
      tree,
      parents,
      message,
      author: a,
      committer: c,
    };
    this.commits.set(commit.sha, commit);
    return commit;
  }

  /** Flatten a tree to `path -> blob sha`. */
  filesOf(treeSha: string, prefix = ''): Map<string, string> {
    const out = new Map<string, string>();
    for (const e of this.trees.get(treeSha) ?? []) {
      if (e.type === 'tree') for (const [p, s] of this.filesOf(e.sha, `${prefix}${e.path}/`)) out.set(p, s);
      else out.set(`${prefix}${e.path}`, e.sha);
    }
    return out;
  }

  /** Build nested trees from `path -> blob sha` (blobs must exist). */
  treeFromFiles(files: ReadonlyMap<string, string>): string {
    const dirs = new Map<string, Map<string, string>>();
    const here: TreeEntry[] = [];
    for (const [path, sha] of files) {
      const [head, ...rest] = path.split('/');
      if (rest.length === 0) here.push({ path: head, mode: '100644', type: 'blob', sha });
      else {
        if (!dirs.has(head)) dirs.set(head, new Map());
        dirs.get(head)!.set(rest.join('/'), sha);
      }
    }
    for (const [dir, sub] of dirs) here.push({ path: dir, mode: '040000', type: 'tree', sha: this.treeFromFiles(sub) });
    return this.addTree(here);
  }

  /** Commit file changes (`null` deletes) on top of a branch (or create it from `from`) and move the branch. */
  commitFiles(
    branch: string,
    changes: Record<string, string | null>,
    message: string,
    author: Omit<Person, 'date'>,
    from?: string,
  ): CommitObject {
    const parentSha = this.branches.get(branch) ?? (from ? this.branches.get(from) : undefined);
    const files = parentSha ? this.filesOf(this.commits.get(parentSha)!.tree) : new Map<string, string>();
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path);
      else files.set(path, this.addBlob(content));
    }
    const commit = this.addCommit(this.treeFromFiles(files), parentSha ? [parentSha] : [], message, author);
    this.branches.set(branch, commit.sha);
    return commit;
  }

  /** The text of a file at the tip of a branch, or undefined. */
  readFile(branch: string, path: string): string | undefined {
    const sha = this.branches.get(branch);
    const blob = sha ? this.filesOf(this.commits.get(sha)!.tree).get(path) : undefined;
    return blob ? this.blobs.get(blob)!.toString('utf8') : undefined;
  }

  /** Whether `ancestor` is reachable from `sha` through parents. */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commits.get(s)?.parents ?? []));
    }
    return false;
  }
}
