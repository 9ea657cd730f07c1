import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleetCommand } from '../../src/cli/commands/fleet.js';
import type { FleetOptions } from '../../src/cli/commands/fleet-args.js';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import { resetMockHosts, useMockHosts } from '../support/mock-hosts.js';
import { JSON_CONFIG, TS_CONFIG, YAML_CONFIG } from '../support/publish-fixtures.js';

/** Milliseconds per second of retry-after in these tests (production: 1000). */
const BASE = 20;
const TUNING = { github: { retryAfterBaseValue: BASE, writeSpacingMs: 0, notificationSpacingMs: 0, retries: 1 } };
const ENV = { GITHUB_TOKEN: 'ghp_dockyard_test', GITLAB_TOKEN: 'glpat-dockyard-test' };
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

const { github, gitlab } = useMockHosts();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-fleet-'));
  resetMockHosts({ github, gitlab });
  github.maxInFlight = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(github.violations).toEqual([]);
  expect(gitlab.violations).toEqual([]);
});

/**
 * 50 repositories: 44 on GitHub (41 with a valid config, of which 8 answer their first request with a rate limit —
 * 429 or 403 secondary limit with retry-after, or a 403 primary limit with x-ratelimit-reset — and 1 stays rate
 * limited; 1 without a config, 1 with an invalid config, 1 that does not exist) and 6 on GitLab (1 does not exist).
 */
function seedFleet(): string[] {
  const lines = ['# the platform team fleet', ''];
  for (let i = 1; i <= 44; i++) {
    const name = `acme/svc-${String(i).padStart(2, '0')}`;
    lines.push(i % 2 === 0 ? name : `github:${name}`);
    if (i === 42) continue; // does not exist
    const files: Record<string, string> =
      i === 40
        ? { 'README.md': '# no config\n' }
        : i === 41
          ? {
              'dockyard.config.json':
                '{"ci": ["github"], "image": {"name": "acme/x"}, "cache": "gha-typo", "test": {"commands": ["true"]}}',
            }
          : { [i % 3 === 0 ? 'dockyard.config.json' : 'dockyard.config.ts']: i % 3 === 0 ? JSON_CONFIG : TS_CONFIG };
    github.addRepo(name, files);
  }
  for (let i = 1; i <= 6; i++) {
    lines.push(`gitlab:acme/workers/w${i}`);
    if (i !== 6) gitlab.addProject(`acme/workers/w${i}`, { 'dockyard.config.yaml': YAML_CONFIG });
  }
  writeFileSync(join(dir, 'repos.txt'), `${lines.join('\n')}\n`);
  return lines.filter((l) => l && !l.startsWith('#'));
}

const limitedOnce = new Map<string, { status: number; headers: () => Record<string, string>; message: string }>([
  ['acme/svc-05', { status: 429, headers: () => ({ 'retry-after': '2' }), message: SECONDARY }],
  ['acme/svc-06', { status: 403, headers: () => ({ 'retry-after': '1' }), message: SECONDARY }],
  ['acme/svc-07', { status: 429, headers: () => ({ 'retry-after': '1' }), message: SECONDARY }],
  ['acme/svc-08', { status: 403, headers: () => ({ 'retry-after': '3' }), message: SECONDARY }],
  [
    'acme/svc-09',
    {
      status: 403,
      headers: () => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }),
      message: 'API rate limit exceeded for user ID 1.',
    },
  ],
  [
    'acme/svc-10',
    {
      status: 403,
      headers: () => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }),
      message: 'API rate limit exceeded for user ID 1.',
    },
  ],
  ['acme/svc-11', { status: 429, headers: () => ({ 'retry-after': '1' }), message: SECONDARY }],
  ['acme/svc-12', { status: 429, headers: () => ({ 'retry-after': '1' }), message: SECONDARY }],
]);

function installRateLimits(): void {
  const hit = new Set<string>();
  github.intercept = (r) => {
    const limit = limitedOnce.get(r.repo);
    if (r.repo === 'acme/svc-13')
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: SECONDARY, documentation_url: 'https://docs.github.com/rest' },
      };
    if (!limit || hit.has(r.repo)) return undefined;
    hit.add(r.repo);
    return {
      status: limit.status,
      headers: limit.headers(),
      body: { message: limit.message, documentation_url: 'https://docs.github.com/rest' },
    };
  };
}

async function fleet(options: Partial<FleetOptions> = {}) {
  const io = captureOutput();
  const code = await runFleetCommand(
    { repos: 'repos.txt', 'github-api-url': github.url, 'gitlab-url': gitlab.url, ...options },
    io,
    ENV,
    { cwd: dir, tty: false, tuning: TUNING },
  );
  return { code, io };
}

describe('dockyard fleet', () => {
  it('50 repositories with failures and rate limits: every result reported, limits waited out, at most --concurrency in flight', async () => {
    const entries = seedFleet();
    installRateLimits();
    github.delayMs = 3;
    const { code, io } = await fleet({ concurrency: '4' });
    github.delayMs = 0;
    expect(code).toBe(1);
    // One progress line per repository, then the table: header, 50 rows, totals.
    const table = io.stdout.slice(io.stdout.indexOf('') + 1);
    expect(io.stdout.indexOf('')).toBe(50 - io.stderr.length);
    expect(table).toHaveLength(52);
    const rows = new Map(table.slice(1, -1).map((row) => [row.split(/\s+/)[0], row]));
    expect([...rows.keys()].sort()).toEqual(entries.map((e) => (e.includes(':') ? e : `github:${e}`)).sort());
    const outcome = (id: string) => rows.get(id)!.split(/\s+/)[1];
    for (let i = 1; i <= 39; i++)
      if (i !== 13)
        expect({ i, outcome: outcome(`github:acme/svc-${String(i).padStart(2, '0')}`) }).toEqual({
          i,
          outcome: 'opened',
        });
    expect(rows.get('github:acme/svc-13')).toContain(
      '429 You have exceeded a secondary rate limit. Please wait a few minutes before you try again.; rate limited, and still limited after the retries',
    );
    expect(rows.get('github:acme/svc-40')).toMatch(
      /^github:acme\/svc-40 +failed +- +no dockyard config at the root of main: expected one of dockyard.config.ts/,
    );
    expect(rows.get('github:acme/svc-41')).toMatch(
      /failed .*dockyard.config.json on main is invalid: 1 error\(s\), first: cache: unknown value/,
    );
    expect(rows.get('github:acme/svc-42')).toContain(
      '404 Not Found; not found, or the token cannot see this repository',
    );
    expect(outcome('github:acme/svc-43')).toBe('opened');
    for (let i = 1; i <= 5; i++) expect(outcome(`gitlab:acme/workers/w${i}`)).toBe('opened');
    expect(rows.get('gitlab:acme/workers/w6')).toContain('404 404 Project Not Found');
    expect(table.at(-1)).toBe('50 repositories: 45 opened, 5 failed');

    // Limits respected: each limited repository was retried no sooner than retry-after (or the reset) said.
    for (const [repo, limit] of limitedOnce) {
      const seen = github.requests.filter((r) => r.repo === repo);
      const first = seen.findIndex((r) => r.status === limit.status);
      const after = Number(limit.headers()['retry-after'] ?? 1);
      expect({ repo, retried: seen[first + 1]?.operationId }).toEqual({ repo, retried: seen[first].operationId });
      expect(seen[first + 1].at - seen[first].at).toBeGreaterThanOrEqual(after * BASE - 1);
    }
    expect(github.requests.filter((r) => r.repo === 'acme/svc-13')).toHaveLength(4); // first try + 3 retries
    // Bounded concurrency, seen from the server: never more than 4 at once, and more than one (it is concurrent).
    expect(github.maxInFlight).toBeLessThanOrEqual(4);
    expect(github.maxInFlight).toBeGreaterThan(1);
  });

  it('--dry-run over the fleet sends only GET requests and reports planned changes', async () => {
    seedFleet();
    const { code, io } = await fleet({ 'dry-run': true, concurrency: '8' });
    expect(code).toBe(1); // the four broken repositories still fail
    expect([...github.requests, ...gitlab.requests].filter((r) => r.method !== 'GET')).toEqual([]);
    expect(io.stdout.at(-2)).toBe('50 repositories: 46 planned, 4 failed');
    expect(io.stdout.at(-1)).toBe('dry run: nothing was changed');
  });

  it('a second run over the fleet reports every healthy repository unchanged, and --only limits the run to one entry', async () => {
    seedFleet();
    await fleet({ concurrency: '6' });
    const before = { github: github.mutations().length, gitlab: gitlab.mutations().length };
    const again = await fleet({ concurrency: '6' });
    expect(again.io.stdout.at(-1)).toBe('50 repositories: 46 unchanged, 4 failed');
    // No writes on either host: GitLab's commits (committed by the token's user) are still recognised as dockyard's.
    expect({ github: github.mutations().length, gitlab: gitlab.mutations().length }).toEqual(before);
    const only = await fleet({ only: 'gitlab:acme/workers/w2' });
    expect(only.code).toBe(0);
    expect(only.io.stdout.at(-1)).toBe('1 repositories: 1 unchanged');
    // A config change on a GitLab project's main updates its merge request with one new commit.
    const w3 = gitlab.projects.get('acme/workers/w3')!;
    const main = w3.store.commitFiles(
      'main',
      {
        'dockyard.config.yaml': YAML_CONFIG.replace(
          "'/app/worker --self-test'",
          "'/app/worker --self-test', '/app/worker --version'",
        ),
      },
      'Add a check',
      { name: 'Ada', email: 'ada@example.com' },
    );
    const changed = await fleet({ only: 'gitlab:acme/workers/w3' });
    expect(changed.io.stdout.at(-1)).toBe('1 repositories: 1 updated');
    expect(w3.store.commits.get(w3.store.branches.get('dockyard/pipelines')!)!.parents).toEqual([main.sha]);
    expect(w3.mergeRequests).toHaveLength(1);
  });

  it.each([
    [
      'acme/api\nnot a repo\n',
      'repos.txt:2: expected [github:]OWNER/REPO or gitlab:GROUP/PROJECT [base=BRANCH], got "not a repo"',
    ],
    ['# nothing\n', 'repos.txt: expected at least one repository (OWNER/REPO per line), got none'],
    ['acme/api\ngithub:acme/api\n', 'repos.txt:2: github:acme/api is listed twice (first on line 1)'],
  ])('a bad fleet file %j exits 1 with file, line, expected and got', async (text, message) => {
    writeFileSync(join(dir, 'repos.txt'), text);
    const { code, io } = await fleet();
    expect(code).toBe(1);
    expect(io.stderr).toEqual([`dockyard: ${message}`]);
    expect(github.requests).toEqual([]);
  });

  it.each([
    [['fleet'], '--repos FILE is required'],
    [['fleet', '--repos', 'r.txt', '--concurrency', '0'], '--concurrency: expected an integer from 1 to 32, got "0"'],
    [
      ['fleet', '--repos', 'r.txt', '--concurrency', 'many'],
      '--concurrency: expected an integer from 1 to 32, got "many"',
    ],
    [['fleet', '--repos', 'r.txt', '--bogus'], 'unknown option --bogus'],
    [
      ['pr', '--repo', 'acme/api', '--project', 'acme/x'],
      'expected exactly one of --repo OWNER/REPO (GitHub) or --project GROUP/PROJECT (GitLab)',
    ],
    [['pr', '--repo', 'not-a-repo'], '--repo: expected OWNER/REPO (e.g. acme/api), got "not-a-repo"'],
    [
      ['pr', '--project', 'lonely'],
      '--project: expected GROUP/PROJECT (subgroups allowed, e.g. acme/platform/api), got "lonely"',
    ],
    [
      ['pr', '--repo', 'acme/api', '--branch', 'bad..name'],
      '--branch: expected a git branch name like dockyard/pipelines, got "bad..name"',
    ],
  ])('usage error %j exits 2', async (argv, message) => {
    const io = captureOutput();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr[0].startsWith(`dockyard: ${message}`)).toBe(true);
  });
});
