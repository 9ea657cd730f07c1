import type { Job, Pipeline, PlatformTarget } from '../../model/pipeline.js';
import { gitlabPlatformRunner } from './gitlab-platform-runners.js';

/**
 * Whether a job selects its runner by tag (`tags: [$DOCKYARD_RUNNER_TAG]`, one tag per `parallel: matrix` entry):
 * the per-platform jobs that build or run the candidate (build, test, smoke), when the platforms need different
 * runner tags. Otherwise the job has no `tags` and runs on any runner of the project (GitLab.com: the small amd64
 * hosted runners).
 *
 * @see https://docs.gitlab.com/ci/yaml/#tags
 */
export function usesGitlabRunnerTags(pipeline: Pipeline, job: Job): boolean {
  const runnerTags = new Set(pipeline.platforms.map((p) => gitlabPlatformRunner(p).runner));
  return job.runner === 'platform' && runnerTags.size > 1;
}

/**
 * The runner tags of one instance of a job on GitLab CI (empty: untagged, any runner), and whether the runner
 * emulates the platform (its host needs QEMU binfmt handlers).
 *
 * @param platform the matrix entry, for per-platform jobs; undefined for jobs that run once.
 */
export function gitlabRunnerOf(
  pipeline: Pipeline,
  job: Job,
  platform?: PlatformTarget,
): { readonly tags: readonly string[]; readonly emulated: boolean } {
  const tagged = platform !== undefined && usesGitlabRunnerTags(pipeline, job);
  const runsCandidate = platform !== undefined && job.runner === 'platform';
  if (platform === undefined) return { tags: [], emulated: false };
  const own = gitlabPlatformRunner(platform);
  return { tags: tagged ? [own.runner] : [], emulated: runsCandidate && own.emulated };
}
