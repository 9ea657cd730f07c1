import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { PromptCancelled, type InitPrompts } from '../../src/init/init-prompts.js';
import { loadConfigSource } from '../../src/io/load-config.js';
import { captureOutput } from '../support/capture-output.js';

/** Realistic little repositories: path → content. */
const REPOS: Record<string, Record<string, string>> = {
  node: {
    'package.json': '{"name":"api","main":"server.js","scripts":{"test":"node --test"}}',
    'package-lock.json': '{"lockfileVersion":3}',
    'server.js': 'require("http").createServer().listen(8080);\n',
  },
  python: {
    'requirements.txt': 'flask==3.0.3\n',
    'requirements-dev.txt': 'pytest==8.3.3\n',
    'app.py': 'print("hi")\n',
  },
  go: { 'go.mod': 'module example.com/svc\n\ngo 1.23\n', 'go.sum': '', 'main.go': 'package main\nfunc main() {}\n' },
  dockerfile: {
    'package.json': '{}',
    Dockerfile:
      'FROM node:22-alpine AS build\nCOPY package.json ./\nRUN npm install\nCOPY . .\nFROM build AS unit-tests\nRUN npm test\nFROM node:22-alpine AS runtime\nCOPY --from=build /app /app\nUSER node\nHEALTHCHECK CMD true\n',
  },
  'dockerfile-unnamed': { Dockerfile: 'FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20\nUSER 1000\n' },
  'dockerfile-no-test': { Dockerfile: 'FROM alpine:3.20 AS runtime\nUSER 1000\n' },
  empty: { 'README.md': '# nothing\n' },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function makeRepo(name: string, remote?: string): void {
  for (const [path, content] of Object.entries(REPOS[name])) writeFileSync(join(dir, path), content);
  if (remote) {
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', remote]);
  }
}

async function loadWritten(): Promise<ReturnType<typeof validateConfig>> {
  // the same evaluation as `dockyard synth` (jiti, `import ... from 'dockyard'`), with dockyard's modules cached between tests
  return validateConfig(
    await loadConfigSource('dockyard.config.ts', readFileSync(join(dir, 'dockyard.config.ts'), 'utf8')),
  );
}

/** Scripted prompts: answers in order; records every question. */
function scripted(answers: (string | boolean | typeof PromptCancelled)[]): InitPrompts & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string): unknown => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    const answer = answers.shift();
    if (answer === PromptCancelled) throw new PromptCancelled();
    return answer;
  };
  return {
    asked,
    select: async (message) => next(message) as never,
    text: async (message) => next(message) as string,
    confirm: async (message) => next(message) as boolean,
  };
}

describe('dockyard init --yes', () => {
  it.each([
    [
      'node',
      'git@github.com:Acme/Node-API.git',
      {
        ci: ['github'],
        image: { name: 'acme/node-api', dockerfile: 'Dockerfile', target: 'production' },
        test: { target: 'test' },
      },
      ['Dockerfile', '.dockerignore', 'dockyard.config.ts', '.github/workflows/dockyard.yml'],
    ],
    [
      'python',
      'https://gitlab.com/acme/team/web.git',
      { ci: ['gitlab'], image: { name: 'acme/team/web', target: 'production' }, test: { target: 'test' } },
      ['Dockerfile', '.dockerignore', 'dockyard.config.ts', '.gitlab-ci.yml'],
    ],
    [
      'go',
      'ssh://git@github.com/acme/svc.git',
      { ci: ['github'], image: { name: 'acme/svc', target: 'production' }, test: { target: 'test' } },
      ['Dockerfile', '.dockerignore', 'dockyard.config.ts'],
    ],
    [
      'dockerfile',
      'https://github.com/acme/app',
      { ci: ['github'], image: { name: 'acme/app', target: 'runtime' }, test: { target: 'unit-tests' } },
      ['dockyard.config.ts'],
    ],
  ])(
    '%s repository: writes a valid config from what it detects, then synthesises',
    async (repo, remote, expected, written) => {
      makeRepo(repo, remote);
      const before = REPOS[repo].Dockerfile;
      const io = captureOutput();
      expect(await runCli(['init', '--dir', dir, '--yes'], io)).toBe(0);
      for (const path of written) expect(io.stdout).toContain(`wrote ${path}`);
      const result = await loadWritten();
      expect(result.ok).toBe(true);
      expect(result.ok && result.config).toMatchObject(expected);
      if (before) expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(before);
      const source = readFileSync(join(dir, 'dockyard.config.ts'), 'utf8');
      expect(source).toMatch(/^import \{ defineConfig \} from 'dockyard';/);
      expect(source).toContain('// Written by `dockyard init`');
    },
  );

  it('without a remote takes --ci and names the image after the directory', async () => {
    makeRepo('go');
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes', '--ci', 'both', '--no-synth'], io)).toBe(0);
    const result = await loadWritten();
    expect(result.ok && result.config.ci).toEqual(['github', 'gitlab']);
    expect(result.ok && result.config.image.name).toMatch(/^dockyard-init-/);
    expect(existsSync(join(dir, '.github'))).toBe(false);
  });

  it.each([
    [
      'bad --ci',
      'go',
      ['--ci', 'jenkins'],
      /^dockyard: --ci: unknown CI system; expected github, gitlab or both, got "jenkins"$/m,
    ],
    [
      'bad --image',
      'go',
      ['--ci', 'github', '--image', 'Acme/API'],
      /^dockyard: --image: not a valid image repository path; expected lower-case letters, .*e\.g\. acme\/api, got "Acme\/API"$/m,
    ],
    [
      'bad --template',
      'go',
      ['--ci', 'github', '--template', 'rust'],
      /^dockyard: --template: unknown template; expected node, python, go or none, got "rust"$/m,
    ],
    [
      'nothing to template',
      'empty',
      ['--ci', 'github'],
      /^dockyard: --template: cannot decide on my own .*got neither$/m,
    ],
    [
      '--template none without a Dockerfile',
      'go',
      ['--ci', 'github', '--template', 'none'],
      /^dockyard: --template: "none", but there is no Dockerfile and dockyard init needs one; expected node, python or go \(or write the Dockerfile first\), got "none"$/m,
    ],
    [
      'test stage but an unnamed last stage',
      'dockerfile-unnamed',
      ['--ci', 'github'],
      /needs a named production stage, but the last stage of the Dockerfile has no name; expected `FROM … AS production` .*, got an unnamed last stage$/m,
    ],
    [
      'empty --test-command',
      'dockerfile-no-test',
      ['--ci', 'github', '--test-command', '  '],
      /^dockyard: --test-command: empty command; expected a shell command run inside the image, e\.g\. "npm test", got " {2}"$/m,
    ],
    [
      '--test-target not a stage',
      'dockerfile',
      ['--ci', 'github', '--test-target', 'e2e'],
      /^dockyard: --test-target: not a stage of the Dockerfile; expected one of its named stages \(build, unit-tests, runtime\), got "e2e"$/m,
    ],
    [
      'bad --visibility',
      'dockerfile',
      ['--ci', 'github', '--visibility', 'hidden'],
      /^dockyard: --visibility: unknown repository visibility; expected public, private, internal, got "hidden"$/m,
    ],
    [
      'bad --plan',
      'dockerfile',
      ['--ci', 'github', '--visibility', 'private', '--plan', 'gold'],
      /^dockyard: --plan: unknown GitHub plan; expected free, pro, team, enterprise, got "gold"$/m,
    ],
    [
      '--plan for a public repository',
      'dockerfile',
      ['--ci', 'github', '--plan', 'team'],
      /^dockyard: --plan: matters only for private and internal repositories; expected --visibility private or internal with it, got --visibility public and --plan "team"$/m,
    ],
    [
      '--visibility for GitLab',
      'dockerfile',
      ['--ci', 'gitlab', '--visibility', 'private'],
      /^dockyard: --visibility: describes the GitHub repository, but the config targets gitlab; expected --ci github or both with it, got "private"$/m,
    ],
  ])('%s: exit 2, nothing written', async (_name, repo, flags, message) => {
    makeRepo(repo);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes', ...flags], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(existsSync(join(dir, 'dockyard.config.ts'))).toBe(false);
  });

  it.each([
    ['--visibility private', ['--visibility', 'private'], { visibility: 'private', plan: 'free' }],
    [
      '--visibility private --plan pro',
      ['--visibility', 'private', '--plan', 'pro'],
      { visibility: 'private', plan: 'pro' },
    ],
    [
      '--visibility internal (Enterprise Cloud)',
      ['--visibility', 'internal'],
      { visibility: 'internal', plan: 'enterprise' },
    ],
    ['no --visibility: public, no github block', [], undefined],
  ])('%s writes the github block', async (_, flags, github) => {
    makeRepo('dockerfile', 'https://github.com/acme/app');
    expect(await runCli(['init', '--dir', dir, '--yes', ...flags, '--no-synth'], captureOutput())).toBe(0);
    const result = await loadWritten();
    expect(result.ok).toBe(true);
    expect(result.ok && result.config.github).toEqual(github);
    expect(readFileSync(join(dir, 'dockyard.config.ts'), 'utf8').includes('github: {')).toBe(github !== undefined);
  });

  it('--test-command when the Dockerfile has no test stage', async () => {
    makeRepo('dockerfile-no-test');
    expect(
      await runCli(
        [
          'init',
          '--dir',
          dir,
          '--yes',
          '--ci',
          'gitlab',
          '--test-command',
          "echo 'it works' && /bin/true",
          '--no-synth',
        ],
        captureOutput(),
      ),
    ).toBe(0);
    const result = await loadWritten();
    expect(result.ok && result.config.test).toMatchObject({ commands: ["echo 'it works' && /bin/true"] });
  });

  it('writes hostile answers as string literals, not code', async () => {
    makeRepo('dockerfile-no-test');
    const hostile = '"; process.exit(3); //\n`${x}` \\ */';
    expect(
      await runCli(
        ['init', '--dir', dir, '--yes', '--ci', 'github', '--test-command', hostile, '--no-synth'],
        captureOutput(),
      ),
    ).toBe(0);
    const result = await loadWritten();
    expect(result.ok && result.config.test.commands).toEqual([hostile]);
  });
});

describe('dockyard init: existing files', () => {
  it.each([
    ['dockyard.config.ts', 'export default {};\n'],
    ['dockyard.config.json', '{}'],
    ['.dockerignore', 'node_modules\n'],
  ])('refuses when %s exists, lists every conflict and writes nothing', async (path, content) => {
    makeRepo('node', 'git@github.com:acme/api.git');
    writeFileSync(join(dir, path), content);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes'], io)).toBe(1);
    expect(io.stderr).toContain(`refused ${path}: exists`);
    expect(io.stderr).toContain('Nothing was written. Re-run with --force to overwrite.');
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
    expect(readFileSync(join(dir, path), 'utf8')).toBe(content);
  });

  it('refuses, before writing the config, when synth would meet a foreign pipeline file', async () => {
    makeRepo('node', 'git@github.com:acme/api.git');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/dockyard.yml'), 'name: mine\n');
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes'], io)).toBe(1);
    expect(io.stderr).toEqual(expect.arrayContaining(['refused .github/workflows/dockyard.yml: exists']));
    expect(existsSync(join(dir, 'dockyard.config.ts'))).toBe(false);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
  });

  it('--force overwrites the config, a templated Dockerfile and a foreign pipeline', async () => {
    makeRepo('node', 'git@github.com:acme/api.git');
    writeFileSync(join(dir, 'dockyard.config.ts'), 'export default {};\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/dockyard.yml'), 'name: mine\n');
    expect(await runCli(['init', '--dir', dir, '--yes', '--template', 'node'], captureOutput())).toBe(1);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--yes', '--template', 'node', '--force'], io)).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/AS production/);
    expect(readFileSync(join(dir, '.github/workflows/dockyard.yml'), 'utf8')).toMatch(/^# Generated by dockyard/);
    expect((await loadWritten()).ok).toBe(true);
  });
});

describe('dockyard init: prompts', () => {
  it('asks each answer with the detected default, re-asks bad answers, and writes what was chosen', async () => {
    makeRepo('node', 'git@github.com:acme/api.git');
    const prompts = scripted(['gitlab', 'Not A Name', 'acme/renamed', 'python']);
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir, '--no-synth'], io, prompts)).toBe(0);
    expect(prompts.asked).toEqual([
      'CI system',
      'Image repository (without registry host)',
      'Image repository (without registry host)',
      'No Dockerfile found: write one from a template?',
    ]);
    expect(io.stderr.join('\n')).toMatch(
      /^not a valid image repository path; expected .*, got "Not A Name"; try again\.$/m,
    );
    const result = await loadWritten();
    expect(result.ok && result.config).toMatchObject({ ci: ['gitlab'], image: { name: 'acme/renamed' } });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toMatch(/FROM python:\$\{PYTHON_VERSION\}-slim AS deps/);
  });

  it('asks for a test command when the Dockerfile has no test stage, re-asking an empty one', async () => {
    makeRepo('dockerfile-no-test');
    const prompts = scripted(['github', 'acme/tool', '  ', 'tool --version', 'public']);
    expect(await runCli(['init', '--dir', dir, '--no-synth'], captureOutput(), prompts)).toBe(0);
    expect(prompts.asked.at(-2)).toMatch(/no test stage/);
    const result = await loadWritten();
    expect(result.ok && result.config.test).toMatchObject({ commands: ['tool --version'] });
  });

  it('flags answer their questions; --yes asks nothing', async () => {
    makeRepo('go', 'git@github.com:acme/svc.git');
    const prompts = scripted([]);
    expect(
      await runCli(
        [
          'init',
          '--dir',
          dir,
          '--ci',
          'github',
          '--image',
          'acme/svc',
          '--template',
          'go',
          '--visibility',
          'public',
          '--no-synth',
        ],
        captureOutput(),
        prompts,
      ),
    ).toBe(0);
    rmSync(join(dir, 'dockyard.config.ts'));
    expect(await runCli(['init', '--dir', dir, '--yes', '--force', '--no-synth'], captureOutput(), prompts)).toBe(0);
    expect(prompts.asked).toEqual([]);
  });

  it.each([
    [
      'public: no github block',
      ['public'],
      ['GitHub repository visibility (decides attestations, code scanning and artifact storage)'],
      undefined,
    ],
    [
      'private, then the plan',
      ['private', 'team'],
      [
        'GitHub repository visibility (decides attestations, code scanning and artifact storage)',
        'GitHub plan of the repository owner',
      ],
      { visibility: 'private', plan: 'team' },
    ],
  ])('asks the GitHub repository visibility (%s)', async (_, answers, questions, github) => {
    makeRepo('go', 'git@github.com:acme/svc.git');
    const prompts = scripted(['github', 'acme/svc', 'go', ...answers]);
    expect(await runCli(['init', '--dir', dir, '--no-synth'], captureOutput(), prompts)).toBe(0);
    expect(prompts.asked.slice(3)).toEqual(questions);
    const result = await loadWritten();
    expect(result.ok && result.config.github).toEqual(github);
  });

  it('a cancelled prompt exits 1 and writes nothing', async () => {
    makeRepo('node');
    const io = captureOutput();
    expect(await runCli(['init', '--dir', dir], io, scripted(['github', PromptCancelled]))).toBe(1);
    expect(io.stderr).toContain('dockyard: cancelled; nothing was written');
    expect(existsSync(join(dir, 'dockyard.config.ts'))).toBe(false);
  });
});
