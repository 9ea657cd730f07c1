import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/init/detect-language.js';
import { runDoctorRules, type DoctorConfig } from '../../src/init/doctor-rules.js';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { renderDockerfileTemplate } from '../../src/init/render-dockerfile-template.js';
import { readDockerfileTemplates } from '../../src/io/read-dockerfile-templates.js';

/** A Dockerfile without any weakness (the test stage is built FROM production); each case below breaks one thing. */
const GOOD = `FROM node:22-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
FROM node:22-alpine AS production
COPY --from=deps /app /app
USER node
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1
CMD ["node", "index.js"]
FROM production AS test
RUN npm test
`;

/** Findings as [rule, severity, line], for a config whose image.target is `production` unless it names another. */
function findings(dockerfile: string, config: DoctorConfig = {}): [string, string, number | undefined][] {
  return runDoctorRules(parseDockerfile(dockerfile), {
    ...config,
    image: { target: 'production', ...config.image },
  }).map((f) => [f.rule, f.severity, f.line]);
}

describe('runDoctorRules', () => {
  it('finds nothing in a good Dockerfile', () => {
    expect(findings(GOOD)).toEqual([]);
  });

  it.each<[string, string, DoctorConfig | undefined, [string, string, number | undefined][]]>([
    ['no test stage', GOOD.replace('AS test', 'AS check'), undefined, [['no-test-stage', 'error', undefined]]],
    [
      'no test stage but test commands in the config',
      GOOD.replace('AS test', 'AS check'),
      { test: { commands: ['true'] } },
      [],
    ],
    ['test.target not a stage', GOOD, { test: { target: 'unit' } }, [['test-stage-missing', 'error', undefined]]],
    ['no USER', GOOD.replace('USER node\n', ''), undefined, [['runs-as-root', 'error', 6]]],
    ['USER root', GOOD.replace('USER node', 'USER root'), undefined, [['runs-as-root', 'error', 8]]],
    ['USER 0:0', GOOD.replace('USER node', 'USER 0:0'), undefined, [['runs-as-root', 'error', 8]]],
    [
      'USER inherited from a stage',
      GOOD.replace('FROM node:22-alpine AS production', 'FROM deps AS production')
        .replace('USER node\n', '')
        .replace('WORKDIR /app\n', 'WORKDIR /app\nUSER node\n'),
      undefined,
      [],
    ],
    [
      'image.target picks an earlier stage',
      GOOD,
      { image: { target: 'deps' } },
      [
        ['runs-as-root', 'error', 1],
        ['no-healthcheck', 'warning', 1],
        ['test-stage-not-candidate', 'error', 11],
      ],
    ],
    ['no HEALTHCHECK', GOOD.replace(/HEALTHCHECK .*\n/, ''), undefined, [['no-healthcheck', 'warning', 6]]],
    [
      'HEALTHCHECK NONE',
      GOOD.replace(/HEALTHCHECK .*\n/, 'HEALTHCHECK NONE\n'),
      undefined,
      [['no-healthcheck', 'warning', 9]],
    ],
    [
      'COPY . . before npm ci',
      GOOD.replace('COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .', 'COPY . .\nRUN npm ci'),
      undefined,
      [['copy-before-install', 'warning', 3]],
    ],
    [
      'ADD --chown . before pip install',
      GOOD.replace(
        'COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .',
        'ADD --chown=app:app . /app\nRUN pip install -r requirements.txt',
      ),
      undefined,
      [['copy-before-install', 'warning', 3]],
    ],
    [
      'COPY . . after go build (not an install)',
      GOOD.replace('RUN npm ci\nCOPY . .', 'COPY . .\nRUN go build ./...'),
      undefined,
      [],
    ],
    [
      'latest base image',
      GOOD.replace('FROM node:22-alpine AS production', 'FROM node:latest AS production'),
      undefined,
      [['unpinned-base-image', 'warning', 6]],
    ],
    [
      'untagged base image',
      GOOD.replace('FROM node:22-alpine AS deps', 'FROM registry.example.com:5000/team/node AS deps'),
      undefined,
      [['unpinned-base-image', 'warning', 1]],
    ],
    [
      'untagged through a global ARG',
      `ARG BASE=node\n${GOOD.replace('FROM node:22-alpine AS deps', 'FROM ${BASE} AS deps')}`,
      undefined,
      [['unpinned-base-image', 'warning', 2]],
    ],
    [
      'a global ARG the config pins (image.buildArgs)',
      `ARG BASE=node\n${GOOD.replace('FROM node:22-alpine AS deps', 'FROM ${BASE} AS deps')}`,
      { image: { buildArgs: { BASE: 'node:22-alpine' } } },
      [],
    ],
    [
      'a global ARG without default the config leaves untagged',
      `ARG BASE\n${GOOD.replace('FROM node:22-alpine AS deps', 'FROM $BASE AS deps')}`,
      { image: { buildArgs: { BASE: 'node' } } },
      [['unpinned-base-image', 'warning', 2]],
    ],
    [
      'a build arg no global ARG declares does not reach FROM',
      `ARG BASE=node\n${GOOD.replace('FROM node:22-alpine AS deps', 'FROM ${BASE} AS deps')}`,
      { image: { buildArgs: { OTHER: 'node:22-alpine' } } },
      [['unpinned-base-image', 'warning', 2]],
    ],
    [
      'digest-pinned without tag',
      GOOD.replace('FROM node:22-alpine AS deps', `FROM node@sha256:${'b'.repeat(64)} AS deps`),
      undefined,
      [],
    ],
    ['scratch', GOOD.replace('FROM node:22-alpine AS production', 'FROM scratch AS production'), undefined, []],
    [
      'secret ARG',
      GOOD.replace('WORKDIR /app', 'ARG NPM_TOKEN\nWORKDIR /app'),
      undefined,
      [['secret-in-build-arg', 'error', 2]],
    ],
    [
      'secret ENV (key=value form)',
      GOOD.replace('USER node', 'ENV PORT=8080 DB_PASSWORD="x y"\nUSER node'),
      undefined,
      [['secret-in-build-arg', 'error', 8]],
    ],
    [
      'secret ENV (legacy form)',
      GOOD.replace('USER node', 'ENV AWS_SECRET_ACCESS_KEY abc\nUSER node'),
      undefined,
      [['secret-in-build-arg', 'error', 8]],
    ],
    [
      'API_KEY ARG',
      GOOD.replace('USER node', 'ARG API_KEY=x\nUSER node'),
      undefined,
      [['secret-in-build-arg', 'error', 8]],
    ],
    ['harmless names', GOOD.replace('USER node', 'ARG KEYBOARD_LAYOUT=us\nENV MONKEY=1\nUSER node'), undefined, []],
    [
      'secret build arg in the config',
      GOOD,
      { image: { buildArgs: { GITHUB_TOKEN: 'x', VERSION: '1' } } },
      [['secret-in-build-arg', 'error', undefined]],
    ],
  ])('%s', (_name, dockerfile, config, expected) => {
    expect(findings(dockerfile, config)).toEqual(expected);
  });

  it('gives every finding a message and a fix', () => {
    const all = runDoctorRules(parseDockerfile('FROM node\nARG TOKEN\nCOPY . .\nRUN npm install\n'));
    expect(all.map((f) => f.rule).sort()).toEqual([
      'copy-before-install',
      'no-healthcheck',
      'no-test-stage',
      'runs-as-root',
      'secret-in-build-arg',
      'unpinned-base-image',
    ]);
    for (const f of all) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('our own templates', () => {
  it.each([
    ['node', { 'package.json': '{"main":"server.js"}', 'package-lock.json': '{}' }],
    ['node', { 'package.json': '{}' }],
    ['python', { 'requirements.txt': 'flask\n', 'requirements-dev.txt': 'pytest\n' }],
    ['python', { 'requirements.txt': 'flask\n' }],
    ['go', { 'go.mod': 'module x\ngo 1.23\n', 'go.sum': '' }],
    ['go', { 'go.mod': 'module x\ngo 1.23\n' }],
  ] as const)('%s (%j): doctor finds nothing, the layout is what the docs promise', (language, files) => {
    const detected = detectLanguage(files);
    expect(detected?.language).toBe(language);
    const { dockerfile, dockerignore } = renderDockerfileTemplate(language, readDockerfileTemplates(language), {
      ...detected!.values,
      name: 'acme/app',
    });
    expect(dockerfile).not.toMatch(/\{\{|\}\}/);
    const summary = parseDockerfile(dockerfile);
    // The templates' test stage runs the unit tests on the sources (FROM deps/build), not on the production stage:
    // doctor says so unless the config opts out with test.from "source", which is what `dockyard init` writes.
    expect(runDoctorRules(summary, { test: { target: 'test' } }).map((f) => f.rule)).toEqual([
      'test-stage-not-candidate',
    ]);
    expect(runDoctorRules(summary, { test: { target: 'test', from: 'source' } })).toEqual([]);
    expect(summary.testStage).toBe('test');
    expect(summary.productionStage?.name).toBe('production');
    expect(summary.args.map((a) => a.name)).toEqual(expect.arrayContaining(['BUILD_VERSION', 'GIT_COMMIT']));
    expect(dockerfile).toMatch(/LABEL org\.opencontainers\.image\.version="\$\{BUILD_VERSION\}"/);
    expect(dockerfile).toMatch(/org\.opencontainers\.image\.revision="\$\{GIT_COMMIT\}"/);
    expect(dockerfile).toMatch(/RUN --mount=type=cache,target=/);
    expect(summary.user?.text).not.toMatch(/^(root|0)\b/);
    expect(summary.healthcheck).toBeDefined();
    // manifests are copied (and installed) before the sources in the first stage
    const first = summary.stages[0].instructions;
    const copyManifests = first.findIndex((i) => i.keyword === 'COPY');
    const install = first.findIndex(
      (i) => i.keyword === 'RUN' && /(npm (ci|install)|pip install|go mod download)/.test(i.text),
    );
    expect(copyManifests).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(copyManifests);
    expect(first.some((i) => i.keyword === 'COPY' && /^\.\s/.test(i.text))).toBe(false);
    expect(dockerignore).toMatch(/^\.git$/m);
    if (language === 'go') {
      expect(summary.productionStage?.base).toBe('scratch');
      expect(summary.healthcheck?.text).toContain('["/app", "healthcheck"]');
    }
  });

  it('rejects a template value that is missing (strict)', () => {
    expect(() =>
      renderDockerfileTemplate('node', { dockerfile: 'FROM {{nope}}\n', dockerignore: '' }, { name: 'x' }),
    ).toThrow(/nope/);
  });
});
