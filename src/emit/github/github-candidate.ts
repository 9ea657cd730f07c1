import { useAction } from './action-pins.js';
import type { GithubStep } from './github-types.js';

/** Where a job keeps the candidate: `$RUNNER_TEMP/dockyard` (`image.tar` and/or `digest`). */
export const CANDIDATE_DIR = '${{ runner.temp }}/dockyard';

/** {@link CANDIDATE_DIR} as a shell expression. */
export const CANDIDATE_DIR_SH = '"$RUNNER_TEMP/dockyard"';

/**
 * skopeo ships on GitHub's Ubuntu images; install it from Ubuntu's archive where a runner image lacks it.
 *
 * @see https://github.com/actions/runner-images/blob/main/images/ubuntu/Ubuntu2404-Readme.md
 */
export const ENSURE_SKOPEO = 'command -v skopeo >/dev/null 2>&1 || { sudo apt-get update -qq && sudo apt-get install -y -qq skopeo; }';

/**
 * Download this platform's candidate artifact into {@link CANDIDATE_DIR}.
 *
 * @see https://github.com/actions/download-artifact#inputs
 */
export function downloadCandidateStep(): GithubStep {
  return useAction('downloadArtifact', 'Download the candidate', { name: 'dockyard-candidate-${{ matrix.slug }}', path: CANDIDATE_DIR });
}
