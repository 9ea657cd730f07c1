import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { describeGithubError } from '../../src/publish/github/describe-github-error.js';
import { parseGithubRepo } from '../../src/publish/github/github-repo-ref.js';
import { gitlabHostOf } from '../../src/publish/gitlab/create-gitlab-client.js';
import { parseGitlabProject } from '../../src/publish/gitlab/create-gitlab-host.js';
import { describeGitlabError, isOutcomeUnknown } from '../../src/publish/gitlab/describe-gitlab-error.js';
import type { GitlabRetryOutcome } from '../../src/publish/gitlab/gitlab-request-handler.js';

const request = {
  method: 'GET' as const,
  url: 'https://api.github.com/repos/acme/api',
  headers: { authorization: 'token ghp_secret' },
};
const answer = (status: number, message: string) =>
  new RequestError(message, status, {
    request,
    response: { status, url: request.url, headers: {}, data: { message } },
  });

describe('describeGithubError', () => {
  it.each([
    [
      answer(401, 'Bad credentials'),
      'GitHub read x (acme/api): 401 Bad credentials; the token in GITHUB_TOKEN is missing, expired or revoked',
    ],
    [
      answer(403, 'Must have admin rights to Repository.'),
      'GitHub read x (acme/api): 403 Must have admin rights to Repository.; the token lacks a permission',
    ],
    [
      answer(403, 'API rate limit exceeded for user ID 1.'),
      'GitHub read x (acme/api): 403 API rate limit exceeded for user ID 1.; rate limited, and still limited after the retries',
    ],
    [
      answer(404, 'Not Found'),
      'GitHub read x (acme/api): 404 Not Found; not found, or the token cannot see this repository',
    ],
    [
      answer(422, 'Reference update failed'),
      'GitHub read x (acme/api): 422 Reference update failed; GitHub refused the change',
    ],
    [answer(502, 'Bad Gateway'), 'GitHub read x (acme/api): 502 Bad Gateway; GitHub had a server error (retried)'],
    [
      new RequestError('fetch failed', 500, { request, cause: new Error('connect ECONNREFUSED 127.0.0.1:9') } as never),
      'GitHub read x (acme/api): network error: fetch failed',
    ],
  ])('%#: %s', (error, message) => {
    const described = describeGithubError(error, 'read x', 'acme/api');
    expect(described.message.startsWith(message)).toBe(true);
    expect(described.message).not.toContain('ghp_secret');
  });
});

describe('describeGitlabError', () => {
  const retried = (error: Error & { cause: object }, retry: GitlabRetryOutcome) =>
    Object.assign(error, { cause: { ...error.cause, retry } });
  const gitbeaker = (status: number, description: string) =>
    Object.assign(new Error(description), {
      name: 'GitbeakerRequestError',
      cause: { description, response: { status } },
    });
  it.each([
    [
      gitbeaker(401, '401 Unauthorized'),
      'GitLab read (acme/app): 401 401 Unauthorized; the token in GITLAB_TOKEN is missing, expired or revoked',
    ],
    [
      gitbeaker(403, 'You are not allowed to push into this branch'),
      'GitLab read (acme/app): 403 You are not allowed to push into this branch; the token lacks a permission',
    ],
    [
      Object.assign(
        new Error('Could not successfully complete this request after 10 retries, last status code: 429.'),
        { name: 'GitbeakerRetryError' },
      ),
      'GitLab read (acme/app): Could not successfully complete this request after 10 retries, last status code: 429.',
    ],
    [new TypeError('fetch failed'), 'GitLab read (acme/app): network error: fetch failed'],
    [
      Object.assign(new Error('Query timeout was reached (30000 ms)'), { name: 'GitbeakerTimeoutError' }),
      'GitLab read (acme/app): network error: Query timeout was reached (30000 ms); no answer in time, after the retries',
    ],
    [
      retried(gitbeaker(429, 'Retry later'), { reason: 'attempts', retries: 3 }),
      'GitLab read (acme/app): 429 Retry later; rate limited, and still limited after the retries',
    ],
    [
      retried(gitbeaker(429, 'Retry later'), { reason: 'wait-too-long', askedSeconds: 3600, limitSeconds: 60 }),
      'GitLab read (acme/app): 429 Retry later; rate limited; GitLab asked to wait 3600 s, longer than the 60 s dockyard waits, run again later',
    ],
    [
      retried(gitbeaker(503, 'Service Unavailable'), { reason: 'attempts', retries: 3 }),
      'GitLab read (acme/app): 503 Service Unavailable; GitLab had a server error, and still had it after 3 retries',
    ],
    [
      retried(gitbeaker(500, 'Internal Server Error'), { reason: 'not-idempotent' }),
      'GitLab read (acme/app): 500 Internal Server Error; GitLab had a server error',
    ],
  ])('%#: %s', (error, message) => {
    expect(describeGitlabError(error, 'read', 'acme/app').message.slice(0, message.length)).toBe(message);
  });
  it.each([
    [gitbeaker(500, 'boom'), true],
    [gitbeaker(502, 'Bad Gateway'), true],
    [new TypeError('fetch failed'), true],
    [Object.assign(new Error('timeout'), { name: 'GitbeakerTimeoutError' }), true],
    [gitbeaker(429, 'Retry later'), false],
    [gitbeaker(400, 'A branch called x already exists'), false],
  ])('isOutcomeUnknown %#', (error, expected) => expect(isOutcomeUnknown(error)).toBe(expected));
});

describe('names and flags', () => {
  it.each([
    ['acme/api', { owner: 'acme', repo: 'api' }],
    ['acme/api.git', { owner: 'acme', repo: 'api' }],
    ['my-org/web.site', { owner: 'my-org', repo: 'web.site' }],
  ])('parseGithubRepo(%j)', (value, ref) => expect(parseGithubRepo(value)).toEqual(ref));
  it.each(['acme', 'acme/api/x', '-acme/api', 'acme/..', 'https://github.com/acme/api'])(
    'parseGithubRepo rejects %j',
    (value) => {
      expect(() => parseGithubRepo(value)).toThrow(`--repo: expected OWNER/REPO (e.g. acme/api), got "${value}"`);
    },
  );
  it.each([
    ['acme/app', 'acme/app'],
    ['acme/sub/app.git', 'acme/sub/app'],
  ])('parseGitlabProject(%j)', (value, path) => expect(parseGitlabProject(value)).toBe(path));
  it.each(['app', 'acme//app', '/acme/app'])('parseGitlabProject rejects %j', (value) =>
    expect(() => parseGitlabProject(value)).toThrow('--project: expected GROUP/PROJECT'),
  );
  it.each([
    ['https://gitlab.example.com/', 'https://gitlab.example.com'],
    ['https://gitlab.example.com/api/v4', 'https://gitlab.example.com'],
    ['http://127.0.0.1:8080/gitlab/api/v4/', 'http://127.0.0.1:8080/gitlab'],
  ])('gitlabHostOf(%j)', (url, host) => expect(gitlabHostOf(url)).toBe(host));
  it('gitlabHostOf rejects a URL without a scheme', () =>
    expect(() => gitlabHostOf('gitlab.example.com')).toThrow(
      'GitLab URL: expected http(s)://HOST[/PATH], got "gitlab.example.com"',
    ));
});
