import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import { parseMermaid } from '../support/parse-mermaid.js';
import { EXAMPLES_DIR } from '../support/paths.js';

const NODE_API = resolve(EXAMPLES_DIR, 'node-api');
const dir = mkdtempSync(join(tmpdir(), 'dockyard-plan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'dockyard.config.json'),
  JSON.stringify({ ci: ['github'], image: { name: 'acme/only-github' }, test: { commands: ['true'] } }),
);

async function plan(...args: string[]) {
  const io = captureOutput();
  const code = await runCli(['plan', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('dockyard plan', () => {
  it('prints the jobs and the tags of a tag push', async () => {
    const { code, stdout, stderr } = await plan(
      '--dir',
      NODE_API,
      '--event',
      'push',
      '--ref',
      'refs/tags/v1.2.3',
      '--default-branch',
      'main',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('dockyard plan for acme/node-api on github (also configured: gitlab; see --ci gitlab)');
    expect(stdout).toContain('linux/arm64 on ubuntu-24.04-arm');
    expect(stdout).toMatch(/tags for push refs\/tags\/v1\.2\.3:\n {2}1\.2\.3 \(version\)\n {2}1\.2\n/);
  });

  it('--ci gitlab shows GitLab runner tags', async () => {
    const { code, stdout } = await plan('--dir', NODE_API, '--ci', 'gitlab');
    expect(code).toBe(0);
    expect(stdout).toContain('linux/arm64 on tags: saas-linux-small-arm64');
    expect(stdout).not.toContain('tags for');
  });

  it('--json prints one versioned document', async () => {
    const { code, stdout } = await plan('--dir', NODE_API, '--json', '--event', 'pull_request');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { version: number; ci: string; tags: { published: boolean; event: string } };
    expect(parsed).toMatchObject({ version: 1, ci: 'github', tags: { event: 'pull_request', published: false } });
  });

  it.each([['--mermaid'], ['--format', 'mermaid']])('%s prints a flowchart Mermaid parses', async (...flags) => {
    const { code, stdout } = await plan('--dir', NODE_API, ...flags);
    expect(code).toBe(0);
    expect(await parseMermaid(stdout)).toBe('flowchart-v2');
  });

  it('--format md wraps the flowchart in a mermaid block with the tag table', async () => {
    const { code, stdout } = await plan('--dir', NODE_API, '--format', 'md', '--ref', 'refs/heads/main');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^```mermaid\nflowchart LR\n[\s\S]*\n```\n\n\| event \| ref \| tags \| published \|/);
    expect(stdout).toContain('| push | `refs/heads/main` |');
  });

  it.each<[string, string[], number, RegExp]>([
    ['an unknown flag', ['--mermiad'], 2, /unknown option --mermiad; accepted: .*--mermaid/],
    ['a flag without its value', ['--event'], 2, /option --event needs a value/],
    ['an unknown format', ['--format', 'svg'], 2, /--format must be one of text, json, mermaid, md, got "svg"/],
    ['two formats', ['--json', '--mermaid'], 2, /choose one output format, got json and mermaid/],
    ['an unknown CI system', ['--ci', 'jenkins'], 2, /--ci must be github or gitlab, got "jenkins"/],
    [
      'an unknown event',
      ['--event', 'release'],
      1,
      /dockyard plan: --event: unknown event; expected one of push, pull_request, schedule, workflow_dispatch, repository_dispatch, got "release"/,
    ],
    [
      'a short ref',
      ['--ref', 'main'],
      1,
      /dockyard plan: --ref "main": expected refs\/heads\/<branch> or refs\/tags\/<tag> for a push event/,
    ],
    [
      'a bad tag name',
      ['--ref', 'refs/tags/v1..2'],
      1,
      /--ref "refs\/tags\/v1\.\.2" is not a valid git branch or tag name/,
    ],
  ])('rejects %s', async (_, args, exit, message) => {
    const { code, stdout, stderr } = await plan('--dir', NODE_API, ...args);
    expect(code).toBe(exit);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('rejects --ci for a CI system the config does not target', async () => {
    const { code, stderr } = await plan('--dir', dir, '--ci', 'gitlab');
    expect(code).toBe(1);
    expect(stderr).toContain('dockyard plan: --ci gitlab: dockyard.config.json does not target gitlab (ci: github)');
  });

  it('exits 2 without a config (as every command does)', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const { code, stderr } = await plan('--dir', empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(/dockyard\.config/);
  });
});
