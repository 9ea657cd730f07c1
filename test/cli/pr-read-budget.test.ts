/**
 * The read budget of `dockyard pr` and `dockyard fleet` (docs/publishing.md, "Requests per repository"): the mock
 * hosts count every request by method and repository, and an unchanged repository (the base already has what
 * dockyard would write) costs at most 4 reads and no write, on GitHub and on GitLab, alone and in a fleet.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleetCommand } from '../../src/cli/commands/fleet.js';
import { runPr } from '../../src/cli/commands/pr.js';
import { captureOutput } from '../support/capture-output.js';
import type { GitStore } from '../support/mock-github/git-store.js';
import { resetMockHosts, useMockHosts } from '../support/mock-hosts.js';
import { expectedFiles, TS_CONFIG, TS_CONFIG_CHANGED, YAML_CONFIG } from '../support/publish-fixtures.js';

const ENV = { GITHUB_TOKEN: 'ghp_dockyard_test', GITLAB_TOKEN: 'glpat-dockyard-test' };
const TUNING = { github: { retryAfterBaseValue: 1, writeSpacingMs: 0, notificationSpacingMs: 0, retries: 1 } };
const HUMAN = { name: 'Grace Hopper', email: 'grace@example.com' };
const YAML_CHANGED = YAML_CONFIG.replace(
  "'/app/worker --self-test'",
  "'/app/worker --self-test', '/app/worker --version'",
);
/** The budget of an unchanged repository (docs/publishing.md). */
const UNCHANGED_READS = 4;

const { github, gitlab } = useMockHosts();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-budget-'));
  resetMockHosts({ github, gitlab });
  github.truncateTreesOver = Number.POSITIVE_INFINITY;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(github.violations).toEqual([]);
  expect(gitlab.violations).toEqual([]);
});

/** Requests by method, one row per repository (GitLab's `GET /user` belongs to no project: `(run)`). */
type Counts = Record<string, Record<string, number>>;

function countRequests(requests: ReadonlyArray<{ method: string; repo: string }>): Counts {
  const counts: Counts = {};
  for (const r of requests) {
    const row = (counts[r.repo] ??= {});
    row[r.method] = (row[r.method] ?? 0) + 1;
  }
  return counts;
}

const reads = (row: Record<string, number> | undefined): number => (row?.GET ?? 0) + (row?.HEAD ?? 0);
const writes = (row: Record<string, number> | undefined): number =>
  Object.entries(row ?? {}).reduce((n, [m, c]) => (m === 'GET' || m === 'HEAD' ? n : n + c), 0);

/** One host of the table: how to seed a repository, run `pr` on it, and read what it sent. */
interface HostCase {
  readonly platform: 'github' | 'gitlab';
  readonly repos: readonly string[];
  readonly configFile: string;
  readonly config: string;
  readonly changed: string;
  /** Writes of opening a PR/MR with one new commit. */
  readonly openWrites: number;
  seed(path: string): GitStore;
  pr(path: string, base?: string): Promise<{ code: number; stdout: string[] }>;
  requests(from: number): Array<{ method: string; repo: string }>;
  sent(): number;
  /** Open PRs/MRs of a repository. */
  openRequests(path: string): number;
}

const GITHUB: HostCase = {
  platform: 'github',
  repos: ['acme/api', 'acme/web', 'acme/jobs'],
  configFile: 'dockyard.config.ts',
  config: TS_CONFIG,
  changed: TS_CONFIG_CHANGED,
  // create the tree, the commit, the branch; open the pull request
  openWrites: 4,
  seed: (path) =>
    github.addRepo(path, { 'dockyard.config.ts': TS_CONFIG, 'README.md': '# app\n', 'src/main.ts': 'export {};\n' })
      .store,
  pr: async (path, base) => {
    const io = captureOutput();
    const code = await runPr({ repo: path, 'api-url': github.url, ...(base ? { base } : {}) }, io, ENV, TUNING);
    return { code, stdout: io.stdout };
  },
  requests: (from) => github.requests.slice(from).map((r) => ({ method: r.method, repo: r.repo })),
  sent: () => github.requests.length,
  openRequests: (path) => github.repos.get(path)!.pulls.filter((p) => p.state === 'open').length,
};

const GITLAB: HostCase = {
  platform: 'gitlab',
  repos: ['acme/workers/w1', 'acme/workers/w2', 'acme/workers/w3'],
  configFile: 'dockyard.config.yaml',
  config: YAML_CONFIG,
  changed: YAML_CHANGED,
  // the commit (which creates the branch); open the merge request
  openWrites: 2,
  seed: (path) =>
    gitlab.addProject(path, {
      'dockyard.config.yaml': YAML_CONFIG,
      'README.md': '# worker\n',
      'src/main.go': 'package main\n',
    }).store,
  pr: async (path, base) => {
    const io = captureOutput();
    const code = await runPr({ project: path, 'api-url': gitlab.url, ...(base ? { base } : {}) }, io, ENV);
    return { code, stdout: io.stdout };
  },
  // Project paths are URL-encoded in GitLab API paths: /api/v4/projects/acme%2Fworkers%2Fw1/...
  requests: (from) =>
    gitlab.requests.slice(from).map((r) => ({
      method: r.method,
      repo: /^\/api\/v4\/projects\/([^/?]+)/.exec(r.path)?.[1]
        ? decodeURIComponent(/^\/api\/v4\/projects\/([^/?]+)/.exec(r.path)![1])
        : '(run)',
    })),
  sent: () => gitlab.requests.length,
  openRequests: (path) => gitlab.projects.get(path)!.mergeRequests.filter((m) => m.state === 'opened').length,
};

/** Commit what dockyard would write onto the base, as a person who ran `dockyard synth` would. */
async function commitGenerated(store: GitStore, host: HostCase, config = host.config): Promise<void> {
  const files = await expectedFiles(host.configFile, config);
  store.commitFiles(
    'main',
    Object.fromEntries(files.map((f) => [f.path, f.content])),
    'Regenerate the pipelines',
    HUMAN,
  );
}

describe.each([GITHUB, GITLAB])('read budget on $platform', (host) => {
  it.each([
    { how: 'the default branch', base: undefined, budget: UNCHANGED_READS },
    { how: '--base main (no repository read)', base: 'main', budget: UNCHANGED_READS - 1 },
  ])('pr on an up-to-date repository ($how): $budget reads, no write', async ({ base, budget }) => {
    const [path] = host.repos;
    await commitGenerated(host.seed(path), host);
    const from = host.sent();
    const run = await host.pr(path, base);
    expect(run).toEqual({
      code: 0,
      stdout: [`unchanged ${host.platform}:${path}: main already has the generated files`],
    });
    const counts = countRequests(host.requests(from));
    expect({
      reads: reads(counts[path]),
      writes: writes(counts[path]),
      others: Object.keys(counts).filter((k) => k !== path),
    }).toEqual({ reads: budget, writes: 0, others: [] });
  });

  it('pr on an up-to-date repository whose old PR/MR is still open: at most 4 reads, no write, the PR/MR reported', async () => {
    const [path] = host.repos;
    const store = host.seed(path);
    expect((await host.pr(path)).stdout[0]).toMatch(/^opened /);
    await commitGenerated(store, host);
    const from = host.sent();
    const run = await host.pr(path);
    expect(run.stdout[0]).toMatch(
      new RegExp(
        `^unchanged ${host.platform}:${path} \\S+: main already has the generated files; PR/MR #1 is no longer needed$`,
      ),
    );
    const counts = countRequests(host.requests(from));
    expect(reads(counts[path])).toBeLessThanOrEqual(UNCHANGED_READS);
    expect(writes(counts[path])).toBe(0);
    expect(host.openRequests(path)).toBe(1);
  });

  it('fleet over 3 up-to-date repositories: at most 4 reads and no write for each', async () => {
    for (const path of host.repos) await commitGenerated(host.seed(path), host);
    writeFileSync(join(dir, 'repos.txt'), `${host.repos.map((p) => `${host.platform}:${p}`).join('\n')}\n`);
    const from = host.sent();
    const io = captureOutput();
    const code = await runFleetCommand(
      { repos: 'repos.txt', 'github-api-url': github.url, 'gitlab-url': gitlab.url, concurrency: '2' },
      io,
      ENV,
      { cwd: dir, tty: false, tuning: TUNING },
    );
    expect({ code, summary: io.stdout.at(-1) }).toEqual({ code: 0, summary: '3 repositories: 3 unchanged' });
    const counts = countRequests(host.requests(from));
    expect(Object.keys(counts).sort()).toEqual([...host.repos].sort());
    for (const path of host.repos) {
      expect(reads(counts[path]), `reads of ${path}`).toBeLessThanOrEqual(UNCHANGED_READS);
      expect(writes(counts[path]), `writes of ${path}`).toBe(0);
    }
  });

  it('a changed repository still gets its PR/MR: stale generated files on the base are replaced by one commit', async () => {
    const [path] = host.repos;
    const store = host.seed(path);
    await commitGenerated(store, host);
    store.commitFiles('main', { [host.configFile]: host.changed }, 'Change the config', HUMAN);
    const opening = host.sent();
    const run = await host.pr(path);
    expect(writes(countRequests(host.requests(opening))[path])).toBe(host.openWrites);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(new RegExp(`^opened ${host.platform}:${path} `));
    for (const file of await expectedFiles(host.configFile, host.changed))
      expect(store.readFile('dockyard/pipelines', file.path)).toBe(file.content);
    // The next run has nothing to do (the bot branch holds the files; see the pending PR/MR row of the docs' table).
    const from = host.sent();
    expect((await host.pr(path)).stdout[0]).toMatch(/^unchanged .*PR\/MR #1 is current$/);
    expect(writes(countRequests(host.requests(from))[path])).toBe(0);
  });
});

describe('read budget: pending PR/MR (the bot branch holds the files, the base does not yet)', () => {
  // Above the 4 reads of an unchanged base: the bot branch's tip, its files and the base's commit are read too
  // (docs/publishing.md, "Requests per repository"). These bounds keep it from growing again.
  it.each([
    { host: GITHUB, budget: 9 },
    { host: GITLAB, budget: 7 },
  ])('$host.platform: a second run reads at most $budget times and writes nothing', async ({ host, budget }) => {
    const [path] = host.repos;
    host.seed(path);
    await host.pr(path);
    const from = host.sent();
    expect((await host.pr(path)).stdout[0]).toMatch(/^unchanged .*PR\/MR #1 is current$/);
    const counts = countRequests(host.requests(from));
    const all = Object.values(counts);
    expect(all.reduce((n, row) => n + reads(row), 0)).toBeLessThanOrEqual(budget);
    expect(all.reduce((n, row) => n + writes(row), 0)).toBe(0);
  });
});

describe('GitHub: a truncated recursive tree', () => {
  it('falls back to reading the directories on the way to each file and reaches the same result', async () => {
    const path = GITHUB.repos[0];
    await commitGenerated(GITHUB.seed(path), GITHUB);
    github.truncateTreesOver = 1;
    const from = GITHUB.sent();
    expect((await GITHUB.pr(path)).stdout).toEqual([`unchanged github:${path}: main already has the generated files`]);
    const trees = github.requests
      .slice(from)
      .filter((r) => r.operationId === 'git/get-tree')
      .map((r) => r.path.includes('recursive'));
    // One recursive read (truncated), then the root, .github and .github/workflows one by one.
    expect(trees).toEqual([true, false, false, false]);
  });
});

describe('a base that moves between the reads of one run', () => {
  const push = (store: GitStore, path: string, content: string) =>
    store.commitFiles('main', { [path]: content }, 'Someone pushes', HUMAN);

  it.each([
    {
      name: 'GitHub: a push after the tree was read (the commit has another tree)',
      host: GITHUB,
      arm: (store: GitStore) => {
        github.intercept = (r) =>
          void (
            r.operationId === 'git/get-blob' &&
            !store.commits.get(store.branches.get('main')!)!.message.startsWith('Someone') &&
            push(store, 'README.md', '# moved\n')
          );
      },
      message:
        /^GitHub read branch main \(acme\/api\): it moved while dockyard read it \(tree [0-9a-f]{12}, now commit [0-9a-f]{12}\); nothing was changed, run again$/,
    },
    {
      name: 'GitLab: the config changed after the listing',
      host: GITLAB,
      arm: (store: GitStore) => {
        gitlab.intercept = (r) =>
          void (
            r.route === 'get file' &&
            !store.commits.get(store.branches.get('main')!)!.message.startsWith('Someone') &&
            push(store, 'dockyard.config.yaml', YAML_CHANGED)
          );
      },
      message:
        /^GitLab read dockyard\.config\.yaml \(acme\/workers\/w1\): branch main moved while dockyard read it \(blob [0-9a-f]{12}, now [0-9a-f]{12}\); nothing was changed, run again$/,
    },
    {
      name: 'GitLab: a generated file appeared after the listing (checked before the commit)',
      host: GITLAB,
      arm: (store: GitStore) => {
        gitlab.intercept = (r) =>
          void (
            r.route === 'get file' &&
            !store.commits.get(store.branches.get('main')!)!.message.startsWith('Someone') &&
            push(store, '.gitlab-ci.yml', '# by hand\n')
          );
      },
      message:
        /^GitLab read branch main \(acme\/workers\/w1\): it moved while dockyard read it \(\.gitlab-ci\.yml changed at [0-9a-f]{12}\); nothing was changed, run again$/,
    },
  ])('$name: fails, writes nothing', async ({ host, arm, message }) => {
    const [path] = host.repos;
    const store = host.seed(path);
    arm(store);
    const from = host.sent();
    const io = captureOutput();
    const code =
      host.platform === 'github'
        ? await runPr({ repo: path, 'api-url': github.url }, io, ENV, TUNING)
        : await runPr({ project: path, 'api-url': gitlab.url }, io, ENV);
    expect(code).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0].replace(`failed ${host.platform}:${path}: `, '')).toMatch(message);
    expect(Object.values(countRequests(host.requests(from))).reduce((n, row) => n + writes(row), 0)).toBe(0);
  });
});
