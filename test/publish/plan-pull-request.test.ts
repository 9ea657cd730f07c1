import { describe, expect, it } from 'vitest';
import { botCommitMessage } from '../../src/publish/bot-commit.js';
import { gitBlobShaOf } from '../../src/publish/git-blob-sha.js';
import { planPullRequest, type PullRequestPlanInput } from '../../src/publish/plan-pull-request.js';
import { DEFAULT_BOT_IDENTITY, type RemoteCommit, type RemoteFiles } from '../../src/publish/remote-state.js';
import type { GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { expectedFiles, JSON_CONFIG, TS_CONFIG } from '../support/publish-fixtures.js';

const rendered: GeneratedFile[] = await expectedFiles('dockyard.config.json', JSON_CONFIG);
const older: GeneratedFile[] = await expectedFiles('dockyard.config.ts', TS_CONFIG);
const BASE = { name: 'main', sha: 'a'.repeat(40) };
const files = (list: ReadonlyArray<{ path: string; content: string }>, withContent = true): RemoteFiles =>
  new Map(
    rendered.map((f) => {
      const found = list.find((x) => x.path === f.path);
      return [
        f.path,
        found
          ? { blobSha: gitBlobShaOf(found.content), ...(withContent ? { content: found.content } : {}) }
          : undefined,
      ];
    }),
  );
const botCommit = (parent = 'b'.repeat(40)): RemoteCommit => ({
  sha: 'c'.repeat(40),
  message: botCommitMessage(),
  authorEmail: DEFAULT_BOT_IDENTITY.email,
  committerEmail: DEFAULT_BOT_IDENTITY.email,
  parents: [parent],
});
const request = {
  number: 7,
  url: 'https://github.test/acme/api/pull/7',
  title: 't',
  body: 'b',
  draft: false,
  labels: [],
};
const none = files([]);

function input(over: Partial<PullRequestPlanInput>): PullRequestPlanInput {
  return {
    base: BASE,
    branch: 'dockyard/pipelines',
    rendered,
    baseFiles: none,
    identity: DEFAULT_BOT_IDENTITY,
    ...over,
  };
}

describe('planPullRequest', () => {
  it.each<
    [string, Partial<PullRequestPlanInput>, { action: string; request: string; createBranch?: boolean; reason: RegExp }]
  >([
    ['no branch yet', {}, { action: 'push', request: 'open', createBranch: true, reason: /does not exist yet/ }],
    [
      'base already current',
      { baseFiles: files(rendered) },
      { action: 'up-to-date', request: 'none', reason: /^main already has the generated files$/ },
    ],
    [
      'base current, stale PR left open',
      { baseFiles: files(rendered), openRequest: request },
      { action: 'up-to-date', request: 'none', reason: /PR\/MR #7 is no longer needed/ },
    ],
    [
      'branch holds the files, PR open',
      { botBranch: { head: botCommit(), files: files(rendered, false), parentFiles: none }, openRequest: request },
      { action: 'keep', request: 'none', reason: /#7 is current/ },
    ],
    [
      'branch holds the files, no PR (earlier run failed)',
      { botBranch: { head: botCommit(), files: files(rendered, false), parentFiles: none } },
      { action: 'keep', request: 'open', reason: /has no open PR\/MR/ },
    ],
    [
      'branch out of date',
      { botBranch: { head: botCommit(), files: files(older, false), parentFiles: none }, openRequest: request },
      {
        action: 'push',
        request: 'update',
        createBranch: false,
        reason: /files on dockyard\/pipelines are out of date/,
      },
    ],
    [
      'base changed the generated files since the branch was built',
      {
        baseFiles: files(older),
        force: true,
        botBranch: { head: botCommit(), files: files(rendered, false), parentFiles: none },
        openRequest: request,
      },
      { action: 'push', request: 'update', reason: /main changed the generated files/ },
    ],
    [
      'a person committed on the branch',
      {
        botBranch: {
          head: { ...botCommit(), message: 'fix', authorEmail: 'ada@example.com', committerEmail: 'ada@example.com' },
          files: none,
          parentFiles: none,
        },
      },
      { action: 'skip', request: 'none', reason: /by ada@example.com that dockyard did not make/ },
    ],
    [
      'a person amended the bot commit',
      {
        botBranch: {
          head: { ...botCommit(), committerEmail: 'ada@example.com' },
          files: files(rendered, false),
          parentFiles: none,
        },
      },
      { action: 'skip', request: 'none', reason: /not overwriting it/ },
    ],
    // dockyard never makes merge commits: one with the bot's name was made by something else (docs: "pushed, amended or merged").
    [
      'a merge commit by the bot name but two parents',
      {
        botBranch: {
          head: { ...botCommit(), parents: ['1'.repeat(40), '2'.repeat(40)] },
          files: files(rendered, false),
        },
      },
      { action: 'skip', request: 'none', reason: /that dockyard did not make/ },
    ],
    [
      'GitLab: committed by the token user',
      {
        botCommitter: 'project_1_bot_5f2a@noreply.gitlab.test',
        botBranch: {
          head: { ...botCommit(), committerEmail: 'project_1_bot_5f2a@noreply.gitlab.test' },
          files: files(rendered, false),
          parentFiles: none,
        },
      },
      { action: 'keep', request: 'open', reason: /already holds these files/ },
    ],
    [
      'GitLab: amended by a person',
      {
        botCommitter: 'project_1_bot_5f2a@noreply.gitlab.test',
        botBranch: {
          head: { ...botCommit(), committerEmail: 'ada@example.com' },
          files: files(rendered, false),
          parentFiles: none,
        },
      },
      { action: 'skip', request: 'none', reason: /\(committed by ada@example.com\) that dockyard did not make/ },
    ],
  ])('%s', (_, over, expected) => {
    const plan = planPullRequest(input(over));
    expect({ action: plan.action, request: plan.request }).toEqual({
      action: expected.action,
      request: expected.request,
    });
    expect(plan.reason).toMatch(expected.reason);
    if (expected.createBranch !== undefined) expect(plan.createBranch).toBe(expected.createBranch);
    if (plan.action === 'push' && !plan.createBranch) expect(plan.expectedHeadSha).toBe('c'.repeat(40));
  });

  it.each([
    ['hand-edited', (c: string) => c.replace('\nname:', '\n# tweak\nname:'), 'edited by hand'],
    ['foreign', () => 'jobs: {}\n', 'not generated by dockyard'],
  ])('a %s base file is refused unless force, and listed with its state', (state, edit, words) => {
    const base = files([{ path: rendered[0].path, content: edit(rendered[0].content) }]);
    const refused = planPullRequest(input({ baseFiles: base }));
    expect(refused.action).toBe('refused');
    expect(refused.reason).toBe(
      `on main: ${rendered[0].path} (${words}); move the changes into the config, or re-run with --force`,
    );
    const forced = planPullRequest(input({ baseFiles: base, force: true }));
    expect(forced.action).toBe('push');
    expect(forced.changes.find((c) => c.path === rendered[0].path)?.state).toBe(state);
  });

  it('lists only the files that differ from the base, with line counts', () => {
    const plan = planPullRequest(input({ baseFiles: files([rendered[1], rendered[2]]) }));
    expect(plan.changes.map((c) => ({ path: c.path, state: c.state }))).toEqual([
      { path: rendered[0].path, state: 'missing' },
    ]);
    expect(plan.changes[0].lines).toEqual({ added: rendered[0].content.trimEnd().split('\n').length, removed: 0 });
  });

  it('plans an up-to-date base without its commit id (the run did not read it), and needs it for anything else', () => {
    const name = { name: 'main' };
    expect(planPullRequest(input({ base: name, baseFiles: files(rendered) }))).toMatchObject({
      action: 'up-to-date',
      base: name,
    });
    expect(() => planPullRequest(input({ base: name }))).toThrow(
      'base.sha: expected the head commit of main when files differ, got undefined',
    );
  });

  it('rejects a bot branch equal to the base', () => {
    expect(() => planPullRequest(input({ branch: 'main' }))).toThrow(
      'branch: expected a branch other than the base "main", got "main"',
    );
  });
});
