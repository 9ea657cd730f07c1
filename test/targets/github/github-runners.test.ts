import { describe, expect, it } from 'vitest';
import { emitGithubScenario } from '../../support/emit-github-scenario.js';

/*
 * Where GitHub jobs run (github-runners.ts): the jobs that build or run the candidate on each platform's own runner
 * (`runs-on: ${{ matrix.runner }}`, the runner in the matrix entry, QEMU where it emulates), every other job on
 * the default runner.
 */
const WORKFLOW = emitGithubScenario('full-both');

describe('GitHub emitter: runners', () => {
  it.each([
    ['build', '${{ matrix.runner }}'],
    ['test', '${{ matrix.runner }}'],
    ['metadata', 'ubuntu-24.04'],
    ['scan', 'ubuntu-24.04'],
    ['push', 'ubuntu-24.04'],
    ['manifest', 'ubuntu-24.04'],
  ])('%s runs on %s', (name, runsOn) => {
    expect(WORKFLOW.jobs[name]['runs-on']).toBe(runsOn);
  });

  it("the build matrix names each platform's runner, none emulated", () => {
    const strategy = WORKFLOW.jobs.build.strategy;
    const include = typeof strategy?.matrix === 'object' ? strategy.matrix.include : [];
    expect(include.map(({ platform, runner, qemu }) => ({ platform, runner, qemu }))).toEqual([
      { platform: 'linux/amd64', runner: 'ubuntu-24.04', qemu: false },
      { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', qemu: false },
      // 32-bit Arm runs natively on the arm64 runner.
      { platform: 'linux/arm/v7', runner: 'ubuntu-24.04-arm', qemu: false },
    ]);
  });
});
