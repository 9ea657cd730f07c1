import type { PlatformId } from '../../config/schema/primitives.js';
import { AMD64_RUNNER_PLATFORMS, type PlatformTarget } from '../../model/pipeline.js';

/**
 * Platforms GitHub-hosted runners execute natively, by runner label. `linux/arm/v7` runs on the arm64 runner:
 * its Cobalt 100 CPUs (Arm Neoverse N2 cores) execute AArch32 at EL0 and Ubuntu's arm64 kernel runs 32-bit
 * processes, so BuildKit runs armv7 build steps natively there, much faster than QEMU on an amd64 runner; it is the
 * mapping docker/github-builder uses (`linux/arm=ubuntu-24.04-arm`, QEMU off by default). `linux/arm/v6` stays on
 * QEMU (amd64): v6-only code may use instructions ARMv8's AArch32 dropped (SWP), which only a kernel option emulates.
 *
 * @see https://github.com/docker/github-builder#runner-mapping
 * @see https://github.blog/changelog/2025-01-16-linux-arm64-hosted-runners-now-available-for-free-in-public-repositories-public-preview/
 * @see docs/platforms-and-runners.md ("32-bit Arm on GitHub") for the evidence and the override
 */
const NATIVE_GITHUB_RUNNER: Partial<Record<PlatformId, string>> = {
  'linux/amd64': 'ubuntu-24.04',
  'linux/386': 'ubuntu-24.04',
  'linux/arm64': 'ubuntu-24.04-arm',
  'linux/arm/v7': 'ubuntu-24.04-arm',
};

/** The hosted runner of every platform without a native one (and of the jobs that run anywhere). */
const AMD64_RUNNER = 'ubuntu-24.04';

/**
 * The `runs-on` label of a platform's own jobs on GitHub Actions, and whether QEMU emulates the platform there:
 * `native` takes the configured runner (or the hosted native one); `qemu` an amd64 runner; `auto` the hosted native
 * runner where one exists and the config names no other, else QEMU on an amd64 runner.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idruns-on
 */
export function githubPlatformRunner(platform: PlatformTarget): {
  readonly runner: string;
  readonly emulated: boolean;
} {
  const configured = platform.runners.github;
  const hosted = NATIVE_GITHUB_RUNNER[platform.platform];
  const native =
    platform.strategy === 'native' ||
    (platform.strategy === 'auto' && hosted !== undefined && (configured === undefined || configured === hosted));
  return {
    runner: configured ?? (native ? (hosted ?? AMD64_RUNNER) : AMD64_RUNNER),
    emulated: !native && !AMD64_RUNNER_PLATFORMS.includes(platform.platform),
  };
}
