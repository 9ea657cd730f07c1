/**
 * Each target maps a platform (its strategy and the config's per-CI runner) to the runner of the platform's own jobs
 * and whether QEMU emulates it there (github-platform-runners.ts, gitlab-platform-runners.ts).
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { githubPlatformRunner } from '../../src/targets/github/github-platform-runners.js';
import { gitlabPlatformRunner } from '../../src/targets/gitlab/gitlab-platform-runners.js';
import { targetOf } from '../../src/targets/registry.js';

function plan(patch: Record<string, unknown>) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

describe('the platform runners of each target', () => {
  it.each([
    ['linux/amd64', 'ubuntu-24.04', false, 'saas-linux-small-amd64'],
    ['linux/arm64', 'ubuntu-24.04-arm', false, 'saas-linux-small-arm64'],
    // AArch32 at EL0 on the arm64 runners' Neoverse N2 cores (docs/platforms-and-runners.md).
    ['linux/arm/v7', 'ubuntu-24.04-arm', false, 'saas-linux-small-amd64'],
    ['linux/arm/v6', 'ubuntu-24.04', true, 'saas-linux-small-amd64'],
    ['linux/386', 'ubuntu-24.04', false, 'saas-linux-small-amd64'],
  ])('%s runs on %s (emulated: %s)', (platform, runner, emulated, tag) => {
    const [target] = plan({ platforms: [platform] }).platforms;
    expect(githubPlatformRunner(target)).toEqual({ runner, emulated });
    expect(gitlabPlatformRunner(target).runner).toBe(tag);
  });

  it.each([
    [{ platform: 'linux/arm64', strategy: 'qemu' }, 'ubuntu-24.04', true, 'saas-linux-small-amd64', true],
    [{ platform: 'linux/arm64', strategy: 'native' }, 'ubuntu-24.04-arm', false, 'saas-linux-small-arm64', false],
    [
      { platform: 'linux/arm/v7', strategy: 'native', runner: { github: 'self-hosted-armv7', gitlab: 'armv7' } },
      'self-hosted-armv7',
      false,
      'armv7',
      false,
    ],
    [{ platform: 'linux/arm/v7', strategy: 'auto' }, 'ubuntu-24.04-arm', false, 'saas-linux-small-amd64', true],
    [{ platform: 'linux/arm/v7', strategy: 'qemu' }, 'ubuntu-24.04', true, 'saas-linux-small-amd64', true],
  ])('strategy %j → GitHub %s (QEMU %s), GitLab %s (QEMU %s)', (platform, runner, emulated, tag, gitlabEmulated) => {
    const [target] = plan({ platforms: [platform] }).platforms;
    expect(githubPlatformRunner(target)).toEqual({ runner, emulated });
    expect(gitlabPlatformRunner(target)).toEqual({ runner: tag, emulated: gitlabEmulated });
  });

  it('is what each target answers as platformRunnerOf', () => {
    const [target] = plan({ platforms: ['linux/arm64'] }).platforms;
    expect(targetOf('github').platformRunnerOf(target)).toEqual(githubPlatformRunner(target));
    expect(targetOf('gitlab').platformRunnerOf(target)).toEqual(gitlabPlatformRunner(target));
  });
});
