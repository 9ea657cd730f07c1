import { describe, expect, it } from 'vitest';
import {
  decideGitlabRetry,
  DEFAULT_GITLAB_RETRY_POLICY,
  parseRetryAfter,
  type FailedAttempt,
} from '../../src/publish/gitlab/gitlab-retry-policy.js';

const NOW = Date.parse('2026-12-02T18:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['delay-seconds', '1', 1],
    ['zero', '0', 0],
    ['surrounding spaces', ' 120 ', 120],
    ['an HTTP-date 90 s ahead', 'Wed, 02 Dec 2026 18:01:30 GMT', 90],
    ['an HTTP-date in the past', 'Wed, 02 Dec 2026 17:59:00 GMT', 0],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['negative', '-5', undefined],
    ['a fraction', '1.5', undefined],
    ['garbage', 'soon', undefined],
  ] as const)('%s (%j) → %s', (_, value, expected) => expect(parseRetryAfter(value, NOW)).toBe(expected));
});

describe('decideGitlabRetry', () => {
  const attempt = (over: Partial<FailedAttempt>): FailedAttempt => ({
    method: 'GET',
    status: 500,
    retriesSoFar: 0,
    nowMs: NOW,
    ...over,
  });
  const policy = DEFAULT_GITLAB_RETRY_POLICY;
  it.each([
    ['429 with retry-after: 1 waits 1 s', { status: 429, retryAfter: '1' }, { retry: true, waitMs: 1000 }],
    [
      '429 with an HTTP-date waits until then',
      { status: 429, retryAfter: 'Wed, 02 Dec 2026 18:00:07 GMT' },
      { retry: true, waitMs: 7000 },
    ],
    [
      '429 on a POST is retried (GitLab refused it before running it)',
      { status: 429, method: 'POST', retryAfter: '2' },
      { retry: true, waitMs: 2000 },
    ],
    [
      '429 without retry-after waits until RateLimit-Reset',
      { status: 429, rateLimitReset: String(NOW / 1000 + 5) },
      { retry: true, waitMs: 5000 },
    ],
    ['429 without either backs off', { status: 429, retriesSoFar: 1 }, { retry: true, waitMs: 2000 }],
    ['a single 500 on a GET backs off 1 s', { status: 500 }, { retry: true, waitMs: 1000 }],
    [
      '502 on a PUT, second retry, backs off 2 s',
      { status: 502, method: 'PUT', retriesSoFar: 1 },
      { retry: true, waitMs: 2000 },
    ],
    ['503 honours its retry-after', { status: 503, retryAfter: '3' }, { retry: true, waitMs: 3000 }],
    ['504 on a GET', { status: 504, retriesSoFar: 2 }, { retry: true, waitMs: 4000 }],
    ['no answer on a GET', { status: undefined }, { retry: true, waitMs: 1000 }],
    [
      '500 on a POST may have taken effect',
      { status: 500, method: 'POST' },
      { retry: false, reason: 'not-idempotent' },
    ],
    ['no answer on a POST', { status: undefined, method: 'POST' }, { retry: false, reason: 'not-idempotent' }],
    ['after 3 retries', { status: 500, retriesSoFar: 3 }, { retry: false, reason: 'attempts' }],
    [
      'a retry-after beyond 60 s',
      { status: 429, retryAfter: '61' },
      { retry: false, reason: 'wait-too-long', waitMs: 61_000 },
    ],
    ['404 is not transient', { status: 404 }, { retry: false, reason: 'not-transient' }],
    ['501 is not transient', { status: 501 }, { retry: false, reason: 'not-transient' }],
  ] as const)('%s', (_, over, expected) => expect(decideGitlabRetry(attempt(over), policy)).toEqual(expected));

  it('scales retry-after waits by retryAfterUnitMs (tests) and bounds them by maxWaitMs', () => {
    const fast = { ...policy, retryAfterUnitMs: 20, maxWaitMs: 1200 };
    expect(decideGitlabRetry(attempt({ status: 429, retryAfter: '3' }), fast)).toEqual({ retry: true, waitMs: 60 });
    expect(decideGitlabRetry(attempt({ status: 429, retryAfter: '61' }), fast)).toEqual({
      retry: false,
      reason: 'wait-too-long',
      waitMs: 1220,
    });
  });
});
