import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, describe, expect, it } from 'vitest';
import { runMeta } from '../../src/cli/commands/meta.js';
import { runCli } from '../../src/cli/main.js';
import { EXAMPLES_DIR, HAS_CONFORMANCE, METADATA_ACTION_CASES } from '../support/paths.js';

function capture() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l: string) => stdout.push(l),
    err: (l: string) => stderr.push(l),
    color: createColors(false),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'dockyard-meta-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = () => new Date('2026-01-02T03:04:05Z');
const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';

describe.skipIf(!HAS_CONFORMANCE)('dockyard meta --input', () => {
  const file = HAS_CONFORMANCE
    ? (JSON.parse(readFileSync(METADATA_ACTION_CASES, 'utf8')) as {
        clock: string;
        repo: object;
        cases: Array<{ id: string; kind: string; expected: Record<string, unknown> }>;
      })
    : undefined;
  const cases = (file?.cases ?? [])
    .filter((c) => c.kind === 'tagsLabels')
    .filter((c) => ['tag/push35', 'pr/pr01', 'push/push01', 'schedule/schedule01'].includes(c.id));

  it.each(cases.map((c) => [c.id, c] as const))('%s prints the expected JSON', async (_, testCase) => {
    const path = join(dir, `${testCase.id.replace('/', '-')}.json`);
    writeFileSync(path, JSON.stringify({ ...testCase, clock: file!.clock, repo: file!.repo }));
    const io = capture();
    expect(await runMeta({ input: path, json: true }, io, {}, NOW)).toBe(0);
    const printed = JSON.parse(io.stdout.join('\n')) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['version', 'tags', 'labels', 'annotations', 'json']);
    const { version, tags, labels, annotations } = testCase.expected;
    expect({
      version: printed.version,
      tags: printed.tags,
      labels: printed.labels,
      annotations: printed.annotations,
    }).toEqual({ version, tags, labels, annotations });
  });
});

describe('dockyard meta', () => {
  const caseFile = (
    inputs: object,
    env: object = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v2.0.0-rc.1', GITHUB_SHA: SHA },
  ) => {
    const path = join(dir, `case-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        env,
        event: {},
        inputs,
        clock: '2026-01-02T03:04:05Z',
        repo: {
          name: 'api',
          full_name: 'acme/api',
          html_url: 'https://github.com/acme/api',
          default_branch: 'main',
          license: 'MIT',
          description: '',
        },
      }),
    );
    return path;
  };

  it('--explain says which rule produced or skipped each tag', async () => {
    const io = capture();
    const path = caseFile({
      images: ['acme/api'],
      tags: ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}', 'type=ref,event=branch'],
    });
    expect(await runMeta({ input: path, explain: true }, io, {}, NOW)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('acme/api:2.0.0-rc.1');
    expect(text).not.toContain('acme/api:latest');
    expect(text).toMatch(/explain:[\s\S]*type=ref,event=branch/);
  });

  it.each([
    ['an unknown tag type', { images: ['a/b'], tags: ['type=semvr,pattern={{version}}'] }, 'unknown tag type "semvr"'],
    [
      'a semver rule without pattern',
      { images: ['a/b'], tags: ['type=semver'] },
      'type=semver needs the "pattern" attribute',
    ],
    ['an unknown expression', { images: ['a/b'], tags: ['type=raw,value={{brnach}}'] }, 'brnach'],
  ])('rejects %s with exit 1', async (_, inputs, message) => {
    const io = capture();
    expect(await runMeta({ input: caseFile(inputs) }, io, {}, NOW)).toBe(1);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it('--ci gitlab reads a dotenv file and uses the project config and registries', async () => {
    const env = join(dir, 'gitlab.env');
    writeFileSync(
      env,
      [
        'CI_PIPELINE_SOURCE=push',
        'CI_COMMIT_TAG=v1.4.0',
        `CI_COMMIT_SHA=${SHA}`,
        'CI_DEFAULT_BRANCH=main',
        'CI_REGISTRY_IMAGE=registry.gitlab.example/acme/node-api',
        '',
      ].join('\n'),
    );
    const io = capture();
    expect(
      await runMeta(
        { ci: 'gitlab', 'event-env': env, dir: resolve(EXAMPLES_DIR, 'node-api'), json: true },
        io,
        {},
        NOW,
      ),
    ).toBe(0);
    expect((JSON.parse(io.stdout.join('\n')) as { tags: string[] }).tags).toEqual([
      'registry.gitlab.example/acme/node-api:1.4.0',
      'registry.gitlab.example/acme/node-api:1.4',
      'registry.gitlab.example/acme/node-api:sha-860c190',
      'registry.gitlab.example/acme/node-api:latest',
    ]);
  });

  it('--ci github reads the environment and the event payload', async () => {
    const payload = join(dir, 'event.json');
    writeFileSync(payload, JSON.stringify({ repository: { default_branch: 'main' } }));
    const io = capture();
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'acme/node-api',
      GITHUB_EVENT_PATH: payload,
    };
    expect(await runMeta({ ci: 'github', dir: resolve(EXAMPLES_DIR, 'node-api'), json: true }, io, env, NOW)).toBe(0);
    expect((JSON.parse(io.stdout.join('\n')) as { tags: string[] }).tags).toEqual([
      'ghcr.io/acme/node-api:main',
      'ghcr.io/acme/node-api:sha-860c190',
    ]);
  });

  it.each([
    // a push payload's repository object, trimmed (https://docs.github.com/webhooks/webhook-events-and-payloads#push)
    [
      'a licensed repository',
      {
        name: 'node-api',
        full_name: 'acme/node-api',
        html_url: 'https://github.com/acme/node-api',
        description: 'The Acme API',
        license: { key: 'apache-2.0', spdx_id: 'Apache-2.0' },
        default_branch: 'main',
      },
      'The Acme API',
      'Apache-2.0',
    ],
    [
      'no license, no description',
      { name: 'node-api', full_name: 'acme/node-api', description: null, license: null, default_branch: 'main' },
      '',
      '',
    ],
    [
      'a license GitHub cannot identify',
      {
        name: 'node-api',
        full_name: 'acme/node-api',
        description: 'x',
        license: { key: 'other', spdx_id: 'NOASSERTION' },
        default_branch: 'main',
      },
      'x',
      'NOASSERTION',
    ],
  ])(
    '--ci github fills description and licenses from the payload repository (%s), as metadata-action does',
    async (_name, repository, description, licenses) => {
      const payload = join(dir, 'event-repo.json');
      writeFileSync(payload, JSON.stringify({ ref: 'refs/heads/main', repository }));
      const io = capture();
      const env = {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: SHA,
        GITHUB_REPOSITORY: 'acme/node-api',
        GITHUB_EVENT_PATH: payload,
      };
      expect(await runMeta({ ci: 'github', dir: resolve(EXAMPLES_DIR, 'node-api'), json: true }, io, env, NOW)).toBe(0);
      const lines = (JSON.parse(io.stdout.join('\n')) as { labels: string[] }).labels;
      const labels = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(labels).toMatchObject({
        'org.opencontainers.image.description': description,
        'org.opencontainers.image.licenses': licenses,
        'org.opencontainers.image.source': 'https://github.com/acme/node-api',
      });
    },
  );

  it.each([
    ['KEY=ok\nnot a line\n', 'bad.env:2: expected KEY=VALUE'],
    ['KEY="unterminated\n', 'unterminated quote in the value of KEY'],
  ])('rejects a malformed env file (%j) with exit 1', async (text, message) => {
    const env = join(dir, 'bad.env');
    writeFileSync(env, text);
    const io = capture();
    expect(await runMeta({ ci: 'gitlab', 'event-env': env, dir: resolve(EXAMPLES_DIR, 'node-api') }, io, {}, NOW)).toBe(
      1,
    );
    expect(io.stderr.join('\n')).toContain(message);
  });

  it.each([
    [['meta'], 'give either --input FILE or --ci github|gitlab'],
    [['meta', '--ci', 'jenkins'], '--ci must be github or gitlab'],
  ])('usage error %j exits 2', async (argv, message) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
  });
});
