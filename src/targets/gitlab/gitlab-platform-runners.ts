import type { PlatformId } from '../../config/schema/primitives.js';
import { AMD64_RUNNER_PLATFORMS, type PlatformTarget } from '../../model/pipeline.js';

/**
 * GitLab.com hosted runner tags of the platforms they run natively.
 *
 * @see https://gitlab.com/gitlab-org/gitlab/-/issues/501423 (the small Arm runner, `saas-linux-small-arm64`, on every tier)
 * @see https://docs.gitlab.com/ci/runners/hosted_runners/linux/
 */
const GITLAB_RUNNER_TAG: Partial<Record<PlatformId, string>> = {
  'linux/arm64': 'saas-linux-small-arm64',
};

/** The small amd64 hosted runner's tag, for every platform without a native hosted runner. */
const DEFAULT_GITLAB_RUNNER_TAG = 'saas-linux-small-amd64';

/**
 * The runner tag of a platform's own jobs on GitLab CI, and whether that runner emulates the platform (its host
 * needs QEMU binfmt handlers): the configured tag, else the hosted native runner's tag where one exists (`auto`,
 * `native`), else the amd64 one.
 *
 * @see https://docs.gitlab.com/ci/yaml/#tags
 */
export function gitlabPlatformRunner(platform: PlatformTarget): {
  readonly runner: string;
  readonly emulated: boolean;
} {
  const hosted = GITLAB_RUNNER_TAG[platform.platform];
  const native = platform.strategy === 'native' || (platform.strategy === 'auto' && hosted !== undefined);
  return {
    runner: platform.runners.gitlab ?? (native ? (hosted ?? DEFAULT_GITLAB_RUNNER_TAG) : DEFAULT_GITLAB_RUNNER_TAG),
    emulated: !native && !AMD64_RUNNER_PLATFORMS.includes(platform.platform),
  };
}
