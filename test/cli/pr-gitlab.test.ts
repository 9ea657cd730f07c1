import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPr } from '../../src/cli/commands/pr.js';
import type { PrOptions } from '../../src/cli/commands/pr-args.js';
import { DEFAULT_BOT_IDENTITY } from '../../src/publish/remote-state.js';
import { captureOutput } from '../support/capture-output.js';
import { MockGitlab, TOKEN_USER, type MockGitlabProject } from '../support/mock-gitlab/mock-gitlab-server.js';
import { expectedFiles, YAML_CONFIG } from '../support/publish-fixtures.js';

const BRANCH = 'dockyard/pipelines';
const TOKEN = 'glpat-dockyard-test';
const HUMAN = { name: 'Grace Hopper', email: 'grace@example.com' };
const CHANGED = YAML_CONFIG.replace("'/app/worker --self-test'", "'/app/worker --self-test', '/app/worker --version'");
const MR_URL = 'https://gitlab.test/acme/platform/worker/-/merge_requests/1';

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
  project = gitlab.addProject('acme/platform/worker', {
    'dockyard.config.yaml': YAML_CONFIG,
    'README.md': '# worker\n',
  });
});
afterEach(() => {
  // Every request and answer matched the shapes documented by GitLab (gitlab-api-schemas.ts).
  expect(gitlab.violations).toEqual([]);
});

async function pr(options: Partial<PrOptions> = {}, env: Record<string, string> = {}) {
  const io = captureOutput();
  const before = gitlab.requests.length;
  const code = await runPr({ project: 'acme/platform/worker', 'api-url': gitlab.url, ...options }, io, {
    GITLAB_TOKEN: TOKEN,
    ...env,
  });
  const requests = gitlab.requests.slice(before);
  return { code, io, requests, mutations: requests.filter((r) => r.method !== 'GET') };
}

const tip = () => project.store.commits.get(project.store.branches.get(BRANCH)!)!;

describe('dockyard pr (GitLab)', () => {
  it('opens a merge request whose branch holds what dockyard synth renders, one commit on the base head', async () => {
    const { code, io, mutations } = await pr({ labels: ['ci'] });
    expect(code).toBe(0);
    expect(io.stdout).toEqual([`opened gitlab:acme/platform/worker ${MR_URL}: branch ${BRANCH} does not exist yet`]);
    expect(mutations.map((r) => r.route)).toEqual(['create commit', 'create merge request']);
    expect(mutations[0].body).toMatchObject({
      branch: BRANCH,
      start_sha: project.store.branches.get('main'),
      force: false,
      author_email: DEFAULT_BOT_IDENTITY.email,
    });
    for (const file of await expectedFiles('dockyard.config.yaml', YAML_CONFIG))
      expect(project.store.readFile(BRANCH, file.path)).toBe(file.content);
    expect(tip().parents).toEqual([project.store.branches.get('main')]);
    expect(project.mergeRequests[0]).toMatchObject({
      source: BRANCH,
      target: 'main',
      state: 'opened',
      labels: ['ci'],
      title: 'ci: update the dockyard pipelines',
    });
    expect(project.mergeRequests[0].description).toContain('| `.gitlab-ci.yml` | added |');
    expect(project.mergeRequests[0].description).toContain('- CI: gitlab');
  });

  it('runs twice and three times without pushing; after a base change, one new commit on the new base head updates the same MR', async () => {
    await pr();
    for (const run of [2, 3]) {
      const again = await pr();
      expect({ run, mutations: again.mutations, line: again.io.stdout[0] }).toEqual({
        run,
        mutations: [],
        line: `unchanged gitlab:acme/platform/worker ${MR_URL}: branch ${BRANCH} already holds these files; PR/MR #1 is current`,
      });
    }
    const main = project.store.commitFiles('main', { 'dockyard.config.yaml': CHANGED }, 'Add a check', HUMAN);
    const updated = await pr();
    expect(updated.io.stdout[0]).toBe(
      `updated gitlab:acme/platform/worker ${MR_URL}: the files on ${BRANCH} are out of date`,
    );
    expect(updated.mutations.map((r) => r.route)).toEqual(['create commit', 'update merge request']);
    expect(updated.mutations[0].body).toMatchObject({ start_sha: main.sha, force: true });
    expect(tip().parents).toEqual([main.sha]);
    expect(project.mergeRequests).toHaveLength(1);
    for (const file of await expectedFiles('dockyard.config.yaml', CHANGED))
      expect(project.store.readFile(BRANCH, file.path)).toBe(file.content);
  });

  it('skips (and reports) a bot branch someone else pushed to', async () => {
    await pr();
    const human = project.store.commitFiles(BRANCH, { 'notes.md': 'wip\n' }, 'notes', HUMAN);
    project.store.commitFiles('main', { 'dockyard.config.yaml': CHANGED }, 'Add a check', HUMAN);
    const { code, io, mutations } = await pr();
    expect(code).toBe(0);
    expect(mutations).toEqual([]);
    expect(io.stderr[0]).toContain(
      `skipped gitlab:acme/platform/worker ${MR_URL}: branch ${BRANCH} has commit ${human.sha.slice(0, 12)} by ${HUMAN.email} that dockyard did not make`,
    );
    expect(project.store.branches.get(BRANCH)).toBe(human.sha);
  });

  it('GitLab commits as the token user: the run after is a no-op (0 writes) though the committer is not the bot', async () => {
    await pr();
    // As GitLab does: the committer is the token's user, the author what dockyard sent.
    expect(tip()).toMatchObject({
      author: { email: DEFAULT_BOT_IDENTITY.email },
      committer: { email: TOKEN_USER.commit_email },
    });
    const again = await pr();
    expect(again.mutations).toEqual([]);
    expect(again.io.stdout[0]).toMatch(/^unchanged /);
    expect(again.requests.filter((r) => r.route === 'get current user')).toHaveLength(1);
  });

  it.each([
    [
      'a person amended dockyard’s commit (author and trailer kept, committer changed)',
      HUMAN.email,
      `(committed by ${HUMAN.email})`,
    ],
    [
      'a commit made with another token user (e.g. a new project access token)',
      'project_1_bot_9e01@noreply.gitlab.test',
      '(committed by project_1_bot_9e01@noreply.gitlab.test)',
    ],
  ])('skips the branch when %s', async (_, committerEmail, note) => {
    await pr();
    const ours = tip();
    const amended = project.store.addCommit(
      ours.tree,
      ours.parents,
      ours.message,
      ours.author,
      { name: 'someone', email: committerEmail },
      '2026-12-02T18:30:00Z',
    );
    project.store.branches.set(BRANCH, amended.sha);
    project.store.commitFiles('main', { 'dockyard.config.yaml': CHANGED }, 'Add a check', HUMAN);
    const { code, io, mutations } = await pr();
    expect(code).toBe(0);
    expect(mutations).toEqual([]);
    expect(io.stderr[0]).toContain(
      `branch ${BRANCH} has commit ${amended.sha.slice(0, 12)} by ${DEFAULT_BOT_IDENTITY.email} ${note} that dockyard did not make`,
    );
    expect(project.store.branches.get(BRANCH)).toBe(amended.sha);
  });

  it('--dry-run sends only GET requests and --draft opens a "Draft:" merge request', async () => {
    const dry = await pr({ 'dry-run': true, draft: true });
    expect(dry.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(dry.io.stdout.at(-1)).toBe('dry run: nothing was changed');
    await pr({ draft: true });
    expect(project.mergeRequests[0].title).toBe('Draft: ci: update the dockyard pipelines');
    project.store.commitFiles('main', { 'dockyard.config.yaml': CHANGED }, 'Add a check', HUMAN);
    await pr({ draft: true });
    expect(project.mergeRequests[0].title).toBe('Draft: ci: update the dockyard pipelines');
  });

  it.each([
    [
      'an expired token',
      { env: { GITLAB_TOKEN: 'glpat-expired' } },
      'GitLab read the project (acme/platform/worker): 401 401 Unauthorized; the token in GITLAB_TOKEN is missing, expired or revoked',
    ],
    [
      'an unknown project',
      { options: { project: 'acme/nope' } },
      'GitLab read the project (acme/nope): 404 404 Project Not Found; not found, or the token cannot see this project',
    ],
    [
      'a protected bot branch',
      { setup: () => project.protectedBranches.add(BRANCH) },
      `GitLab commit to ${BRANCH} (acme/platform/worker): 403 You are not allowed to push into this branch; the token lacks a permission`,
    ],
    [
      'no config',
      { setup: () => project.store.commitFiles('main', { 'dockyard.config.yaml': null }, 'rm', HUMAN) },
      'no dockyard config at the root of main',
    ],
    [
      'two configs',
      { setup: () => project.store.commitFiles('main', { 'dockyard.config.json': '{}' }, 'add', HUMAN) },
      'found dockyard.config.json and dockyard.config.yaml at the root of main; keep one',
    ],
  ] as const)('%s: a clear message and exit 1', async (_, c, message) => {
    (c as { setup?: () => void }).setup?.();
    const { code, io } = await pr(
      (c as { options?: Partial<PrOptions> }).options ?? {},
      (c as { env?: Record<string, string> }).env ?? {},
    );
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain(message);
  });

  it('takes the API root from CI_API_V4_URL (self-managed GitLab)', async () => {
    const io = captureOutput();
    expect(
      await runPr({ project: 'acme/platform/worker', 'dry-run': true }, io, {
        GITLAB_TOKEN: TOKEN,
        CI_API_V4_URL: `${gitlab.url}/api/v4`,
      }),
    ).toBe(0);
    expect(io.stdout[0]).toMatch(/^plan for gitlab:acme\/platform\/worker: push/);
  });
});
