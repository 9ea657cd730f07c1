import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli-lib.mjs';
import { EXAMPLES_DIR, ROOT } from '../support/paths.js';

// The bundled executable (src/cli/bin.ts through scripts/bundle-cli-lib.mjs, what bin/dockyard.js runs), built
// afresh into a folder two levels below the root as dist/cli is, run with a hook that lists every module file
// the process loads (scripts/list-loaded-modules.mjs).
// The GitHub and GitLab clients, their rate limiters (bottleneck: plugin-throttling; rate-limiter-flexible: gitbeaker) and
// fleet's progress bar: what only pr, fleet and trigger need.
const PUBLISHING_PACKAGES = ['@octokit/', '@gitbeaker/', 'bottleneck', 'rate-limiter-flexible', 'cli-progress'];
const HOOK = resolve(ROOT, 'scripts', 'list-loaded-modules.mjs');
const EXAMPLE = join(EXAMPLES_DIR, 'status-page');
let work: string;
let entry: string;

beforeAll(async () => {
  work = mkdtempSync(join(ROOT, '.dockyard-tmp-bin-'));
  await bundleCli(join(work, 'cli'));
  entry = join(work, 'cli', 'dockyard.js');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run the bundled CLI; the packages (node_modules/<name>/) of every module file it loaded, sorted, once each. */
function loadedPackages(args: readonly string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
  packages: string[];
} {
  const list = join(work, `loaded-${args.join('-').replace(/\W+/g, '_')}.txt`);
  const run = spawnSync(process.execPath, ['--import', HOOK, entry, ...args], {
    cwd: EXAMPLE,
    encoding: 'utf8',
    env: { ...process.env, DOCKYARD_LOADED_MODULES: list, GITHUB_TOKEN: '', GITLAB_TOKEN: '' },
  });
  const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const names = files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, packages: [...new Set(names)].sort() };
}

describe('the bundled dockyard executable loads each command’s code only when it runs', () => {
  it.each([
    ['synth --stdout', ['synth', '--stdout'], 0],
    ['synth --check', ['synth', '--check'], 0],
    ['plan --json', ['plan', '--json'], 0],
    ['plan --cost', ['plan', '--cost'], 0],
    ['meta --ci gitlab', ['meta', '--ci', 'gitlab'], 0],
    ['validate', ['validate'], 0],
    ['commit --dry-run (local git only)', ['commit', '--dry-run'], 0],
    ['doctor', ['doctor'], 0],
  ])('%s loads none of the publishing stack', (_name, args, status) => {
    const run = loadedPackages(args);
    expect(run.status, run.stderr).toBe(status);
    expect(run.packages.filter((p) => PUBLISHING_PACKAGES.some((q) => p.startsWith(q)))).toEqual([]);
  });

  it.each([
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['synth --help', ['synth', '--help']],
  ])('%s loads no package from node_modules at all', (_name, args) => {
    const run = loadedPackages(args);
    expect(run.status, run.stderr).toBe(0);
    expect(run.packages).toEqual([]);
  });

  it.each([
    [
      'dockyard.config.json',
      false,
      JSON.stringify({ ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } }),
    ],
    ['dockyard.config.yaml', false, 'ci: [gitlab]\nimage: { name: acme/api }\ntest: { commands: ["true"] }\n'],
    [
      'dockyard.config.ts',
      true,
      "import { defineConfig } from 'dockyard';\nexport default defineConfig({ ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } });\n",
    ],
  ])('synth with %s loads jiti: %s', (file, usesJiti, text) => {
    const dir = join(work, file.replace(/\W/g, '-'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch AS production\nFROM production AS test\n');
    writeFileSync(join(dir, file), text);
    const run = loadedPackages(['synth', '--stdout', '--dir', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.packages.includes('jiti')).toBe(usesJiti);
  });

  it('--version prints the package version and nothing else', () => {
    const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(loadedPackages(['--version']).stdout).toBe(`${version}\n`);
  });

  it('the hook does see the publishing stack where it is used (pr loads @octokit/rest)', () => {
    const run = loadedPackages(['pr', '--repo', 'acme/api']);
    expect(run.stderr).toContain('GITHUB_TOKEN is not set');
    expect(run.packages).toContain('@octokit/rest');
  });
});
