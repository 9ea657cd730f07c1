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
export const ENSURE_SKOPEO =
  'command -v skopeo >/dev/null 2>&1 || { sudo apt-get update -qq && sudo apt-get install -y -qq skopeo; }';

/**
 * Download this platform's candidate artifact into {@link CANDIDATE_DIR}.
 *
 * @see https://github.com/actions/download-artifact#inputs
 */
export function downloadCandidateStep(): GithubStep {
  return useAction('downloadArtifact', 'Download the candidate', {
    name: 'dockyard-candidate-${{ matrix.slug }}',
    path: CANDIDATE_DIR,
  });
}

/**
 * Where the one push job keeps every platform's candidate: `$RUNNER_TEMP/dockyard-candidates/<slug>`, one
 * directory per platform (each downloaded by name, so the layout never depends on how many artifacts match a
 * pattern).
 */
export const CANDIDATES_DIR = '${{ runner.temp }}/dockyard-candidates';

/** The candidate directory of the platform `$slug` in the push job, as a shell expression. */
export const PLATFORM_CANDIDATE_DIR_SH = '"$RUNNER_TEMP/dockyard-candidates/$slug"';

/**
 * Download each platform's candidate artifact (`dockyard-candidate-<slug>`) into `CANDIDATES_DIR/<slug>`: one
 * step per platform, by name.
 *
 * @see https://github.com/actions/download-artifact#inputs
 */
export function downloadCandidatesSteps(slugs: readonly string[]): GithubStep[] {
  return slugs.map((slug) =>
    useAction('downloadArtifact', `Download the ${slug} candidate`, {
      name: `dockyard-candidate-${slug}`,
      path: `${CANDIDATES_DIR}/${slug}`,
    }),
  );
}
