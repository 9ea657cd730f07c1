import type { Job, PlatformTarget } from '../../model/pipeline.js';
import { githubPlatformRunner } from './github-platform-runners.js';

/**
 * The GitHub-hosted runner of every job that does not run the candidate on its own platform (metadata, scan,
 * push, manifest, …): `ubuntu-24.04`.
 *
 * @see https://docs.github.com/actions/using-github-hosted-runners/using-github-hosted-runners/about-github-hosted-runners#standard-github-hosted-runners-for-public-repositories
 */
export const GITHUB_DEFAULT_RUNNER = 'ubuntu-24.04';

/**
 * Whether a job runs on each platform's own runner (`runs-on: ${{ matrix.runner }}`): the model's placement
 * (`Job.runner`, plan-job-steps.ts: per-platform build, test, smoke). Every other job runs on
 * {@link GITHUB_DEFAULT_RUNNER}.
 */
export function runsOnPlatformRunner(job: Job): boolean {
  return job.runner === 'platform';
}

/**
 * The `runs-on` label of one instance of a job on GitHub Actions, and whether QEMU emulates the platform there.
 *
 * @param platform the matrix entry, for per-platform jobs; undefined for jobs that run once.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idruns-on
 */
export function githubRunnerOf(
  job: Job,
  platform?: PlatformTarget,
): { readonly runner: string; readonly emulated: boolean } {
  if (platform !== undefined && runsOnPlatformRunner(job)) return githubPlatformRunner(platform);
  return { runner: GITHUB_DEFAULT_RUNNER, emulated: false };
}
