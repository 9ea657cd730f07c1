import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import { EXAMPLES_DIR } from '../support/paths.js';

const NODE_API = resolve(EXAMPLES_DIR, 'node-api');

async function plan(...args: string[]) {
  const io = captureOutput();
  const code = await runCli(['plan', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('dockyard plan --cost', () => {
  it('prints a table per CI system with the assumptions', async () => {
    const { code, stdout, stderr } = await plan('--dir', NODE_API, '--cost');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'dockyard plan --cost for acme/node-api (image size 300 MB per platform, 1 MB = 1,000,000 bytes)',
    );
    expect(stdout).toContain(
      [
        'github:',
        '  event                  jobs  serial hops  artifacts up  artifacts down  runner minutes',
        '  publishing run (push)     8            5        600 MB         1500 MB               8',
        '  pull request              6            3        600 MB          900 MB               6',
        '',
        'gitlab:',
        '  event                  jobs  serial hops  artifacts up  artifacts down  runner minutes',
        '  publishing run (push)     8            5        600 MB         1500 MB             4.9',
        '  pull request              6            3        600 MB          900 MB             3.7',
      ].join('\n'),
    );
    expect(stdout).toContain('start-up 30 s per job + transfer at 25 MB/s up, 50 MB/s down (assumed)');
  });

  // 8 jobs × 30 s + 25 MB up at 25 MB/s (1 s) + 62.5 MB down at 50 MB/s (1.25 s) = 242.25 s = 4.04 minutes.
  it('--json prints the figures in a fixed key order; --ci and --image-size apply', async () => {
    const { code, stdout } = await plan(
      '--dir',
      NODE_API,
      '--cost',
      '--json',
      '--ci',
      'gitlab',
      '--image-size',
      '12.5',
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      JSON.stringify(
        [
          {
            ci: 'gitlab',
            event: 'push',
            jobs: 8,
            serialHops: 5,
            artifactBytes: { up: 25_000_000, down: 62_500_000 },
            runnerMinutes: 4.04,
          },
          {
            ci: 'gitlab',
            event: 'pull_request',
            jobs: 6,
            serialHops: 3,
            artifactBytes: { up: 25_000_000, down: 37_500_000 },
            runnerMinutes: 3.03,
          },
        ],
        null,
        2,
      ),
    );
  });

  it.each<[string, string[], RegExp]>([
    [
      'a word',
      ['--cost', '--image-size', 'big'],
      /--image-size: not a positive number; expected megabytes greater than 0 \(e\.g\. 300 or 12\.5; 1 MB = 1,000,000 bytes\), got "big"/,
    ],
    ['zero', ['--cost', '--image-size', '0'], /--image-size: not a positive number; .*got "0"/],
    ['a unit suffix', ['--cost', '--image-size', '300MB'], /--image-size: not a positive number; .*got "300MB"/],
    [
      'no --cost',
      ['--image-size', '300'],
      /--image-size: only used with --cost; expected --cost --image-size MB, got --image-size 300 without --cost/,
    ],
    ['a Mermaid cost', ['--cost', '--mermaid'], /--cost prints text or json, got --format mermaid/],
  ])('rejects %s with exit 2', async (_, args, message) => {
    const { code, stdout, stderr } = await plan('--dir', NODE_API, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });
});
