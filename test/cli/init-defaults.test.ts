import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { isScratchImage } from '../../src/init/collect-init-answers.js';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { loadConfigSource } from '../../src/io/load-config.js';
import { captureOutput } from '../support/capture-output.js';

/** Dockerfiles as new users bring them: no test stage, static binaries on scratch, distroless-like chains. */
const DOCKERFILES = {
  alpine: 'FROM alpine:3.20 AS runtime\nUSER 1000\nCMD ["sleep", "infinity"]\n',
  alpineHealth:
    'FROM alpine:3.20 AS runtime\nUSER 1000\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1\nCMD ["httpd", "-f"]\n',
  alpineHealthNone: 'FROM alpine:3.20 AS runtime\nHEALTHCHECK NONE\n',
  scratch:
    'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch AS runtime\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "healthcheck"]\nENTRYPOINT ["/app"]\n',
  scratchChain: 'FROM scratch AS base\nCOPY app /app\nFROM base AS runtime\nENTRYPOINT ["/app"]\n',
  scratchWithTest:
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM build AS test\nRUN go test ./...\nFROM scratch AS runtime\nCOPY --from=build /app /app\n',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-init-defaults-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loadWritten(): Promise<ReturnType<typeof validateConfig>> {
  return validateConfig(
    await loadConfigSource('dockyard.config.ts', readFileSync(join(dir, 'dockyard.config.ts'), 'utf8')),
  );
}

describe('dockyard init --yes: the documented defaults, each said', () => {
  it('without a remote: both CI systems, the image after the directory, the template of the detected language', async () => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/svc\n\ngo 1.23\n');
    writeFileSync(join(dir, 'main.go'), 'package main\nfunc main() {}\n');
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes'], io)).toBe(0);
    const result = await loadWritten();
    expect(result.ok && result.config.ci).toEqual(['github', 'gitlab']);
    const name = result.ok ? result.config.image.name : '';
    // The go template's test stage builds FROM the sources (deps), so init writes the labelled opt-out and says so.
    expect(io.stderr.slice(1)).toEqual([
      'stage "test" does not derive from the production stage "production" (its chain is test → deps → golang:1.23-alpine), so it does not test the candidate; writing test: { target: "test", from: "source" }, so the plan, the test job and the gate summary say it does not test the candidate. To test the candidate, build the stage FROM "production" or pass --test-command.',
      '--ci: no remote found; took both (github, gitlab)',
      `--image: no remote found, named after the directory "${dir.split('/').at(-1)}"; took ${name}`,
      '--template: no Dockerfile found, go.mod found; took go',
      '--visibility: a remote URL cannot tell a private repository from a public one; took public',
    ]);
    expect(existsSync(join(dir, '.github/workflows/dockyard.yml'))).toBe(true);
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(true);
  });

  it.each([
    [
      'no HEALTHCHECK',
      DOCKERFILES.alpine,
      { commands: ['true'] },
      "--test-command: no test stage found; took a start-up check (`true` run by the image's /bin/sh)",
    ],
    [
      'HEALTHCHECK NONE',
      DOCKERFILES.alpineHealthNone,
      { commands: ['true'] },
      "--test-command: no test stage found; took a start-up check (`true` run by the image's /bin/sh)",
    ],
    [
      'a HEALTHCHECK',
      DOCKERFILES.alpineHealth,
      { commands: ['true'], smoke: { timeout: 60 } },
      "--test-command: no test stage found; took a start-up check (`true` run by the image's /bin/sh) and the smoke test (its HEALTHCHECK must report healthy)",
    ],
  ])(
    'no test stage, %s: a start-up check, plus the smoke test on a HEALTHCHECK',
    async (_name, dockerfile, test, line) => {
      writeFileSync(join(dir, 'Dockerfile'), dockerfile);
      const io = captureOutput();
      expect(await runCli(['init', '--dir', dir, '--yes', '--ci', 'github', '--no-synth'], io)).toBe(0);
      const result = await loadWritten();
      expect(result.ok && result.config.test).toEqual({ ...test });
      expect(io.stderr).toContain(line);
    },
  );

  it('FROM scratch with a test stage built from the sources: the stage with the labelled opt-out, never a /bin/sh command', async () => {
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILES.scratchWithTest);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes', '--ci', 'gitlab'], io)).toBe(0);
    const result = await loadWritten();
    expect(result.ok && result.config.test).toEqual({ target: 'test', from: 'source' });
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).not.toContain('/bin/sh');
  });

  it.each([
    [
      'FROM scratch, no test stage',
      DOCKERFILES.scratch,
      [],
      /^dockyard: --test-target: the production stage is built FROM scratch, which has no shell to run a test command in, and the Dockerfile has no test stage \(the smoke test on its HEALTHCHECK needs a test beside it\); expected --test-target <a stage built FROM the production stage that runs the tests>, got neither$/m,
    ],
    [
      'scratch through an earlier stage',
      DOCKERFILES.scratchChain,
      [],
      /^dockyard: --test-target: the production stage is built FROM scratch, which has no shell to run a test command in, and the Dockerfile has no test stage; expected --test-target .*, got neither$/m,
    ],
    [
      '--test-command for a scratch image',
      DOCKERFILES.scratch,
      ['--test-command', 'npm test'],
      /^dockyard: --test-command: the production stage is built FROM scratch, which has no shell to run it in; expected --test-target <a stage built FROM the production stage that runs the tests>, got "npm test"$/m,
    ],
  ])('%s: exit 2 naming why, nothing written', async (_name, dockerfile, flags, message) => {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes', '--ci', 'github', ...flags], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(existsSync(join(dir, 'dockyard.config.ts'))).toBe(false);
  });
});

describe('isScratchImage', () => {
  it.each([
    [DOCKERFILES.alpine, false],
    [DOCKERFILES.scratch, true],
    [DOCKERFILES.scratchChain, true],
    ['FROM Scratch\n', true],
    ['FROM gcr.io/distroless/static AS runtime\n', false],
    ['FROM scratch AS build\nFROM alpine:3.20\n', false],
    ['', false],
  ])('%j → %s', (dockerfile, expected) => {
    expect(isScratchImage(parseDockerfile(dockerfile))).toBe(expected);
  });
});
