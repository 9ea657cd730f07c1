import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOT_TRAILER, botCommitMessage, isBotCommit } from '../../src/publish/bot-commit.js';
import { countLineChanges } from '../../src/publish/count-line-changes.js';
import { gitBlobShaOf } from '../../src/publish/git-blob-sha.js';
import { DEFAULT_BOT_IDENTITY } from '../../src/publish/remote-state.js';
import { expectedFiles, JSON_CONFIG, TS_CONFIG, TS_CONFIG_CHANGED } from '../support/publish-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'dockyard-git-objects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const [workflow] = await expectedFiles('dockyard.config.ts', TS_CONFIG);
const [changed, gitlabCi] = await expectedFiles('dockyard.config.ts', TS_CONFIG_CHANGED);
const [json] = await expectedFiles('dockyard.config.json', JSON_CONFIG);

describe('gitBlobShaOf', () => {
  it.each([
    ['empty', ''],
    ['ascii', 'hello\n'],
    ['utf-8', 'ünïcødé — ✓\n'],
    ['a generated workflow', workflow.content],
  ])('equals git hash-object for %s', (_, content) => {
    writeFileSync(join(dir, 'blob'), content);
    expect(gitBlobShaOf(content)).toBe(
      execFileSync('git', ['hash-object', join(dir, 'blob')], { encoding: 'utf8' }).trim(),
    );
  });
});

describe('countLineChanges', () => {
  it.each([
    ['a new file', undefined, workflow.content],
    ['a config change', workflow.content, changed.content],
    ['another config', json.content, workflow.content],
    ['GitHub to GitLab', workflow.content, gitlabCi.content],
    ['no change', workflow.content, workflow.content],
    ['missing final newline', 'a\nb', 'a\nb\nc\n'],
  ])('matches git diff --numstat for %s', (_, before, after) => {
    writeFileSync(join(dir, 'before'), before ?? '');
    writeFileSync(join(dir, 'after'), after);
    let numstat: string;
    try {
      numstat = execFileSync(
        'git',
        ['diff', '--no-index', '--numstat', '--diff-algorithm=minimal', join(dir, 'before'), join(dir, 'after')],
        { encoding: 'utf8' },
      );
    } catch (error) {
      numstat = (error as { stdout: string }).stdout; // exit 1: the files differ
    }
    const [added, removed] = numstat.trim() === '' ? [0, 0] : numstat.trim().split(/\s+/).map(Number);
    expect(countLineChanges(before, after)).toEqual({ added, removed });
  });
});

describe('bot commits', () => {
  const commit = {
    sha: '1'.repeat(40),
    message: botCommitMessage('ci: refresh'),
    authorEmail: DEFAULT_BOT_IDENTITY.email,
    committerEmail: DEFAULT_BOT_IDENTITY.email,
    parents: ['2'.repeat(40)],
  };
  it('a message ends with the trailer', () => {
    expect(botCommitMessage('ci: refresh  ')).toBe(`ci: refresh\n\n${BOT_TRAILER}\n`);
    expect(() => botCommitMessage('  ')).toThrow('commit message: expected a non-empty subject, got ""');
  });
  // GitLab's Commits API makes the token's user the committer (a project access token's bot user here).
  const TOKEN_USER = 'project_1_bot_5f2a@noreply.gitlab.test';
  it.each([
    ['GitHub: the bot’s own commit (committer set to the bot)', {}, undefined, true],
    ['a host that reports no separate committer', { committerEmail: undefined }, undefined, true],
    ['emails in another case', { authorEmail: DEFAULT_BOT_IDENTITY.email.toUpperCase() }, undefined, true],
    ['GitLab: committed by the token user', { committerEmail: TOKEN_USER }, TOKEN_USER, true],
    ['GitLab: the token user in another case', { committerEmail: TOKEN_USER.toUpperCase() }, TOKEN_USER, true],
    ['GitLab commit judged by the GitHub rule', { committerEmail: TOKEN_USER }, undefined, false],
    [
      'GitLab: amended by a person (committer changes, author and trailer stay)',
      { committerEmail: 'ada@example.com' },
      TOKEN_USER,
      false,
    ],
    [
      'GitLab: made with another token user (a new project access token)',
      { committerEmail: 'project_1_bot_9e01@noreply.gitlab.test' },
      TOKEN_USER,
      false,
    ],
    ['no trailer', { message: 'ci: refresh\n' }, undefined, false],
    ['the trailer inside a line', { message: `say ${BOT_TRAILER} here\n` }, undefined, false],
    ['another author', { authorEmail: 'ada@example.com' }, undefined, false],
    ['amended by a person', { committerEmail: 'ada@example.com' }, undefined, false],
    ['a merge commit (dockyard never makes one)', { parents: ['2'.repeat(40), '3'.repeat(40)] }, undefined, false],
  ] as const)('%s → %s', (_, over, committer, expected) => {
    expect(isBotCommit({ ...commit, ...over }, DEFAULT_BOT_IDENTITY, committer)).toBe(expected);
  });
});
