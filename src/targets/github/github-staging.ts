import type { StepScripts } from '../../emit/step-scripts.js';
import { stagingRefOf, type Pipeline } from '../../model/pipeline.js';
import {
  forEachPlatformScript,
  promoteByDigestScript,
  readRecordedDigestScript,
  stageByDigestScript,
} from '../../emit/shell-scripts.js';
import { CANDIDATE_DIR_SH, ENSURE_SKOPEO, PLATFORM_CANDIDATE_DIR_SH } from './github-candidate.js';
import type { GithubRegistry } from './github-registries.js';
import type { GithubStep } from './github-types.js';

/**
 * Pull request runs whose `GITHUB_TOKEN` is read-only and that get no secrets: pull requests from forks, and pull
 * requests opened by Dependabot (treated like forks).
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflows-in-forked-repositories
 * @see https://docs.github.com/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions
 */
export const READ_ONLY_PULL_REQUEST =
  "github.event_name == 'pull_request' && (github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]')";

/** The candidate reference the test and scan steps use: the staging repository pinned to the recorded digest. */
const CANDIDATE_REF = (staging: string) => `${staging}@\${{ steps.candidate.outputs.digest }}`;

/**
 * The staging repository's reference on GitHub (e.g. `ghcr.io/acme/api/staging`), or undefined with the artifact
 * handoff.
 *
 * @see https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry
 */
export function githubStagingRef(pipeline: Pipeline, registries: readonly GithubRegistry[]): string | undefined {
  const { handoff } = pipeline;
  return handoff.mode === 'registry' ? stagingRefOf(handoff.staging, registries[handoff.staging.registry]) : undefined;
}

/**
 * First step of the build job with the registry handoff: a pull request that cannot write to the staging
 * repository fails at once with an annotation that says why and what to do, instead of building a candidate
 * nothing could test. Same-repository pull requests stage their candidates (untagged; never published).
 */
export function refuseReadOnlyPullRequestStep(staging: string): GithubStep {
  return {
    name: 'Refuse a pull request that cannot write to the staging repository',
    if: READ_ONLY_PULL_REQUEST,
    run: [
      'echo "::error title=Registry handoff needs a write token::handoff \\"registry\\" pushes each candidate to $DOCKYARD_STAGING before testing it, but pull requests from forks and by Dependabot get a read-only GITHUB_TOKEN and no secrets. Push the branch to this repository to test it, or use handoff \\"artifact\\"."',
      'exit 1',
    ].join('\n'),
    env: { DOCKYARD_STAGING: staging },
  };
}

/**
 * Build job: push the recorded candidate archive, untagged, to the staging repository by digest.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function stageCandidateStep(scripts: StepScripts, staging: string): GithubStep {
  return {
    name: 'Push the candidate, untagged, to the staging repository',
    run: `${ENSURE_SKOPEO}\n${stageByDigestScript(scripts, CANDIDATE_DIR_SH)}`,
    env: { DOCKYARD_STAGING: staging },
  };
}

/**
 * Test and scan jobs: read the digest recorded at build time into `steps.candidate.outputs.digest` (failing
 * unless it is one `sha256:` digest).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/passing-information-between-jobs
 */
export function readCandidateDigestStep(scripts: StepScripts): GithubStep {
  return {
    name: 'Read the candidate digest',
    id: 'candidate',
    run: `${readRecordedDigestScript(scripts, CANDIDATE_DIR_SH)}\necho "digest=$digest" >> "$GITHUB_OUTPUT"`,
  };
}

/**
 * The test stage's build context replacing the production stage: the staged candidate, pinned by digest.
 *
 * @see https://docs.docker.com/reference/cli/docker/buildx/build/#source-image
 */
export function stagedBuildContext(stage: string, staging: string): string {
  return `${stage}=docker-image://${CANDIDATE_REF(staging)}`;
}

/**
 * Test commands: pull the staged candidate by digest into Docker; returns the step and the env (`PLATFORM`,
 * `CANDIDATE`) the `docker run` steps share.
 *
 * @see https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier
 */
export function pullCandidateStep(staging: string): { step: GithubStep; env: Record<string, string> } {
  const env = { PLATFORM: '${{ matrix.platform }}', CANDIDATE: CANDIDATE_REF(staging) };
  return { step: { name: 'Pull the candidate', run: 'docker pull --platform "$PLATFORM" "$CANDIDATE"', env }, env };
}

/**
 * Scan: the Trivy input naming the staged candidate by digest (Trivy logs in with the docker/login-action
 * credentials).
 *
 * @see https://github.com/aquasecurity/trivy-action#inputs
 */
export function stagedScanInput(staging: string): Record<string, string> {
  return { 'image-ref': CANDIDATE_REF(staging) };
}

/**
 * Push job: copy the tested candidate from the staging repository to every registry by digest, after checking it
 * (see `promoteByDigestScript`).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export function promoteCandidateStep(
  scripts: StepScripts,
  staging: string,
  registries: readonly GithubRegistry[],
  slugs: readonly string[],
): GithubStep {
  return {
    name: 'Copy the tested candidates by digest from staging to every registry',
    run: `${ENSURE_SKOPEO}\n${forEachPlatformScript(promoteByDigestScript(scripts, PLATFORM_CANDIDATE_DIR_SH, '"$RUNNER_TEMP/dockyard-digests"'))}`,
    env: {
      DOCKYARD_STAGING: staging,
      DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '),
      DOCKYARD_SLUGS: slugs.join(' '),
    },
  };
}
