import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/**
 * The package as a user installs it: `npm pack` (its `prepare` script builds lib/), the tarball unpacked into a
 * scratch project's node_modules/dockyard as `npm install <tarball>` lays it out, its bin linked into
 * node_modules/.bin, and only its `dependencies` (never the devDependencies, so no gitlab-ci-local) linked beside
 * it from this checkout's node_modules. `npm install --offline` cannot be used here: the npm cache does not hold the
 * dependencies and tests have no network.
 *
 * @see https://docs.npmjs.com/cli/commands/npm-pack
 * @see https://docs.npmjs.com/cli/configuring-npm/folders#executables
 */
const work = mkdtempSync(join(tmpdir(), 'dockyard-installed-'));
const project = join(work, 'project');
let bin: string;
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string }[];
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'dockyard'), { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(work, packed[0].filename),
    '-C',
    join(modules, 'dockyard'),
    '--strip-components=1',
  ]);
  const manifest = JSON.parse(readFileSync(join(modules, 'dockyard', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies)) {
    mkdirSync(join(modules, name, '..'), { recursive: true });
    symlinkSync(resolve(ROOT, 'node_modules', name), join(modules, name));
  }
  mkdirSync(join(modules, '.bin'));
  symlinkSync(join('..', 'dockyard', manifest.bin.dockyard), join(modules, '.bin', 'dockyard'));
  bin = join(modules, '.bin', 'dockyard');
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      version: '1.0.0',
      private: true,
      dependencies: { dockyard: `file:${packed[0].filename}` },
    }),
  );
  writeFileSync(join(project, 'go.mod'), 'module example.com/svc\n\ngo 1.23\n');
  writeFileSync(join(project, 'main.go'), 'package main\nfunc main() {}\n');
  execFileSync('git', ['init', '-q', project]);
}, 300_000);

/** PATH without any node_modules/.bin (vitest adds this checkout's, which holds gitlab-ci-local). */
const PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((p) => !p.includes('node_modules'))
  .join(delimiter);

function dockyard(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(bin, args, { cwd: project, encoding: 'utf8', env: { ...process.env, PATH, CI: 'true' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the packed package, installed', () => {
  it('ships no devDependency at run time, and the GitLab schema', () => {
    expect(readdirSync(join(project, 'node_modules'))).not.toContain('gitlab-ci-local');
    expect(readdirSync(join(project, 'node_modules', 'dockyard', 'schema'))).toEqual(
      expect.arrayContaining(['dockyard.schema.json', 'gitlab-ci.json', 'gitlab-ci.SOURCE.md']),
    );
  });

  it('init, synth, validate, plan and meta run through the installed bin', () => {
    const init = dockyard('init', '--yes');
    expect(init.stderr).toContain('--ci: no remote found; took both (github, gitlab)');
    expect(init.status).toBe(0);
    expect(dockyard('synth', '--check').status).toBe(0);
    const validate = dockyard('validate');
    expect(validate.stderr).toContain("skipped .gitlab-ci.yml: checked with GitLab's CI JSON Schema only");
    expect(validate.status).toBe(0);
    const plan = dockyard('plan', '--event', 'push', '--ref', 'refs/heads/feature-x', '--default-branch', 'main');
    expect(plan.stdout).toContain(
      'not published: refs/heads/feature-x is not a publishing branch (main); the pipeline does not run for this push',
    );
    expect(plan.status).toBe(0);
    const meta = dockyard('meta', '--ci', 'gitlab', '--json');
    expect(meta.status).toBe(0);
    expect(JSON.parse(meta.stdout)).toHaveProperty('tags');
  });

  it('validate fails a broken GitLab file without gitlab-ci-local', () => {
    const file = join(project, '.gitlab-ci.yml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^( {2})script:/m, '$1scirpt:'));
    try {
      const validate = dockyard('validate');
      expect(validate.stdout).toMatch(/^\.gitlab-ci\.yml:\d+:\d+: \[json-schema\] gitlab-ci\.json: /m);
      expect(validate.status).toBe(1);
    } finally {
      writeFileSync(file, good);
    }
  });
});
