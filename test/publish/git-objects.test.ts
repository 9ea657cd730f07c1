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
    expect(gitBlobShaOf(content)).toBe(execFileSync('git', ['hash-object', join(dir, 'blob')], { encoding: 'utf8' }).trim());
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
      numstat = execFileSync('git', ['diff', '--no-index', '--numstat', '--diff-algorithm=minimal', join(dir, 'before'), join(dir, 'after')], { encoding: 'utf8' });
    } catch (error) {
      numstat = (error as { stdout: string }).stdout; // exit 1: the files differ
    }
    const [added, removed] = numstat.trim() === '' ? [0, 0] : numstat.trim().split(/\s+/).map(Number);
    expect(countLineChanges(before, after)).toEqual({ added, removed });
  });
});

describe('bot commits', () => {
  const commit = { sha: '1'.repeat(40), message: botCommitMessage('ci: refresh'), authorEmail: DEFAULT_BOT_IDENTITY.email, committerEmail: DEFAULT_BOT_IDENTITY.email, parents: ['2'.repeat(40)] };
  it('a message ends with the trailer', () => {
    expect(botCommitMessage('ci: refresh  ')).toBe(`ci: refresh\n\n${BOT_TRAILER}\n`);
    expect(() => botCommitMessage('  ')).toThrow('commit message: expected a non-empty subject, got ""');
  });
  it.each([
    ['the bot’s own commit', {}, true],
    ['GitLab (no separate committer)', { committerEmail: undefined }, true],
    ['emails in another case', { authorEmail: DEFAULT_BOT_IDENTITY.email.toUpperCase() }, true],
    ['no trailer', { message: 'ci: refresh\n' }, false],
    ['the trailer inside a line', { message: `say ${BOT_TRAILER} here\n` }, false],
    ['another author', { authorEmail: 'ada@example.com' }, false],
    ['amended by a person', { committerEmail: 'ada@example.com' }, false],
  ])('%s → %s', (_, over, expected) => {
    expect(isBotCommit({ ...commit, ...over }, DEFAULT_BOT_IDENTITY)).toBe(expected);
  });
});
