import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';

const WEAK = `FROM node:latest
ARG NPM_TOKEN
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "index.js"]
`;
const GOOD = `FROM node:22-alpine AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
FROM node:22-alpine AS runtime
COPY --from=build /app /app
USER node
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/ || exit 1
FROM runtime AS test
RUN npm test
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-doctor-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dockyard doctor', () => {
  it('prints each finding with its line and fix, and exits 1 on errors', async () => {
    writeFileSync(join(dir, 'Dockerfile'), WEAK);
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(1);
    const lines = io.stdout.filter((l) => !l.startsWith('  fix: '));
    expect(lines).toEqual([
      expect.stringMatching(/^error Dockerfile \[no-test-stage\] no test stage/),
      expect.stringMatching(/^error Dockerfile:1 \[runs-as-root\]/),
      expect.stringMatching(/^warning Dockerfile:1 \[no-healthcheck\]/),
      expect.stringMatching(/^warning Dockerfile:1 \[unpinned-base-image\] FROM node:latest uses `latest`/),
      expect.stringMatching(/^error Dockerfile:2 \[secret-in-build-arg\] ARG NPM_TOKEN/),
      expect.stringMatching(
        /^warning Dockerfile:4 \[copy-before-install\] COPY \. \. comes before the dependency install on line 5/,
      ),
      '3 error(s), 3 warning(s) in Dockerfile',
    ]);
    expect(io.stdout.filter((l) => l.startsWith('  fix: '))).toHaveLength(6);
  });

  it('--json prints the findings as one object', async () => {
    writeFileSync(join(dir, 'Dockerfile'), WEAK);
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir, '--json'], io)).toBe(1);
    const report = JSON.parse(io.stdout.join('\n')) as {
      dockerfile: string;
      findings: { rule: string; severity: string; line?: number; fix: string }[];
    };
    expect(report.dockerfile).toBe('Dockerfile');
    expect(report.findings.find((f) => f.rule === 'secret-in-build-arg')).toMatchObject({
      severity: 'error',
      line: 2,
      fix: expect.stringContaining('--mount=type=secret'),
    });
  });

  it.each([
    ['warnings only', GOOD.replace(/HEALTHCHECK .*\n/, ''), 0, /0 error\(s\), 1 warning\(s\)/],
    ['no findings', GOOD, 0, /^ok Dockerfile: no findings$/],
  ])('%s: exit %s', async (_name, dockerfile, code, last) => {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(code);
    expect(io.stdout.at(-1)).toMatch(last);
  });

  it('reads the Dockerfile and test target named by the config', async () => {
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker/app.Dockerfile'), GOOD);
    writeFileSync(
      join(dir, 'dockyard.config.json'),
      JSON.stringify({
        ci: ['github'],
        image: { name: 'acme/app', dockerfile: 'docker/app.Dockerfile', target: 'runtime' },
        test: { target: 'integration' },
      }),
    );
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(1);
    expect(io.stdout[0]).toMatch(
      /^error docker\/app\.Dockerfile \[test-stage-missing\] the config's test\.target "integration" is not a stage/,
    );
  });

  it.each([
    [
      'a private repository on GitHub Free',
      { visibility: 'private' },
      ['info', 'warning', 'info', 'warning', 'warning'],
      '0 error(s), 3 warning(s), 2 note(s) in Dockerfile and dockyard.config.json',
    ],
    ['a public repository', undefined, [], 'ok Dockerfile: no findings'],
  ])('explains %s: github-* findings about the config, exit 0', async (_, github, severities, last) => {
    writeFileSync(join(dir, 'Dockerfile'), GOOD);
    const config = {
      ci: ['github'],
      image: { name: 'acme/app', target: 'runtime' },
      test: { target: 'test' },
      platforms: ['linux/amd64', 'linux/arm64'],
      registries: [{ type: 'ghcr' }],
      scan: { report: true },
      signing: {},
      ...(github ? { github } : {}),
    };
    writeFileSync(join(dir, 'dockyard.config.json'), JSON.stringify(config));
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(0);
    const findings = io.stdout.filter((l) => / dockyard\.config\.json \[github-/.test(l));
    expect(findings.map((l) => l.split(' ')[0])).toEqual(severities);
    expect(findings.map((l) => /\[(github-[a-z0-9-]+)\]/.exec(l)?.[1])).toEqual(
      github
        ? [
            'github-attestations',
            'github-code-scanning',
            'github-arm64-runner',
            'github-artifact-storage',
            'github-transparency-log',
          ]
        : [],
    );
    expect(io.stdout.at(-1)).toBe(last);
  });

  it('exits 2 without a Dockerfile', async () => {
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^dockyard: cannot read Dockerfile/);
  });
});
