import { describe, expect, it } from 'vitest';
import { parsePlanEvent, PLACEHOLDER_SHA, PlanEventError, type PlanEventRequest } from '../../src/plan/plan-event.js';
import { EVENT_TABLE } from '../support/event-table.js';
import { refFor, type EventRefs } from '../support/github-event-context.js';

describe('parsePlanEvent', () => {
  it.each<[string, PlanEventRequest, { eventName: string; ref: string; prNumber?: number }]>([
    ['defaults: a push to main', {}, { eventName: 'push', ref: 'refs/heads/main' }],
    ['a tag push', { event: 'push', ref: 'refs/tags/v1.2.3' }, { eventName: 'push', ref: 'refs/tags/v1.2.3' }],
    [
      'the default branch follows --default-branch',
      { defaultBranch: 'trunk' },
      { eventName: 'push', ref: 'refs/heads/trunk' },
    ],
    ['a pull request', { event: 'pull_request' }, { eventName: 'pull_request', ref: 'refs/pull/1/merge', prNumber: 1 }],
    [
      'a numbered pull request',
      { event: 'pull_request', ref: 'refs/pull/42/merge' },
      { eventName: 'pull_request', ref: 'refs/pull/42/merge', prNumber: 42 },
    ],
    [
      'a repository_dispatch on the default branch',
      { event: 'repository_dispatch', defaultBranch: 'trunk' },
      { eventName: 'repository_dispatch', ref: 'refs/heads/trunk' },
    ],
    [
      'a schedule on a branch',
      { event: 'schedule', ref: 'refs/heads/release/1.x' },
      { eventName: 'schedule', ref: 'refs/heads/release/1.x' },
    ],
  ])('%s', (_, request, expected) => {
    const context = parsePlanEvent(request);
    expect(context).toMatchObject(expected);
    expect(context.sha).toBe(request.sha ?? PLACEHOLDER_SHA);
  });

  it.each<[string, PlanEventRequest, string]>([
    [
      'an unknown event',
      { event: 'tag' },
      '--event: unknown event; expected one of push, pull_request, schedule, workflow_dispatch, repository_dispatch, got "tag"',
    ],
    [
      'repository_dispatch off the default branch',
      { event: 'repository_dispatch', ref: 'refs/heads/dev' },
      '--ref "refs/heads/dev": repository_dispatch always runs on the default branch; expected refs/heads/main, got "refs/heads/dev"',
    ],
    [
      'a short ref',
      { ref: 'v1.2.3' },
      '--ref "v1.2.3": expected refs/heads/<branch> or refs/tags/<tag> for a push event',
    ],
    ['a remote ref', { ref: 'refs/remotes/origin/main' }, 'expected refs/heads/<branch> or refs/tags/<tag>'],
    [
      'a pull request on a branch ref',
      { event: 'pull_request', ref: 'refs/heads/feature' },
      'a pull_request runs on refs/pull/<number>/merge',
    ],
    [
      'a pull-request ref on push',
      { event: 'push', ref: 'refs/pull/3/merge' },
      'expected refs/heads/<branch> or refs/tags/<tag> for a push event',
    ],
    ['a tag with a space', { ref: 'refs/tags/v1 2' }, '--ref "refs/tags/v1 2" is not a valid git branch or tag name'],
    ['a branch with ..', { ref: 'refs/heads/a..b' }, 'is not a valid git branch or tag name'],
    ['an empty tag', { ref: 'refs/tags/' }, 'is not a valid git branch or tag name'],
    ['a .lock component', { ref: 'refs/heads/x.lock' }, 'is not a valid git branch or tag name'],
    [
      'a bad default branch',
      { defaultBranch: 'ma~in' },
      '--default-branch "ma~in" is not a valid git branch or tag name',
    ],
    ['a short sha', { sha: 'abc1234' }, '--sha "abc1234" is not a full commit SHA (40 lower-case hex digits)'],
  ])('rejects %s with a clear message', (_, request, message) => {
    expect(() => parsePlanEvent(request)).toThrow(PlanEventError);
    expect(() => parsePlanEvent(request)).toThrow(message);
  });
});

/** The refs of the default config (`triggers.branches` `["main"]`, `tags` `["v*"]`) for the event table's rows. */
const DEFAULT_REFS: EventRefs = {
  branch: 'main',
  otherBranch: 'feature/event-table',
  tag: 'v1.2.3',
  otherTag: 'untracked/tag-1',
  defaultBranch: 'main',
};

describe('parsePlanEvent accepts every event of the event table (test/support/event-table.ts)', () => {
  // The same rows drive the pipeline table test (test/emit/event-table.test.ts), so plan and pipelines cannot drift
  // apart on which events exist and which ref each runs on.
  it.each(EVENT_TABLE.map((row) => [row.id, row] as const))('%s', (_, row) => {
    const ref = refFor(row, DEFAULT_REFS);
    const context = parsePlanEvent({ event: row.githubEvent, ref });
    expect(context).toMatchObject({ eventName: row.githubEvent, ref });
    expect(context.prNumber).toBe(row.githubEvent === 'pull_request' ? 7 : undefined);
  });
});
