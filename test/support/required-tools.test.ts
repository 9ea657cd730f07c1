import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './paths.js';

/** Run the fixture suite (a tool that does not exist) in a child vitest with the given CI value. */
function runFixture(ci: string | undefined): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const result = spawnSync(
    process.execPath,
    [vitest, 'run', '--config', join(ROOT, 'test', 'support', 'fixtures', 'vitest.config.ts')],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('skipWithoutTools', () => {
  it('under CI=true a suite whose tool is missing fails, naming the tool and who installs it', () => {
    const { status, output } = runFixture('true');
    expect(status).toBe(1);
    expect(output).toContain('a suite that needs no-such-tool cannot run: missing no-such-tool; .ci/run');
    expect(output).toMatch(/1 failed/);
  });

  it("on a developer's machine (CI unset) it is skipped with a SKIPPED line", () => {
    const { status, output } = runFixture(undefined);
    expect(status).toBe(0);
    expect(output).toContain('SKIPPED: a suite that needs no-such-tool (missing: no-such-tool;');
    expect(output).toMatch(/1 skipped/);
  });
});
