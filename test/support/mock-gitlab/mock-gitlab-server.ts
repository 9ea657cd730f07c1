/**
 * A GitLab REST API stand-in on 127.0.0.1 for the publish tests: projects, branches, commits (including the
 * multi-file commit with `start_sha`/`force`), repository files, merge requests and the token's user over
 * in-memory repositories. Requests and responses are checked against the documented shapes in
 * `gitlab-api-schemas.ts`; problems are collected in `violations` and an invalid request is answered 400.
 *
 * Commits made through the Commits API behave as on GitLab (Gitaly's UserCommitFiles): the committer is the
 * token's user with its commit email, the author is `author_name`/`author_email` only when both are given (else
 * the token's user too), and both dates are the current time, so two equal requests make two different commits.
 * @see https://gitlab.com/gitlab-org/gitaly/-/blob/master/internal/gitaly/service/operations/commit_files.go
 *
 * Faults: `intercept` answers a request instead of the mock (e.g. 429 with `retry-after`, a 500 before anything
 * happens); `interceptAfter` replaces the answer after the mock handled it (a 500 after the commit was made).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackMockServer } from '../loopback-http.js';
import { GitStore, type CommitObject } from '../mock-github/git-store.js';
import { checkShape, ERROR_SCHEMA, matchGitlabRoute, typedQuery } from './gitlab-api-schemas.js';

export interface MockMergeRequest {
  iid: number;
  title: string;
  description: string;
  source: string;
  target: string;
  state: 'opened' | 'closed' | 'merged';
  labels: string[];
}

export interface MockGitlabProject {
  readonly id: number;
  readonly store: GitStore;
  defaultBranch: string;
  readonly mergeRequests: MockMergeRequest[];
  readonly protectedBranches: Set<string>;
  /** Pipelines created through the trigger API. */
  readonly pipelines: Array<{ readonly id: number; readonly ref: string; readonly variables: Record<string, string> }>;
}

/** The user a token belongs to, as `GET /user` shows it (a project access token's bot user by default). */
export interface MockGitlabUser {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly commit_email: string;
}

/** The default token's user: a project access token's bot user, as GitLab names them. */
export const TOKEN_USER: MockGitlabUser = {
  id: 71,
  username: 'project_1_bot_5f2a',
  name: 'dockyard-publisher',
  email: 'project_1_bot_5f2a@noreply.gitlab.test',
  commit_email: 'project_1_bot_5f2a@noreply.gitlab.test',
};

export interface GitlabRequest {
  readonly method: string;
  /** Milliseconds since the epoch when the request arrived. */
  readonly at: number;
  readonly path: string;
  readonly route: string;
  readonly status: number;
  readonly body?: unknown;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const HUMAN = { name: 'Ada Lovelace', email: 'ada@example.com' };

export class MockGitlab extends LoopbackMockServer {
  readonly projects = new Map<string, MockGitlabProject>();
  readonly requests: GitlabRequest[] = [];
  readonly violations: string[] = [];
  /** Valid `PRIVATE-TOKEN`s and their users. */
  readonly tokens = new Map<string, MockGitlabUser>([['glpat-dockyard-test', TOKEN_USER]]);
  /** Pipeline trigger tokens (`glptt-…`), valid for every project of the mock. */
  readonly triggerTokens = new Set(['glptt-dockyard-test']);
  /** The `content-type` of each request, in order (the trigger API takes form fields). */
  readonly contentTypes: Array<string | undefined> = [];
  /** Whether each request carried a `PRIVATE-TOKEN` header, in order. */
  readonly privateTokenSent: boolean[] = [];
  intercept: ((r: { method: string; route: string; project: string }) => Reply | undefined) | undefined;
  interceptAfter:
    ((r: { method: string; route: string; project: string }, reply: Reply) => Reply | undefined) | undefined;

  addProject(path: string, files: Record<string, string>, defaultBranch = 'main'): MockGitlabProject {
    const project: MockGitlabProject = {
      id: this.projects.size + 1,
      store: new GitStore(),
      defaultBranch,
      mergeRequests: [],
      protectedBranches: new Set(),
      pipelines: [],
    };
    project.store.commitFiles(defaultBranch, files, 'Initial commit', HUMAN);
    this.projects.set(path, project);
    return project;
  }

  mutations(): GitlabRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'];
    this.contentTypes.push(type);
    this.privateTokenSent.push(req.headers['private-token'] !== undefined);
    // JSON bodies, or form fields (multipart or urlencoded, as gitbeaker sends `variables[KEY]`).
    const form = /^(multipart\/form-data|application\/x-www-form-urlencoded)/.test(type ?? '');
    const body: unknown =
      raw.length === 0
        ? undefined
        : form
          ? Object.fromEntries(
              [...(await new Response(raw, { headers: { 'content-type': type! } }).formData())].map(([k, v]) => [
                k,
                String(v),
              ]),
            )
          : JSON.parse(raw.toString('utf8'));
    // Paths keep %2F inside ids and file paths, as GitLab requires.
    const match = matchGitlabRoute(method, url.pathname);
    let reply: Reply;
    if (!match) {
      this.violations.push(`${method} ${url.pathname}: not a route of the documented table`);
      reply = { status: 404, body: { error: '404 Not Found' } };
    } else {
      const problems = [
        ...(match.route.query
          ? checkShape(match.route.query, typedQuery(match.route, url.searchParams), `${match.route.name} query`)
          : url.search
            ? [`${match.route.name}: takes no query`]
            : []),
        ...(match.route.body
          ? checkShape(match.route.body, body ?? {}, `${match.route.name} body`)
          : body !== undefined
            ? [`${match.route.name}: takes no body`]
            : []),
      ];
      this.violations.push(...problems);
      if (problems.length > 0) reply = { status: 400, body: { message: problems.join('; ') } };
      else if (match.route.auth === 'trigger-token') {
        const r = { method, route: match.route.name, project: match.params.id };
        reply = this.intercept?.(r) ?? this.trigger(match.params.id, url, (body ?? {}) as Record<string, string>);
        reply = this.interceptAfter?.(r, reply) ?? reply;
      } else if (req.headers['private-token'] === undefined || !this.tokens.has(String(req.headers['private-token'])))
        reply = { status: 401, body: { message: '401 Unauthorized' } };
      else {
        const r = { method, route: match.route.name, project: match.params.id ?? '' };
        const user = this.tokens.get(String(req.headers['private-token']))!;
        reply =
          this.intercept?.(r) ?? this.route(match.route.name, match.params, url, body as Record<string, unknown>, user);
        reply = this.interceptAfter?.(r, reply) ?? reply;
      }
      const schema = reply.status < 300 ? match.route.response : ERROR_SCHEMA;
      this.violations.push(...checkShape(schema, reply.body, `${match.route.name} response ${reply.status}`));
    }
    this.requests.push({
      method,
      at,
      path: url.pathname + url.search,
      route: match?.route.name ?? '(unknown)',
      status: reply.status,
      body,
    });
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  /** `POST /projects/:id/trigger/pipeline`, answered as GitLab does: 404 for an unknown project or token, 400 for an unknown ref. */
  private trigger(path: string, url: URL, body: Record<string, string>): Reply {
    const p = this.projects.get(path);
    if (!p || !this.triggerTokens.has(url.searchParams.get('token') ?? ''))
      return { status: 404, body: { message: '404 Not Found' } };
    const ref = url.searchParams.get('ref')!;
    const sha = p.store.branches.get(ref);
    if (!sha) return { status: 400, body: { message: { base: ['Reference not found'] } } };
    const variables = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k.replace(/^variables\[(.*)\]$/, '$1'), v]),
    );
    const id = 9000 + p.pipelines.length;
    p.pipelines.push({ id, ref, variables });
    return {
      status: 201,
      body: {
        id,
        iid: p.pipelines.length,
        project_id: p.id,
        sha,
        ref,
        status: 'created',
        source: 'trigger',
        web_url: `https://gitlab.test/${path}/-/pipelines/${id}`,
        created_at: '2026-11-22T17:00:00.000Z',
      },
    };
  }

  private commitJson(path: string, c: CommitObject): Record<string, unknown> {
    return {
      id: c.sha,
      short_id: c.sha.slice(0, 8),
      title: c.message.split('\n')[0],
      message: c.message,
      author_name: c.author.name,
      author_email: c.author.email,
      authored_date: c.author.date,
      committer_name: c.committer.name,
      committer_email: c.committer.email,
      committed_date: c.committer.date,
      parent_ids: c.parents,
      created_at: c.committer.date,
      web_url: `https://gitlab.test/${path}/-/commit/${c.sha}`,
    };
  }

  private mrJson(path: string, p: MockGitlabProject, mr: MockMergeRequest): Record<string, unknown> {
    return {
      id: 500 + mr.iid,
      iid: mr.iid,
      project_id: p.id,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      source_branch: mr.source,
      target_branch: mr.target,
      web_url: `https://gitlab.test/${path}/-/merge_requests/${mr.iid}`,
      draft: mr.title.startsWith('Draft:'),
      labels: mr.labels,
      sha: p.store.branches.get(mr.source) ?? null,
    };
  }

  private route(
    name: string,
    params: Record<string, string>,
    url: URL,
    body: Record<string, unknown>,
    user: MockGitlabUser,
  ): Reply {
    if (name === 'get current user')
      return {
        status: 200,
        body: {
          ...user,
          state: 'active',
          bot: user.username.includes('_bot_'),
          web_url: `https://gitlab.test/${user.username}`,
        },
      };
    const path = params.id;
    const p = this.projects.get(path);
    const notFound = (what: string): Reply => ({ status: 404, body: { message: `404 ${what} Not Found` } });
    if (!p) return notFound('Project');
    const { store } = p;
    switch (name) {
      case 'get project':
        return {
          status: 200,
          body: {
            id: p.id,
            default_branch: p.defaultBranch,
            path_with_namespace: path,
            web_url: `https://gitlab.test/${path}`,
          },
        };
      case 'get branch': {
        const sha = store.branches.get(params.branch);
        if (!sha) return notFound('Branch');
        return {
          status: 200,
          body: {
            name: params.branch,
            commit: this.commitJson(path, store.commits.get(sha)!),
            protected: p.protectedBranches.has(params.branch),
            merged: false,
            default: params.branch === p.defaultBranch,
            web_url: `https://gitlab.test/${path}/-/tree/${params.branch}`,
          },
        };
      }
      case 'get commit': {
        const c = store.commits.get(params.sha) ?? store.commits.get(store.branches.get(params.sha) ?? '');
        return c ? { status: 200, body: this.commitJson(path, c) } : notFound('Commit');
      }
      case 'list repository tree': {
        // Offset pagination with a Link header (rel="next"), which gitbeaker follows; per_page default 20, max 100.
        const ref = url.searchParams.get('ref') ?? p.defaultBranch;
        const sha = store.commits.has(ref) ? ref : store.branches.get(ref);
        if (!sha) return notFound('Tree');
        const walk = (tree: string, prefix: string): Array<Record<string, string>> =>
          (store.trees.get(tree) ?? []).flatMap((e) => [
            {
              id: e.sha,
              name: e.path,
              type: e.type,
              path: `${prefix}${e.path}`,
              mode: e.mode === '040000' ? '040000' : e.mode,
            },
            ...(url.searchParams.get('recursive') === 'true' && e.type === 'tree'
              ? walk(e.sha, `${prefix}${e.path}/`)
              : []),
          ]);
        const all = walk(store.commits.get(sha)!.tree, '');
        const perPage = Number(url.searchParams.get('per_page') ?? 20);
        const page = Number(url.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(all.length / perPage));
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        const headers: Record<string, string> = {
          'x-total': String(all.length),
          'x-total-pages': String(pages),
          'x-page': String(page),
          'x-per-page': String(perPage),
          'x-next-page': page < pages ? String(page + 1) : '',
        };
        if (page < pages) headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`;
        return { status: 200, body: all.slice((page - 1) * perPage, page * perPage), headers };
      }
      case 'get file': {
        const ref = url.searchParams.get('ref')!;
        const sha = store.commits.has(ref) ? ref : store.branches.get(ref);
        const blob = sha ? store.filesOf(store.commits.get(sha)!.tree).get(params.file_path) : undefined;
        if (!sha || !blob) return notFound('File');
        const content = store.blobs.get(blob)!;
        return {
          status: 200,
          body: {
            file_name: params.file_path.split('/').at(-1),
            file_path: params.file_path,
            size: content.length,
            encoding: 'base64',
            content: content.toString('base64'),
            content_sha256: createHash('sha256').update(content).digest('hex'),
            ref,
            blob_id: blob,
            commit_id: sha,
            last_commit_id: sha,
          },
        };
      }
      case 'create commit': {
        const branch = String(body.branch);
        const exists = store.branches.has(branch);
        if (p.protectedBranches.has(branch))
          return { status: 403, body: { message: 'You are not allowed to push into this branch' } };
        if (exists && body.start_sha && !body.force)
          return {
            status: 400,
            body: {
              message: `A branch called '${branch}' already exists. Switch to that branch in order to make changes`,
            },
          };
        const start =
          exists && !body.force
            ? store.branches.get(branch)!
            : String(body.start_sha ?? store.branches.get(String(body.start_branch)) ?? '');
        const startCommit = store.commits.get(start);
        if (!startCommit) return { status: 400, body: { message: 'Invalid start' } };
        const files = store.filesOf(startCommit.tree);
        for (const a of body.actions as Array<{ action: string; file_path: string; content?: string }>) {
          if (a.action === 'create' && files.has(a.file_path))
            return { status: 400, body: { message: `A file with this name already exists` } };
          if (a.action === 'update' && !files.has(a.file_path))
            return { status: 400, body: { message: `A file with this name doesn't exist` } };
          files.set(a.file_path, store.addBlob(a.content ?? ''));
        }
        // Gitaly: committer = the token's user (commit email), author = author_name/author_email when both are given.
        const committer = { name: user.name, email: user.commit_email };
        const author =
          body.author_name && body.author_email
            ? { name: String(body.author_name), email: String(body.author_email) }
            : committer;
        const c = store.addCommit(
          store.treeFromFiles(files),
          [start],
          String(body.commit_message),
          author,
          committer,
          new Date().toISOString(),
        );
        store.branches.set(branch, c.sha);
        return { status: 201, body: this.commitJson(path, c) };
      }
      case 'list merge requests': {
        const q = url.searchParams;
        const found = p.mergeRequests.filter(
          (mr) =>
            (!q.get('state') || q.get('state') === 'all' || mr.state === q.get('state')) &&
            (!q.get('source_branch') || mr.source === q.get('source_branch')) &&
            (!q.get('target_branch') || mr.target === q.get('target_branch')),
        );
        return {
          status: 200,
          body: found.map((mr) => this.mrJson(path, p, mr)),
          headers: { 'x-total': String(found.length), 'x-total-pages': '1', 'x-page': '1', 'x-per-page': '20' },
        };
      }
      case 'create merge request': {
        const source = String(body.source_branch);
        if (!store.branches.has(source)) return { status: 400, body: { message: ['Source branch does not exist'] } };
        if (
          p.mergeRequests.some(
            (mr) => mr.state === 'opened' && mr.source === source && mr.target === body.target_branch,
          )
        )
          return {
            status: 409,
            body: { message: ['Another open merge request already exists for this source branch'] },
          };
        const mr: MockMergeRequest = {
          iid: p.mergeRequests.length + 1,
          title: String(body.title),
          description: String(body.description ?? ''),
          source,
          target: String(body.target_branch),
          state: 'opened',
          labels: body.labels ? String(body.labels).split(',') : [],
        };
        p.mergeRequests.push(mr);
        return { status: 201, body: this.mrJson(path, p, mr) };
      }
      case 'update merge request': {
        const mr = p.mergeRequests.find((m) => m.iid === Number(params.merge_request_iid));
        if (!mr) return notFound('Merge Request');
        if (body.title !== undefined) mr.title = String(body.title);
        if (body.description !== undefined) mr.description = String(body.description);
        for (const l of body.add_labels ? String(body.add_labels).split(',') : [])
          if (!mr.labels.includes(l)) mr.labels.push(l);
        return { status: 200, body: this.mrJson(path, p, mr) };
      }
      default:
        return notFound('Route');
    }
  }
}
