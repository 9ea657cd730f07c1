/**
 * A GitHub REST API stand-in on 127.0.0.1 for the publish tests: the git data, pull request and label endpoints
 * dockyard uses, over in-memory repositories (refs, trees, blobs, commits, pulls). Every request and every response
 * is validated against GitHub's OpenAPI description (`@octokit/openapi`); problems are collected in `violations`
 * (tests assert it stays empty) and an invalid request is answered 422.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackMockServer } from '../loopback-http.js';
import {
  blobBody,
  commitBody,
  labelBody,
  pullBody,
  refBody,
  repositoryBody,
  treeBody,
  type MockPull,
} from './github-objects.js';
import { matchOperation, validateRequest, validateResponse, type MatchedOperation } from './github-openapi.js';
import { GitStore, type TreeEntry } from './git-store.js';

export interface MockGithubRepo {
  readonly store: GitStore;
  defaultBranch: string;
  readonly pulls: MockPull[];
  /** Branches that reject ref updates (422, like a protection rule). */
  readonly protectedBranches: Set<string>;
  /** Whether the token may push (repository permissions, and 403 on writes when false). */
  push: boolean;
  /** Workflow files under .github/workflows by file name, whether each has a `workflow_dispatch` trigger, and its declared inputs (default `push`). */
  readonly workflows: Map<string, { readonly dispatch: boolean; readonly inputs?: readonly string[] }>;
  /** Tags (names), for refs the dispatch endpoints accept besides branches. */
  readonly tags: Set<string>;
  /** Runs started by `workflow_dispatch` and events sent by `repository_dispatch`, in order. */
  readonly dispatches: Array<{
    readonly kind: 'workflow' | 'repository';
    readonly workflow?: string;
    readonly ref?: string;
    readonly inputs?: unknown;
    readonly eventType?: string;
    readonly payload?: unknown;
    readonly runId?: number;
  }>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly repo: string;
  readonly status: number;
  readonly body?: unknown;
  /** When the answer was sent (performance.now()). */
  readonly at: number;
}

/** Answer a request instead of the normal handler (fault injection); undefined lets it through. */
export type Interceptor = (request: {
  method: string;
  path: string;
  operationId: string;
  repo: string;
}) => { status: number; headers?: Record<string, string>; body: unknown } | undefined;

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const HUMAN = { name: 'Ada Lovelace', email: 'ada@example.com' };

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export class MockGithub extends LoopbackMockServer {
  readonly repos = new Map<string, MockGithubRepo>();
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly tokens = new Set(['ghp_dockyard_test']);
  intercept: Interceptor | undefined;
  /**
   * Act as a GitHub Enterprise Server that predates run details: `return_run_details` is rejected with 422 and the
   * dispatch is answered 204 (GHES 3.17-3.19 document only 204).
   */
  ghes = false;
  private nextRunId = 1000;
  /** Answer recursive tree reads with more entries than this as `truncated` (GitHub's limit is 100,000). */
  truncateTreesOver = Number.POSITIVE_INFINITY;
  /** Milliseconds each answer waits (lets concurrency build up in fleet tests). */
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;

  /** Create a repository whose default branch holds `files` in one commit by a person. */
  addRepo(fullName: string, files: Record<string, string>, defaultBranch = 'main'): MockGithubRepo {
    const repo: MockGithubRepo = {
      store: new GitStore(),
      defaultBranch,
      pulls: [],
      protectedBranches: new Set(),
      push: true,
      workflows: new Map([['dockyard.yml', { dispatch: true }]]),
      tags: new Set(),
      dispatches: [],
    };
    repo.store.commitFiles(defaultBranch, files, 'Initial commit', HUMAN);
    this.repos.set(fullName, repo);
    return repo;
  }

  /** Requests that changed something (anything but GET/HEAD). */
  mutations(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // GitHub Enterprise Server serves the API under /api/v3.
    const url = new URL((req.url ?? '/').replace(/^\/api\/v3(?=\/)/, ''), 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    let reply: Reply;
    let match: MatchedOperation | undefined;
    let body: unknown;
    try {
      body = await readBody(req);
      match = matchOperation(method, url.pathname);
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      reply = this.route(req, url, match, body);
    } catch (error) {
      reply = {
        status: 500,
        body: { message: `mock error: ${(error as Error).message}`, documentation_url: 'https://docs.github.com/rest' },
      };
    }
    const repo = match ? `${match.params.owner}/${match.params.repo}` : '';
    this.requests.push({
      method,
      path: url.pathname + url.search,
      operationId: match?.operationId ?? '(undocumented)',
      repo,
      status: reply.status,
      body,
      at: performance.now(),
    });
    if (match) this.violations.push(...validateResponse(match, reply.status, reply.body));
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': '4999',
      ...reply.headers,
    });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    this.inFlight--;
  }

  private route(req: IncomingMessage, url: URL, match: MatchedOperation | undefined, body: unknown): Reply {
    const error = (status: number, message: string): Reply => ({
      status,
      body: { message, documentation_url: 'https://docs.github.com/rest' },
    });
    if (!match) {
      this.violations.push(`${req.method} ${url.pathname}: not an operation of GitHub's REST API description`);
      return error(404, 'Not Found');
    }
    const problems = validateRequest(match, url.searchParams, body);
    if (problems.length > 0) {
      this.violations.push(...problems);
      return {
        status: 422,
        body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: problems },
      };
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return error(401, 'Bad credentials');
    const fullName = `${match.params.owner}/${match.params.repo}`;
    const intercepted = this.intercept?.({
      method: match.method,
      path: url.pathname,
      operationId: match.operationId,
      repo: fullName,
    });
    if (intercepted) return intercepted;
    const repo = this.repos.get(fullName);
    if (!repo) return error(404, 'Not Found');
    if (match.method !== 'GET' && !repo.push) return error(403, 'Resource not accessible by personal access token');
    return this.operation(match, url, repo, fullName, body as Record<string, unknown>, error);
  }

  private operation(
    match: MatchedOperation,
    url: URL,
    repo: MockGithubRepo,
    fullName: string,
    body: Record<string, unknown>,
    error: (s: number, m: string) => Reply,
  ): Reply {
    const { store } = repo;
    const api = this.url;
    const p = match.params;
    const repository = repositoryBody(api, fullName, repo.defaultBranch, repo.push);
    const pull = (pr: MockPull, full: boolean) =>
      pullBody(
        api,
        fullName,
        pr,
        { head: store.branches.get(pr.head) ?? '', base: store.branches.get(pr.base) ?? '' },
        full,
        repository,
      );
    switch (match.operationId) {
      case 'repos/get':
        return { status: 200, body: repository };
      case 'git/get-ref': {
        const branch = p.ref.replace(/^heads\//, '');
        const sha = p.ref.startsWith('heads/') ? store.branches.get(branch) : undefined;
        return sha ? { status: 200, body: refBody(api, fullName, branch, sha) } : error(404, 'Not Found');
      }
      case 'git/create-ref': {
        const branch = String(body.ref).replace(/^refs\/heads\//, '');
        if (store.branches.has(branch)) return error(422, 'Reference already exists');
        if (!store.commits.has(String(body.sha))) return error(422, 'Object does not exist');
        store.branches.set(branch, String(body.sha));
        return { status: 201, body: refBody(api, fullName, branch, String(body.sha)) };
      }
      case 'git/update-ref': {
        const branch = p.ref.replace(/^heads\//, '');
        const current = store.branches.get(branch);
        if (!current) return error(422, 'Reference does not exist');
        if (repo.protectedBranches.has(branch))
          return error(422, `Protected branch update failed for refs/heads/${branch}.`);
        if (!store.commits.has(String(body.sha))) return error(422, 'Object does not exist');
        if (!body.force && !store.isAncestor(current, String(body.sha)))
          return error(422, 'Update is not a fast forward');
        store.branches.set(branch, String(body.sha));
        return { status: 200, body: refBody(api, fullName, branch, String(body.sha)) };
      }
      case 'git/get-commit': {
        const commit = store.commits.get(p.commit_sha);
        return commit ? { status: 200, body: commitBody(api, fullName, commit) } : error(404, 'Not Found');
      }
      case 'git/create-commit': {
        const parents = (body.parents as string[] | undefined) ?? [];
        if (!store.trees.has(String(body.tree)) || parents.some((s) => !store.commits.has(s)))
          return error(422, 'Tree or parent SHA does not exist');
        const author = (body.author as { name: string; email: string } | undefined) ?? {
          name: 'token owner',
          email: 'owner@example.com',
        };
        const commit = store.addCommit(
          String(body.tree),
          parents,
          String(body.message),
          author,
          (body.committer as typeof author | undefined) ?? author,
        );
        return { status: 201, body: commitBody(api, fullName, commit) };
      }
      case 'git/get-tree': {
        // tree_sha: "The SHA1 value or ref (branch or tag) name of the tree"; `recursive` (any value) lists every path.
        const branchTip = store.branches.get(p.tree_sha);
        const sha = store.trees.has(p.tree_sha)
          ? p.tree_sha
          : branchTip
            ? store.commits.get(branchTip)!.tree
            : undefined;
        if (!sha) return error(404, 'Not Found');
        return {
          status: 200,
          body: treeBody(api, fullName, store, sha, url.searchParams.has('recursive'), this.truncateTreesOver),
        };
      }
      case 'git/create-tree': {
        const base = body.base_tree ? store.filesOf(String(body.base_tree)) : new Map<string, string>();
        if (body.base_tree && !store.trees.has(String(body.base_tree))) return error(422, 'base_tree does not exist');
        for (const entry of body.tree as Array<{
          path: string;
          content?: string;
          sha?: string | null;
          mode: TreeEntry['mode'];
        }>) {
          if (entry.sha === null) base.delete(entry.path);
          else base.set(entry.path, entry.content !== undefined ? store.addBlob(entry.content) : String(entry.sha));
        }
        return { status: 201, body: treeBody(api, fullName, store, store.treeFromFiles(base)) };
      }
      case 'git/get-blob': {
        const blob = store.blobs.get(p.file_sha);
        return blob ? { status: 200, body: blobBody(api, fullName, p.file_sha, blob) } : error(404, 'Not Found');
      }
      case 'pulls/list': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        const found = repo.pulls.filter(
          (pr) =>
            (state === 'all' || pr.state === state) &&
            (!head || `${fullName.split('/')[0]}:${pr.head}` === head) &&
            (!base || pr.base === base),
        );
        return { status: 200, body: found.map((pr) => pull(pr, false)) };
      }
      case 'pulls/create': {
        const head = String(body.head).replace(/^[^:]+:/, '');
        const base = String(body.base);
        if (!store.branches.has(head) || !store.branches.has(base))
          return error(422, 'Validation Failed: head or base does not exist');
        if (repo.pulls.some((pr) => pr.state === 'open' && pr.head === head && pr.base === base))
          return error(422, `A pull request already exists for ${fullName.split('/')[0]}:${head}.`);
        const pr: MockPull = {
          number: repo.pulls.length + 1,
          title: String(body.title),
          body: String(body.body ?? ''),
          head,
          base,
          state: 'open',
          draft: Boolean(body.draft),
          labels: [],
        };
        repo.pulls.push(pr);
        return { status: 201, body: pull(pr, true) };
      }
      case 'pulls/update': {
        const pr = repo.pulls.find((x) => x.number === Number(p.pull_number));
        if (!pr) return error(404, 'Not Found');
        if (body.title !== undefined) pr.title = String(body.title);
        if (body.body !== undefined) pr.body = String(body.body);
        if (body.state !== undefined) pr.state = body.state as MockPull['state'];
        return { status: 200, body: pull(pr, true) };
      }
      case 'issues/add-labels': {
        const pr = repo.pulls.find((x) => x.number === Number(p.issue_number));
        if (!pr) return error(404, 'Not Found');
        for (const name of (body.labels as string[] | undefined) ?? [])
          if (!pr.labels.includes(name)) pr.labels.push(name);
        return { status: 200, body: pr.labels.map((name, i) => labelBody(api, fullName, name, i + 1)) };
      }
      case 'actions/create-workflow-dispatch': {
        // Answers as api.github.com does: 404 for an unknown workflow, 422 for an unknown ref or a workflow without the trigger.
        const workflow = repo.workflows.get(p.workflow_id);
        if (!workflow) return error(404, 'Not Found');
        if (this.ghes && body.return_run_details !== undefined)
          return error(422, 'Invalid request.\n\n"return_run_details" is not a permitted key.');
        const ref = String(body.ref).replace(/^refs\/(heads|tags)\//, '');
        if (!store.branches.has(ref) && !repo.tags.has(ref)) return error(422, `No ref found for: ${String(body.ref)}`);
        if (!workflow.dispatch) return error(422, "Workflow does not have 'workflow_dispatch' trigger");
        const unexpected = Object.keys((body.inputs as Record<string, unknown> | undefined) ?? {}).filter(
          (k) => !(workflow.inputs ?? ['push']).includes(k),
        );
        if (unexpected.length > 0) return error(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
        const runId = this.nextRunId++;
        repo.dispatches.push({ kind: 'workflow', workflow: p.workflow_id, ref, inputs: body.inputs, runId });
        if (body.return_run_details !== true) return { status: 204 };
        return {
          status: 200,
          body: {
            workflow_run_id: runId,
            run_url: `${api}/repos/${fullName}/actions/runs/${runId}`,
            html_url: `https://github.test/${fullName}/actions/runs/${runId}`,
          },
        };
      }
      case 'repos/create-dispatch-event':
        repo.dispatches.push({ kind: 'repository', eventType: String(body.event_type), payload: body.client_payload });
        return { status: 204 };
      default:
        return error(404, `the mock does not implement ${match.operationId}`);
    }
  }
}
