import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubWebRootOf, runTrigger } from '../../src/cli/commands/trigger.js';
import type { TriggerOptions } from '../../src/cli/commands/trigger-args.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import type { MockGithubRepo } from '../support/mock-github/mock-github-server.js';
import { useMockHosts } from '../support/mock-hosts.js';
import type { MockGitlabProject } from '../support/mock-gitlab/mock-gitlab-server.js';

const GITHUB_TOKEN = 'ghp_dockyard_test';
const TRIGGER_TOKEN = 'glptt-dockyard-test';
const TUNING = { github: { retryAfterBaseValue: 1, writeSpacingMs: 0, notificationSpacingMs: 0, retries: 0 } };

const { github, gitlab } = useMockHosts();
let repo: MockGithubRepo;
let project: MockGitlabProject;
let dir: string;

function writeConfig(triggers: Record<string, unknown> = {}): void {
  writeFileSync(
    join(dir, 'dockyard.config.json'),
    JSON.stringify({ ci: ['github', 'gitlab'], image: { name: 'acme/site' }, test: { commands: ['true'] }, triggers }),
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-trigger-'));
  writeConfig();
  github.repos.clear();
  github.requests.length = 0;
  github.ghes = false;
  gitlab.projects.clear();
  gitlab.requests.length = 0;
  gitlab.privateTokenSent.length = 0;
  gitlab.contentTypes.length = 0;
  repo = github.addRepo('acme/site', { Dockerfile: 'FROM scratch\n' });
  repo.store.branches.set('release', repo.store.branches.get('main')!);
  repo.tags.add('v1.2.0');
  project = gitlab.addProject('acme/site', { Dockerfile: 'FROM scratch\n' });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  // Every request matched GitHub's OpenAPI description / the documented GitLab table, and so did every answer.
  expect(github.violations).toEqual([]);
  expect(gitlab.violations).toEqual([]);
});

async function trigger(options: Partial<TriggerOptions>, env: Record<string, string> = {}) {
  const io = captureOutput();
  const code = await runTrigger(
    { dir, ...options },
    io,
    { GITHUB_TOKEN, GITLAB_TRIGGER_TOKEN: TRIGGER_TOKEN, ...env },
    TUNING,
  );
  return { code, io };
}

const onGithub = (o: Partial<TriggerOptions> = {}) => ({
  host: 'github',
  repo: 'acme/site',
  'api-url': github.url,
  ...o,
});
const onGitlab = (o: Partial<TriggerOptions> = {}) => ({
  host: 'gitlab',
  project: 'acme/site',
  'api-url': `${gitlab.url}/api/v4`,
  ref: 'main',
  ...o,
});

describe('dockyard trigger (GitHub)', () => {
  it.each([
    ['the default branch, run details returned', {}, 'main', undefined],
    ['a tag with push=false', { ref: 'v1.2.0', inputs: ['push=false'] }, 'v1.2.0', { push: 'false' }],
    ['a branch with push=true', { ref: 'release', inputs: ['push=true'] }, 'release', { push: 'true' }],
  ])('starts workflow_dispatch: %s, and prints the run URL', async (_name, extra, ref, inputs) => {
    const { code, io } = await trigger(onGithub(extra));
    expect({ code, stderr: io.stderr }).toEqual({ code: 0, stderr: [] });
    expect(repo.dispatches).toEqual([
      { kind: 'workflow', workflow: 'dockyard.yml', ref, inputs: inputs ?? {}, runId: expect.any(Number) },
    ]);
    expect(io.stdout).toEqual([
      `started github:acme/site dockyard.yml on ${ref}: https://github.test/acme/site/actions/runs/${repo.dispatches[0].runId}`,
    ]);
    const dispatch = github.requests.find((r) => r.operationId === 'actions/create-workflow-dispatch')!;
    expect(dispatch).toMatchObject({
      method: 'POST',
      path: '/repos/acme/site/actions/workflows/dockyard.yml/dispatches',
      status: 200,
      body: { ref, return_run_details: true },
    });
  });

  it.each([
    ['the default event type, push=false in the payload', {}, ['push=false'], 'dockyard-build', { push: 'false' }],
    ['a configured event type, manual runs off', { eventType: 'rebuild-base', manual: false }, [], 'rebuild-base', {}],
  ])(
    'sends repository_dispatch with --dispatch: %s, and prints where it runs',
    async (_name, dispatch, inputs, eventType, payload) => {
      const { manual, ...rest } = dispatch as { manual?: boolean; eventType?: string };
      writeConfig({ dispatch: rest, ...(manual === false ? { manual } : {}) });
      const { code, io } = await trigger(onGithub({ dispatch: true, inputs }));
      expect({ code, stderr: io.stderr }).toEqual({ code: 0, stderr: [] });
      expect(io.stdout).toEqual([
        `sent repository_dispatch ${eventType} to github:acme/site; runs on the default branch: ${github.url}/acme/site/actions?query=event%3Arepository_dispatch`,
      ]);
      expect(repo.dispatches).toEqual([{ kind: 'repository', eventType, payload }]);
      expect(github.requests.map((r) => [r.method, r.path, r.status, r.body])).toEqual([
        ['POST', '/repos/acme/site/dispatches', 204, { event_type: eventType, client_payload: payload }],
      ]);
    },
  );

  it('--dispatch without triggers.dispatch in the config is refused before any request', async () => {
    await expect(trigger(onGithub({ dispatch: true }))).rejects.toThrow(
      new UsageError(
        '--dispatch: external triggers are off; expected triggers.dispatch.eventType in the config, got nothing',
      ),
    );
    expect(github.requests).toEqual([]);
  });

  it('on GitHub Enterprise Server (API under /api/v3, no run details) retries without return_run_details and prints the workflow page', async () => {
    github.ghes = true;
    const { code, io } = await trigger(onGithub({ 'api-url': `${github.url}/api/v3`, ref: 'main' }));
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      `started github:acme/site dockyard.yml on main (this server returns no run URL): ${github.url}/acme/site/actions/workflows/dockyard.yml`,
    ]);
    expect(
      github.requests.map((r) => [r.path, r.status, (r.body as { return_run_details?: boolean }).return_run_details]),
    ).toEqual([
      ['/repos/acme/site/actions/workflows/dockyard.yml/dispatches', 422, true],
      ['/repos/acme/site/actions/workflows/dockyard.yml/dispatches', 204, undefined],
    ]);
    expect(repo.dispatches).toHaveLength(1);
  });

  it.each([
    [
      'a bad token',
      {},
      { GITHUB_TOKEN: 'ghp_revoked' },
      () => {},
      'dockyard trigger: GitHub read the repository (acme/site): 401 Bad credentials; the token in GITHUB_TOKEN is missing, expired or revoked',
    ],
    [
      'an unknown ref',
      { ref: 'nope' },
      {},
      () => {},
      'dockyard trigger: --ref nope (acme/site): unknown ref; expected an existing branch or tag, got 422 No ref found for: nope',
    ],
    [
      'a missing workflow',
      { ref: 'main' },
      {},
      () => repo.workflows.clear(),
      'dockyard trigger: GitHub workflow dockyard.yml (acme/site): not found; expected .github/workflows/dockyard.yml on the default branch (run dockyard synth and commit it) and a token that can see acme/site, got 404 Not Found',
    ],
    [
      'a committed workflow without workflow_dispatch',
      { ref: 'main' },
      {},
      () => repo.workflows.set('dockyard.yml', { dispatch: false }),
      "dockyard trigger: GitHub workflow dockyard.yml (acme/site): no manual trigger on main; expected on.workflow_dispatch in the committed file (set triggers.manual, run dockyard synth and commit), got 422 Workflow does not have 'workflow_dispatch' trigger",
    ],
    [
      'a committed workflow older than the push input',
      { ref: 'main', inputs: ['push=false'] },
      {},
      () => repo.workflows.set('dockyard.yml', { dispatch: true, inputs: [] }),
      'dockyard trigger: --input (acme/site): the committed dockyard.yml on main does not declare these inputs; expected a workflow rendered by this dockyard version (run dockyard synth and commit it), got 422 Unexpected inputs provided: ["push"]',
    ],
    [
      'an unknown repository',
      { repo: 'acme/other', ref: 'main' },
      {},
      () => {},
      'dockyard trigger: GitHub workflow dockyard.yml (acme/other): not found; expected .github/workflows/dockyard.yml on the default branch (run dockyard synth and commit it) and a token that can see acme/other, got 404 Not Found',
    ],
    [
      'no token',
      {},
      { GITHUB_TOKEN: '' },
      () => {},
      'dockyard trigger: GITHUB_TOKEN: not set; expected a token with Actions: write on acme/site (or the classic repo scope), got nothing',
    ],
  ])('fails with exit 1 and a clear error: %s', async (_name, extra, env, arrange, message) => {
    arrange();
    const { code, io } = await trigger(onGithub(extra), env);
    expect({ code, stdout: io.stdout, stderr: io.stderr }).toEqual({ code: 1, stdout: [], stderr: [message] });
    expect(repo.dispatches).toEqual([]);
    expect(io.text()).not.toContain(GITHUB_TOKEN);
  });
});

describe('dockyard trigger (GitLab pipeline trigger token)', () => {
  beforeEach(() => writeConfig({ dispatch: {} }));

  it.each([
    ['main, no variables', {}, 'main', {}],
    [
      '--dispatch (trigger tokens need triggers.dispatch)',
      { dispatch: true, ref: 'main', inputs: ['push=true'] },
      'main',
      { DOCKYARD_PUSH: 'true' },
    ],
    ['push=false as DOCKYARD_PUSH', { inputs: ['push=false'] }, 'main', { DOCKYARD_PUSH: 'false' }],
  ])('triggers a pipeline: %s, and prints its URL', async (_name, extra, ref, variables) => {
    const { code, io } = await trigger(onGitlab(extra));
    expect({ code, stderr: io.stderr }).toEqual({ code: 0, stderr: [] });
    expect(io.stdout).toEqual([
      `started gitlab:acme/site pipeline 9000 on ${ref}: https://gitlab.test/acme/site/-/pipelines/9000`,
    ]);
    expect(project.pipelines).toEqual([{ id: 9000, ref, variables }]);
    expect(gitlab.requests.map((r) => [r.method, r.path.replace(/token=[^&]+/, 'token=…')])).toEqual([
      ['POST', `/api/v4/projects/acme%2Fsite/trigger/pipeline?token=…&ref=${ref}`],
    ]);
    // The trigger token authenticates alone: no PRIVATE-TOKEN header.
    expect(gitlab.privateTokenSent).toEqual([false]);
  });

  it.each([
    [
      'a bad trigger token',
      {},
      { GITLAB_TRIGGER_TOKEN: 'glptt-wrong' },
      'dockyard trigger: GitLab trigger (acme/site): not found; expected an existing project and a valid pipeline trigger token in GITLAB_TRIGGER_TOKEN, got 404 404 Not Found',
    ],
    [
      'an unknown ref',
      { ref: 'nope' },
      {},
      'dockyard trigger: --ref nope (acme/site): unknown ref; expected an existing branch or tag, got 400 {"base":["Reference not found"]}',
    ],
    [
      'an unknown project',
      { project: 'acme/other' },
      {},
      'dockyard trigger: GitLab trigger (acme/other): not found; expected an existing project and a valid pipeline trigger token in GITLAB_TRIGGER_TOKEN, got 404 404 Not Found',
    ],
    [
      'no token',
      {},
      { GITLAB_TRIGGER_TOKEN: '' },
      'dockyard trigger: GITLAB_TRIGGER_TOKEN: not set; expected a pipeline trigger token of acme/site (Settings > CI/CD > Pipeline trigger tokens), got nothing',
    ],
  ])('fails with exit 1 and a clear error: %s', async (_name, extra, env, message) => {
    const { code, io } = await trigger(onGitlab(extra), env);
    expect({ code, stdout: io.stdout, stderr: io.stderr }).toEqual({ code: 1, stdout: [], stderr: [message] });
    expect(project.pipelines).toEqual([]);
    expect(io.text()).not.toContain(TRIGGER_TOKEN);
  });
});

describe('dockyard trigger (GitLab): rate limits and server errors', () => {
  beforeEach(() => writeConfig({ dispatch: {} }));
  afterEach(() => {
    gitlab.intercept = undefined;
    gitlab.interceptAfter = undefined;
  });

  it('a 429 with retry-after: 1 is retried after at least one second, and one pipeline is created', async () => {
    let left = 1;
    gitlab.intercept = (r) =>
      r.route === 'trigger pipeline' && left-- > 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } }
        : undefined;
    const { code } = await trigger(onGitlab());
    expect(code).toBe(0);
    const [limited, retried] = gitlab.requests;
    expect([limited.status, retried.status]).toEqual([429, 201]);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(project.pipelines).toHaveLength(1);
  });

  it('a 502 after GitLab created the pipeline is not sent again (no second pipeline), exit 1', async () => {
    gitlab.interceptAfter = (r) =>
      r.route === 'trigger pipeline' ? { status: 502, body: { message: '502 Bad Gateway' } } : undefined;
    const { code, io } = await trigger(onGitlab());
    expect(code).toBe(1);
    expect(io.stderr).toEqual([
      'dockyard trigger: GitLab trigger a pipeline (acme/site): 502 502 Bad Gateway; GitLab had a server error',
    ]);
    expect(gitlab.requests).toHaveLength(1);
    expect(project.pipelines).toHaveLength(1);
  });
});

describe('githubWebRootOf', () => {
  it.each([
    ['https://api.github.com', 'https://github.com'],
    ['https://api.github.com/', 'https://github.com'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com'],
  ])('%s → %s', (api, web) => {
    expect(githubWebRootOf(api)).toBe(web);
  });
});

describe('dockyard trigger usage errors', () => {
  beforeEach(() => writeConfig({ dispatch: {} }));
  it.each([
    [
      'an unknown input key',
      () => onGithub({ inputs: ['colour=red'] }),
      '--input colour: unknown input; expected one of: push, got "colour"',
    ],
    [
      'a non-boolean push',
      () => onGitlab({ inputs: ['push=maybe'] }),
      '--input push: not a boolean; expected true or false, got "maybe"',
    ],
    [
      'no --host with both CI systems',
      () => ({ repo: 'acme/site' }),
      '--host: the config renders for github and gitlab; expected --host github or --host gitlab, got nothing',
    ],
    [
      'an unknown host',
      () => ({ host: 'bitbucket' }),
      '--host: unknown CI system; expected github or gitlab, got "bitbucket"',
    ],
    ['no --repo on GitHub', () => ({ host: 'github' }), '--repo: required on GitHub; expected OWNER/REPO, got nothing'],
    ['a malformed --repo', () => onGithub({ repo: 'acme' }), '--repo: expected OWNER/REPO (e.g. acme/api), got "acme"'],
    [
      'no --project on GitLab',
      () => ({ host: 'gitlab', ref: 'main' }),
      '--project: required on GitLab; expected GROUP/PROJECT or a project id, got nothing',
    ],
    [
      'GitLab without triggers.dispatch (its trigger pipelines would be filtered out)',
      () => (writeConfig(), onGitlab({})),
      'triggers.dispatch: on GitLab, dockyard trigger uses a pipeline trigger token, and the pipeline accepts trigger pipelines only with triggers.dispatch; expected triggers.dispatch in the config, got nothing',
    ],
  ])('%s', async (_name, options, message) => {
    await expect(trigger(options())).rejects.toThrow(new UsageError(message));
    expect(github.requests).toEqual([]);
    expect(gitlab.requests).toEqual([]);
  });

  it('the CLI exits 2 for usage errors, collecting every --input (both spellings) and rejecting undeclared flags', async () => {
    const io = captureOutput();
    expect(
      await runCli(
        [
          'trigger',
          '--dir',
          dir,
          '--host',
          'github',
          '--repo',
          'acme/site',
          '--input',
          'push=true',
          '--input=colour=red',
        ],
        io,
      ),
    ).toBe(2);
    expect(io.stderr[0]).toBe('dockyard: --input colour: unknown input; expected one of: push, got "colour"');
    const io2 = captureOutput();
    expect(await runCli(['trigger', '--dir', dir, '--host', 'github', '--repo', 'acme/site', '--bogus'], io2)).toBe(2);
    expect(io2.stderr[0]).toMatch(/^dockyard: unknown option --bogus; accepted: --ref, --input, .*--dispatch$/);
  });

  it('manual runs off: the config refuses workflow_dispatch before any request', async () => {
    writeConfig({ manual: false });
    await expect(trigger(onGithub())).rejects.toThrow(
      'triggers.manual: manual runs are off; expected triggers.manual on (or --dispatch with triggers.dispatch), got false',
    );
    expect(github.requests).toEqual([]);
  });
});
