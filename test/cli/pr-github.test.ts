import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPr } from '../../src/cli/commands/pr.js';
import type { PrOptions } from '../../src/cli/commands/pr-args.js';
import { BOT_TRAILER } from '../../src/publish/bot-commit.js';
import { DEFAULT_BOT_IDENTITY } from '../../src/publish/remote-state.js';
import { captureOutput } from '../support/capture-output.js';
import { MockGithub, type MockGithubRepo } from '../support/mock-github/mock-github-server.js';
import { expectedFiles, JSON_CONFIG, TS_CONFIG, TS_CONFIG_CHANGED, YAML_CONFIG } from '../support/publish-fixtures.js';

const BRANCH = 'dockyard/pipelines';
const WORKFLOW = '.github/workflows/dockyard.yml';
const TOKEN = 'ghp_dockyard_test';
const HUMAN = { name: 'Grace Hopper', email: 'grace@example.com' };
const TUNING = { github: { retryAfterBaseValue: 1, writeSpacingMs: 0, notificationSpacingMs: 0, retries: 1 } };

let github: MockGithub;
let repo: MockGithubRepo;
beforeAll(async () => {
  github = await new MockGithub().start();
});
afterAll(() => github.stop());
beforeEach(() => {
  github.repos.clear();
  github.requests.length = 0;
  github.violations.length = 0;
  github.intercept = undefined;
  repo = github.addRepo('acme/api', {
    'dockyard.config.ts': TS_CONFIG,
    'README.md': '# api\n',
    Dockerfile: 'FROM scratch\n',
  });
});
afterEach(() => {
  // Every request dockyard sent and every answer the mock gave matched GitHub's OpenAPI description.
  expect(github.violations).toEqual([]);
});

async function pr(options: Partial<PrOptions> = {}, env: Record<string, string> = {}) {
  const io = captureOutput();
  const before = github.requests.length;
  const code = await runPr(
    { repo: 'acme/api', 'api-url': github.url, ...options },
    io,
    { GITHUB_TOKEN: TOKEN, ...env },
    TUNING,
  );
  const requests = github.requests.slice(before);
  return { code, io, requests, mutations: requests.filter((r) => r.method !== 'GET') };
}

function tip() {
  const sha = repo.store.branches.get(BRANCH)!;
  return repo.store.commits.get(sha)!;
}

describe('dockyard pr (GitHub)', () => {
  it('opens a pull request whose branch holds exactly what dockyard synth renders from the remote config, on the base head', async () => {
    const { code, io, mutations } = await pr();
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      `opened github:acme/api https://github.test/acme/api/pull/1: branch ${BRANCH} does not exist yet`,
    ]);
    expect(mutations.map((r) => r.operationId)).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/create-ref',
      'pulls/create',
    ]);
    for (const file of await expectedFiles('dockyard.config.ts', TS_CONFIG))
      expect(repo.store.readFile(BRANCH, file.path)).toBe(file.content);
    expect(tip().parents).toEqual([repo.store.branches.get('main')]);
    expect(tip().author.email).toBe(DEFAULT_BOT_IDENTITY.email);
    expect(tip().message).toContain(BOT_TRAILER);
    const [pull] = repo.pulls;
    expect(pull).toMatchObject({
      head: BRANCH,
      base: 'main',
      state: 'open',
      draft: false,
      title: 'ci: update the dockyard pipelines',
    });
    expect(pull.body).toContain(`| \`${WORKFLOW}\` | added | +`);
    expect(pull.body).toContain('- Platforms: linux/amd64, linux/arm64');
    expect(pull.body).toMatch(/build ×2: Build the candidate image/);
    expect(pull.body).toContain('test: Dockerfile stage `test` built on the candidate (linux/amd64)');
    expect(pull.body).toContain('npx dockyard synth --check');
  });

  it('is idempotent: a second and a third run push nothing and change nothing', async () => {
    await pr();
    const head = repo.store.branches.get(BRANCH);
    for (const run of [2, 3]) {
      const { code, io, mutations } = await pr();
      expect({ run, code, mutations }).toEqual({ run, code: 0, mutations: [] });
      expect(io.stdout[0]).toBe(
        `unchanged github:acme/api https://github.test/acme/api/pull/1: branch ${BRANCH} already holds these files; PR/MR #1 is current`,
      );
    }
    expect(repo.store.branches.get(BRANCH)).toBe(head);
    expect(repo.pulls).toHaveLength(1);
  });

  it('a rerun asking for a new label updates only the pull request, pushing nothing', async () => {
    await pr();
    const head = repo.store.branches.get(BRANCH);
    const { io, mutations } = await pr({ labels: ['dependencies'] });
    expect(io.stdout[0]).toBe(
      `updated github:acme/api https://github.test/acme/api/pull/1: branch ${BRANCH} already holds these files; PR/MR #1 is current; added label(s) dependencies`,
    );
    expect(mutations.map((r) => r.operationId)).toEqual(['pulls/update', 'issues/add-labels']);
    expect(repo.store.branches.get(BRANCH)).toBe(head);
    expect(repo.pulls[0].labels).toEqual(['dependencies']);
    expect((await pr({ labels: ['dependencies'] })).mutations).toEqual([]);
  });

  it('after the base changes the config: one new commit on the new base head, the same pull request updated', async () => {
    await pr();
    const main = repo.store.commitFiles(
      'main',
      { 'dockyard.config.ts': TS_CONFIG_CHANGED },
      'Build for arm/v7 and GitLab too',
      HUMAN,
    );
    const { code, io, mutations } = await pr();
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe(
      `updated github:acme/api https://github.test/acme/api/pull/1: the files on ${BRANCH} are out of date`,
    );
    expect(mutations.map((r) => r.operationId)).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/update-ref',
      'pulls/update',
    ]);
    expect(tip().parents).toEqual([main.sha]);
    for (const file of await expectedFiles('dockyard.config.ts', TS_CONFIG_CHANGED))
      expect(repo.store.readFile(BRANCH, file.path)).toBe(file.content);
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0].body).toContain('linux/arm/v7 (QEMU on GitLab)');
    expect((await pr()).mutations).toEqual([]);
  });

  it('after an unrelated base change: nothing is pushed (the pull request still shows the right diff)', async () => {
    await pr();
    const head = repo.store.branches.get(BRANCH);
    repo.store.commitFiles('main', { 'README.md': '# api\n\nNow with docs.\n' }, 'Docs', HUMAN);
    const { io, mutations } = await pr();
    expect(mutations).toEqual([]);
    expect(io.stdout[0]).toMatch(/^unchanged /);
    expect(repo.store.branches.get(BRANCH)).toBe(head);
  });

  it('after the base regenerates the files differently: rebuilt on the new base head so the pull request cannot conflict', async () => {
    await pr();
    repo.store.commitFiles(
      'main',
      { [WORKFLOW]: (await expectedFiles('dockyard.config.json', JSON_CONFIG))[0].content },
      'Someone ran an older synth',
      HUMAN,
    );
    const { io, mutations } = await pr({ force: true });
    expect(io.stdout[0]).toBe(
      `updated github:acme/api https://github.test/acme/api/pull/1: main changed the generated files since ${BRANCH} was built`,
    );
    expect(mutations.map((r) => r.operationId)).toContain('git/update-ref');
    expect(tip().parents).toEqual([repo.store.branches.get('main')]);
  });

  it('after a person pushes to the bot branch: reports and skips, never forces over their commit', async () => {
    await pr();
    const human = repo.store.commitFiles(BRANCH, { 'notes.txt': 'please also bump node\n' }, 'Add a note', HUMAN);
    repo.store.commitFiles('main', { 'dockyard.config.ts': TS_CONFIG_CHANGED }, 'Change config', HUMAN);
    const { code, io, mutations } = await pr();
    expect(code).toBe(0);
    expect(mutations).toEqual([]);
    expect(io.stderr[0]).toBe(
      `skipped github:acme/api https://github.test/acme/api/pull/1: branch ${BRANCH} has commit ${human.sha.slice(0, 12)} by ${HUMAN.email} that dockyard did not make; not overwriting it (merge or close it, or delete the branch)`,
    );
    expect(repo.store.branches.get(BRANCH)).toBe(human.sha);
  });

  it('--dry-run prints branch, files with line counts and title, and sends only GET requests', async () => {
    const { code, io, requests } = await pr({ 'dry-run': true });
    expect(code).toBe(0);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const lines = (await expectedFiles('dockyard.config.ts', TS_CONFIG))[0].content.trimEnd().split('\n').length;
    expect(io.stdout).toEqual([
      `plan for github:acme/api: push (branch ${BRANCH} does not exist yet)`,
      `  branch: ${BRANCH} -> main (${repo.store.branches.get('main')!.slice(0, 12)})`,
      '  title: ci: update the dockyard pipelines',
      `  add ${WORKFLOW} (+${lines} -0, base: missing)`,
      `  would: commit 1 file(s) on main, create branch ${BRANCH}, open the pull/merge request`,
      'dry run: nothing was changed',
    ]);
    expect(repo.store.branches.has(BRANCH)).toBe(false);
  });

  it('--draft, --label, --branch, --base and --title shape the pull request; labels people added are kept', async () => {
    repo.store.commitFiles('develop', {}, 'branch off', HUMAN, 'main');
    await pr({
      draft: true,
      labels: ['ci', 'dependencies'],
      branch: 'bots/dockyard',
      base: 'develop',
      title: 'Regenerate CI',
    });
    expect(repo.pulls[0]).toMatchObject({
      draft: true,
      labels: ['ci', 'dependencies'],
      head: 'bots/dockyard',
      base: 'develop',
      title: 'Regenerate CI',
    });
    repo.pulls[0].labels.push('reviewed');
    repo.store.commitFiles('develop', { 'dockyard.config.ts': TS_CONFIG_CHANGED }, 'Change config', HUMAN);
    const { mutations } = await pr({
      labels: ['ci'],
      branch: 'bots/dockyard',
      base: 'develop',
      title: 'Regenerate CI',
    });
    expect(mutations.map((r) => r.operationId)).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/update-ref',
      'pulls/update',
    ]);
    expect(repo.pulls[0].labels).toEqual(['ci', 'dependencies', 'reviewed']);
  });

  it('when opening the pull request fails after the push, the next run reuses the branch and opens it without pushing again', async () => {
    github.intercept = (r) =>
      r.operationId === 'pulls/create'
        ? {
            status: 403,
            body: {
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.github.com/rest',
            },
          }
        : undefined;
    const failed = await pr();
    expect(failed.code).toBe(1);
    expect(failed.io.stderr[0]).toBe(
      'failed github:acme/api: GitHub open the pull request (acme/api): 403 Resource not accessible by integration; the token lacks a permission (dockyard needs Contents: write and Pull requests: write, or the classic repo scope), or the repository is archived',
    );
    const head = repo.store.branches.get(BRANCH);
    github.intercept = undefined;
    const again = await pr();
    expect(again.io.stdout[0]).toBe(
      `opened github:acme/api https://github.test/acme/api/pull/1: branch ${BRANCH} already holds these files but has no open PR/MR`,
    );
    expect(again.mutations.map((r) => r.operationId)).toEqual(['pulls/create']);
    expect(repo.store.branches.get(BRANCH)).toBe(head);
  });

  it.each([
    [
      'dockyard.config.json',
      JSON_CONFIG,
      ['.github/workflows/dockyard.yml', '.gitlab-ci.yml', '.gitlab/dockyard-meta.mjs'],
    ],
    ['dockyard.config.yaml', YAML_CONFIG, ['.gitlab-ci.yml', '.gitlab/dockyard-meta.mjs']],
    [
      'dockyard.config.mjs',
      `export default ${JSON_CONFIG.trim()};\n`,
      ['.github/workflows/dockyard.yml', '.gitlab-ci.yml', '.gitlab/dockyard-meta.mjs'],
    ],
  ])('reads a %s config from the repository root', async (name, source, paths) => {
    github.repos.clear();
    repo = github.addRepo('acme/api', { [name]: source });
    expect((await pr()).code).toBe(0);
    for (const file of await expectedFiles(name, source))
      expect(repo.store.readFile(BRANCH, file.path)).toBe(file.content);
    expect((await expectedFiles(name, source)).map((f) => f.path)).toEqual(paths);
  });

  it('a base that already has the generated files is unchanged, and no branch is created', async () => {
    const files = Object.fromEntries(
      (await expectedFiles('dockyard.config.ts', TS_CONFIG)).map((f) => [f.path, f.content]),
    );
    repo.store.commitFiles('main', files, 'synth', HUMAN);
    const { io, mutations } = await pr();
    expect(mutations).toEqual([]);
    expect(io.stdout[0]).toBe('unchanged github:acme/api: main already has the generated files');
  });

  it('a hand-edited generated file on the base is not overwritten without --force', async () => {
    const [file] = await expectedFiles('dockyard.config.ts', TS_CONFIG);
    repo.store.commitFiles(
      'main',
      { [file.path]: `${file.content}# tweak\n`, 'dockyard.config.ts': TS_CONFIG_CHANGED },
      'edit by hand',
      HUMAN,
    );
    const refused = await pr();
    expect(refused.mutations).toEqual([]);
    expect(refused.io.stderr[0]).toBe(
      `skipped github:acme/api: on main: ${WORKFLOW} (edited by hand); move the changes into the config, or re-run with --force`,
    );
    const forced = await pr({ force: true });
    expect(forced.io.stdout[0]).toMatch(/^opened /);
    expect(repo.pulls[0].body).toContain(`| \`${WORKFLOW}\` | regenerated (overwrites a hand edit) |`);
  });

  it.each([
    [
      'no config at the root',
      { 'README.md': 'x' },
      'failed github:acme/api: no dockyard config at the root of main: expected one of dockyard.config.ts, dockyard.config.mts, dockyard.config.js, dockyard.config.mjs, dockyard.config.json, dockyard.config.yaml, dockyard.config.yml',
    ],
    [
      'an invalid config',
      {
        'dockyard.config.json':
          '{"ci": ["github"], "image": {"name": "acme/api"}, "platforms": ["linux/amd65"], "test": {"commands": ["true"]}}',
      },
      'failed github:acme/api: dockyard.config.json on main is invalid: 1 error(s), first: platforms[0]: unknown value; expected one of',
    ],
    [
      'a config with a syntax error',
      { 'dockyard.config.yaml': 'ci: [github\n' },
      'failed github:acme/api: dockyard.config.yaml on main: cannot load dockyard.config.yaml:',
    ],
    [
      'a TypeScript config importing a sibling file',
      { 'dockyard.config.ts': "import base from './base.js';\nexport default base;\n", 'base.js': 'export default {}' },
      'failed github:acme/api: dockyard.config.ts on main: cannot load dockyard.config.ts:',
    ],
  ])('%s: fails with a clear message, exit 1, no change', async (_, files, message) => {
    github.repos.clear();
    repo = github.addRepo('acme/api', files);
    const { code, io, mutations } = await pr();
    expect(code).toBe(1);
    expect(mutations).toEqual([]);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it.each([
    [
      'an expired token',
      { env: { GITHUB_TOKEN: 'ghp_expired' } },
      'GitHub read the repository (acme/api): 401 Bad credentials; the token in GITHUB_TOKEN is missing, expired or revoked',
    ],
    [
      'an unknown repository',
      { options: { repo: 'acme/nope' } },
      'GitHub read the repository (acme/nope): 404 Not Found; not found, or the token cannot see this repository',
    ],
    [
      'no push permission',
      { setup: () => (repo.push = false) },
      'GitHub create the tree (acme/api): 403 Resource not accessible by personal access token; the token lacks a permission',
    ],
    ['an unknown base branch', { options: { base: 'release' } }, 'acme/api: base branch "release" not found'],
    [
      'no token',
      { env: { GITHUB_TOKEN: '' } },
      'GITHUB_TOKEN is not set: expected a token that can push branches and open pull requests in acme/api',
    ],
  ] as const)('%s: fails with a clear message and exit 1', async (_, c, message) => {
    (c as { setup?: () => void }).setup?.();
    const { code, io } = await pr(
      (c as { options?: Partial<PrOptions> }).options ?? {},
      (c as { env?: Record<string, string> }).env ?? {},
    );
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain(message);
  });

  it('a protected bot branch is reported (422) and left as it was', async () => {
    await pr();
    const head = repo.store.branches.get(BRANCH);
    repo.protectedBranches.add(BRANCH);
    repo.store.commitFiles('main', { 'dockyard.config.ts': TS_CONFIG_CHANGED }, 'Change config', HUMAN);
    const { code, io } = await pr();
    expect(code).toBe(1);
    expect(io.stderr[0]).toBe(
      `failed github:acme/api: GitHub update branch ${BRANCH} (acme/api): 422 Protected branch update failed for refs/heads/${BRANCH}.; GitHub refused the change (a protected branch, a branch name it rejects, or invalid input)`,
    );
    expect(repo.store.branches.get(BRANCH)).toBe(head);
  });

  it('uses GITHUB_API_URL, and a GitHub Enterprise Server style /api/v3 root', async () => {
    const io = captureOutput();
    expect(
      await runPr(
        { repo: 'acme/api', 'dry-run': true },
        io,
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: `${github.url}/api/v3` },
        TUNING,
      ),
    ).toBe(0);
    expect(io.stdout[0]).toMatch(/^plan for github:acme\/api: push/);
  });

  it('retries a secondary rate limit after retry-after and then succeeds', async () => {
    let limited = 0;
    github.intercept = (r) =>
      r.operationId === 'repos/get' && limited++ < 2
        ? {
            status: 403,
            headers: { 'retry-after': '1' },
            body: {
              message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
              documentation_url: 'https://docs.github.com/rest',
            },
          }
        : undefined;
    const { code, requests } = await pr();
    expect(code).toBe(0);
    expect(requests.filter((r) => r.operationId === 'repos/get').map((r) => r.status)).toEqual([403, 403, 200]);
  });
});
