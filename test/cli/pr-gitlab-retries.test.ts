/**
 * `dockyard pr --project` against the mock GitLab when GitLab rate-limits or fails: `Retry-After` is honoured,
 * transient 5xx answers are retried within bounds, and a POST whose answer was lost is not repeated once it took
 * effect (no second commit, no second merge request).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPr } from '../../src/cli/commands/pr.js';
import type { ClientTuning } from '../../src/cli/publish-hosts.js';
import { BOT_TRAILER } from '../../src/publish/bot-commit.js';
import { captureOutput } from '../support/capture-output.js';
import { MockGitlab, type MockGitlabProject } from '../support/mock-gitlab/mock-gitlab-server.js';
import { YAML_CONFIG } from '../support/publish-fixtures.js';

const BRANCH = 'dockyard/pipelines';
/** Milliseconds per second of retry-after in most tests (production: 1000); backoff shortened alike. */
const UNIT = 20;
const FAST: ClientTuning = { gitlab: { retry: { retryAfterUnitMs: UNIT, backoffMs: 5, maxWaitMs: 60 * UNIT } } };
const SERVER_ERROR = { status: 500, body: { message: '500 Internal Server Error' } };

let gitlab: MockGitlab;
let project: MockGitlabProject;
beforeAll(async () => {
  gitlab = await new MockGitlab().start();
});
afterAll(() => gitlab.stop());
beforeEach(() => {
  gitlab.projects.clear();
  gitlab.requests.length = 0;
  gitlab.violations.length = 0;
  gitlab.intercept = undefined;
  gitlab.interceptAfter = undefined;
  project = gitlab.addProject('acme/platform/worker', { 'dockyard.config.yaml': YAML_CONFIG });
});
afterEach(() => expect(gitlab.violations).toEqual([]));

async function pr(tuning: ClientTuning = FAST) {
  const io = captureOutput();
  const code = await runPr(
    { project: 'acme/platform/worker', 'api-url': gitlab.url },
    io,
    { GITLAB_TOKEN: 'glpat-dockyard-test' },
    tuning,
  );
  return { code, io };
}

/** Answer the first `times` requests of `route` with `reply`, then let the mock answer. */
function failFirst(
  route: string,
  reply: { status: number; headers?: Record<string, string>; body: unknown },
  times = 1,
): void {
  let left = times;
  gitlab.intercept = (r) => (r.route === route && left-- > 0 ? reply : undefined);
}

const seen = (route: string) => gitlab.requests.filter((r) => r.route === route);
const botCommitsOn = (base: string) =>
  [...project.store.commits.values()].filter((c) => c.parents[0] === base && c.message.includes(BOT_TRAILER));

describe('dockyard pr (GitLab): rate limits and server errors', () => {
  it('a 429 with retry-after: 1 is retried after at least one second (production timing)', async () => {
    failFirst('get project', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } });
    const { code } = await pr({});
    expect(code).toBe(0);
    const [limited, retried] = seen('get project');
    expect([limited.status, retried.status]).toEqual([429, 200]);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
  });

  it.each([
    ['retry-after in seconds', () => ({ 'retry-after': '3' }), 3],
    ['retry-after as an HTTP-date', () => ({ 'retry-after': new Date(Date.now() + 3000).toUTCString() }), 2],
    [
      'RateLimit-Reset without retry-after',
      () => ({ 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3) }),
      2,
    ],
  ])('a 429 with %s waits as told, then succeeds', async (_, headers, atLeastSeconds) => {
    failFirst('get project', { status: 429, headers: headers(), body: { message: 'Retry later' } });
    expect((await pr()).code).toBe(0);
    const [limited, retried] = seen('get project');
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(atLeastSeconds * UNIT - 1);
  });

  it('a single 500 on a read is retried and the run succeeds', async () => {
    // The base is read as one tree listing (the first read after the project).
    failFirst('list repository tree', SERVER_ERROR);
    const { code, io } = await pr();
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^opened gitlab:acme\/platform\/worker /);
    expect(
      seen('list repository tree')
        .map((r) => r.status)
        .slice(0, 2),
    ).toEqual([500, 200]);
  });

  it.each([
    [
      'a 503 on every read',
      'get project',
      { status: 503, body: { message: '503 Service Unavailable' } },
      4,
      'GitLab read the project (acme/platform/worker): 503 503 Service Unavailable; GitLab had a server error, and still had it after 3 retries',
    ],
    [
      'a 429 on every read',
      'get project',
      { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } },
      4,
      'GitLab read the project (acme/platform/worker): 429 Retry later; rate limited, and still limited after the retries',
    ],
    [
      'a retry-after longer than dockyard waits',
      'get project',
      { status: 429, headers: { 'retry-after': '3600' }, body: { message: 'Retry later' } },
      1,
      'GitLab read the project (acme/platform/worker): 429 Retry later; rate limited; GitLab asked to wait 3600 s, longer than the 60 s dockyard waits, run again later',
    ],
  ])('%s: bounded attempts, a clear message and exit 1', async (_, route, reply, attempts, message) => {
    failFirst(route, reply, 100);
    const { code, io } = await pr();
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain(message);
    expect(seen(route)).toHaveLength(attempts);
  });

  it('a 500 after GitLab made the commit: read back, taken as the commit, nothing sent again (no second commit)', async () => {
    let left = 1;
    gitlab.interceptAfter = (r, reply) =>
      r.route === 'create commit' && reply.status === 201 && left-- > 0 ? SERVER_ERROR : undefined;
    const { code, io } = await pr();
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^opened gitlab:acme\/platform\/worker /);
    expect(seen('create commit')).toHaveLength(1);
    expect(botCommitsOn(project.store.branches.get('main')!)).toHaveLength(1);
    expect(project.mergeRequests).toHaveLength(1);
    // and the next run is a no-op
    const before = gitlab.requests.length;
    expect((await pr()).io.stdout[0]).toContain(`unchanged gitlab:acme/platform/worker`);
    expect(gitlab.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a 500 before GitLab made the commit: read back, not there, sent again once', async () => {
    failFirst('create commit', SERVER_ERROR);
    expect((await pr()).code).toBe(0);
    expect(seen('create commit').map((r) => r.status)).toEqual([500, 201]);
    expect(botCommitsOn(project.store.branches.get('main')!)).toHaveLength(1);
  });

  it('a 429 on the commit is retried after retry-after (GitLab refused it before running it)', async () => {
    failFirst('create commit', { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Retry later' } });
    // A longer unit than the other tests: gitbeaker's own 0.25 ms retry must not pass this by the machine's slowness.
    expect((await pr({ gitlab: { retry: { retryAfterUnitMs: 250, backoffMs: 5 } } })).code).toBe(0);
    const [limited, retried] = seen('create commit');
    expect([limited.status, retried.status]).toEqual([429, 201]);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(2 * 250 - 1);
    expect(botCommitsOn(project.store.branches.get('main')!)).toHaveLength(1);
  });

  it('a 502 after GitLab opened the merge request: found, not opened twice', async () => {
    let left = 1;
    gitlab.interceptAfter = (r, reply) =>
      r.route === 'create merge request' && reply.status === 201 && left-- > 0
        ? { status: 502, body: { message: '502 Bad Gateway' } }
        : undefined;
    const { code, io } = await pr();
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe(
      `opened gitlab:acme/platform/worker https://gitlab.test/acme/platform/worker/-/merge_requests/1: branch ${BRANCH} does not exist yet`,
    );
    expect(seen('create merge request')).toHaveLength(1);
    expect(project.mergeRequests).toHaveLength(1);
  });

  it('a POST that keeps failing before it takes effect gives up after the retries, saying so', async () => {
    failFirst('create merge request', SERVER_ERROR, 100);
    const { code, io } = await pr();
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain(
      'GitLab open the merge request (acme/platform/worker): 500 500 Internal Server Error; GitLab had a server error (it had not taken effect; sent 4 times)',
    );
    expect(seen('create merge request')).toHaveLength(4);
    expect(project.mergeRequests).toHaveLength(0);
  });
});
