import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGitlabLintUrl, checkWithGitlabLintApi } from '../../src/validate/check-gitlab-lint-api.js';
import type { Finding } from '../../src/validate/finding.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/gitlab-lint/${name}`, import.meta.url), 'utf8');
const CONTENT = 'build:\n  script: [echo hi]\n';
const FILE = '.gitlab-ci.yml';
const TOKEN = 'glpat-test-secret-token';

interface Recorded {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake GitLab answers next: status, body and content type; `hang` never answers. */
let reply: { status: number; body: string; type?: string; hang?: boolean } = { status: 200, body: '{}' };
let requests: Recorded[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (reply.hang === true) return;
      res.writeHead(reply.status, { 'Content-Type': reply.type ?? 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

const opts = () => ({ baseUrl, projectId: 42, token: TOKEN });
const finding = (severity: Finding['severity'], message: string): Finding => ({
  tool: 'gitlab-lint-api',
  file: FILE,
  severity,
  message,
});

describe('buildGitlabLintUrl', () => {
  it.each<[string, string | number, string]>([
    ['https://gitlab.com', 42, 'https://gitlab.com/api/v4/projects/42/ci/lint'],
    [
      'https://gitlab.example.com/',
      'group/sub/images',
      'https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fimages/ci/lint',
    ],
    ['https://example.com/gitlab//', '7', 'https://example.com/gitlab/api/v4/projects/7/ci/lint'],
  ])('%s + %s', (base, id, expected) => {
    expect(buildGitlabLintUrl(base, id)).toBe(expected);
  });
});

describe('checkWithGitlabLintApi against a local HTTP server', () => {
  it.each<[string, string, Finding[]]>([
    ['valid', 'valid.json', []],
    ['invalid', 'invalid.json', [finding('error', 'jobs config should contain at least one visible job')]],
    [
      'invalid with several errors',
      'invalid-multiple.json',
      [
        finding('error', 'jobs:build config contains unknown keys: bogus'),
        finding(
          'error',
          'release job: chosen stage deploy does not exist; available stages are .pre, build, release, .post',
        ),
      ],
    ],
    [
      'valid with warnings',
      'valid-with-warnings.json',
      [
        finding(
          'warning',
          expect.stringContaining(
            'jobs:release may allow multiple pipelines to run for a single action',
          ) as unknown as string,
        ),
      ],
    ],
  ])('%s answer -> findings', async (_name, file, expected) => {
    reply = { status: 200, body: fixture(file) };
    expect(await checkWithGitlabLintApi(CONTENT, FILE, opts())).toEqual(expected);
  });

  it('POSTs the content as JSON with PRIVATE-TOKEN to the project endpoint', async () => {
    reply = { status: 200, body: fixture('valid.json') };
    await checkWithGitlabLintApi(CONTENT, FILE, { ...opts(), baseUrl: `${baseUrl}/`, projectId: 'group/images' });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/api/v4/projects/group%2Fimages/ci/lint');
    expect(req?.headers['private-token']).toBe(TOKEN);
    expect(req?.headers['job-token']).toBeUndefined();
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ content: CONTENT });
  });

  it('sends JOB-TOKEN and dry_run when asked', async () => {
    reply = { status: 200, body: fixture('valid.json') };
    await checkWithGitlabLintApi(CONTENT, FILE, { ...opts(), tokenType: 'job', dryRun: true });
    expect(requests[0]?.headers['job-token']).toBe(TOKEN);
    expect(requests[0]?.headers['private-token']).toBeUndefined();
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ content: CONTENT, dry_run: true });
  });

  it.each<[string, number, string, string | undefined, RegExp]>([
    [
      'bad token',
      401,
      fixture('unauthorized.json'),
      undefined,
      /^GitLab CI Lint API answered 401 Unauthorized for POST http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/42\/ci\/lint: 401 Unauthorized$/,
    ],
    [
      'unknown project',
      404,
      fixture('project-not-found.json'),
      undefined,
      /answered 404 Not Found for POST .*\/projects\/42\/ci\/lint: 404 Project Not Found$/,
    ],
    [
      'server error page',
      502,
      '<html>Bad Gateway</html>',
      'text/html',
      /answered 502 Bad Gateway for POST .*: <html>Bad Gateway<\/html>$/,
    ],
    ['2xx that is not JSON', 200, '<html>login</html>', 'text/html', /answered 200 with a body that is not JSON/],
    [
      '2xx in the old pre-v4 shape',
      200,
      '{"status":"valid","errors":[]}',
      undefined,
      /answered 200 without \{valid, errors\[\]\}/,
    ],
  ])('throws on %s', async (_name, status, body, type, error) => {
    reply = { status, body, type };
    const attempt = checkWithGitlabLintApi(CONTENT, FILE, opts());
    await expect(attempt).rejects.toThrow(error);
    await expect(attempt).rejects.not.toThrow(TOKEN);
  });

  it('throws with the URL when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      checkWithGitlabLintApi(CONTENT, FILE, { ...opts(), baseUrl: `http://127.0.0.1:${port}` }),
    ).rejects.toThrow(
      new RegExp(
        `^GitLab CI Lint API request failed: POST http://127\\.0\\.0\\.1:${port}/api/v4/projects/42/ci/lint: .*ECONNREFUSED`,
      ),
    );
  });

  it('throws when the server does not answer in time', async () => {
    reply = { status: 200, body: '', hang: true };
    await expect(checkWithGitlabLintApi(CONTENT, FILE, { ...opts(), timeoutMs: 300 })).rejects.toThrow(
      /^GitLab CI Lint API request failed: POST .*aborted due to timeout/,
    );
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(fixture('invalid.json'), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const findings = await checkWithGitlabLintApi(CONTENT, FILE, {
      baseUrl: 'https://gitlab.invalid',
      projectId: 1,
      token: 't',
      fetchImpl,
    });
    expect(calls).toEqual(['https://gitlab.invalid/api/v4/projects/1/ci/lint']);
    expect(findings).toEqual([finding('error', 'jobs config should contain at least one visible job')]);
    expect(requests).toHaveLength(0);
  });

  it('reports valid:false without errors as one error', async () => {
    reply = { status: 200, body: '{"valid":false,"errors":[],"warnings":[]}' };
    expect(await checkWithGitlabLintApi(CONTENT, FILE, opts())).toEqual([
      finding('error', 'GitLab reports the configuration as invalid but gives no error'),
    ]);
  });
});
