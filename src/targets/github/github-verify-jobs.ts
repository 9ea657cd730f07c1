import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { githubPlatformRunner } from './github-platform-runners.js';
import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { recordManifestScript } from '../../emit/image-size-script.js';
import { loadCandidateScript, recordDigestScript } from '../../emit/shell-scripts.js';
import { useAction } from './action-pins.js';
import { CANDIDATE_DIR, CANDIDATE_DIR_SH, downloadCandidateStep, ENSURE_SKOPEO } from './github-candidate.js';
import { githubLiteral } from './github-literal.js';
import { planGithubCache } from './github-cache.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import {
  githubStagingRef,
  pullCandidateStep,
  readCandidateDigestStep,
  refuseReadOnlyPullRequestStep,
  stageCandidateStep,
  stagedBuildContext,
} from './github-staging.js';
import type { GithubStep } from './github-types.js';
import { coverageMount, prepareCoverageDirStep, TEST_OUTPUT_DIR, testGateSteps } from './github-test-gates.js';

/**
 * Where the run has the repository's secrets, so registry logins can work: not in pull requests from forks, nor in
 * Dependabot's (GitHub gives those no Actions secrets, only Dependabot secrets, and a login with empty credentials
 * fails the job).
 *
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow
 * @see https://docs.github.com/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions#accessing-secrets
 */
const HAS_SECRETS =
  "github.event_name != 'pull_request' || (github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]')";

/** Common first steps: checkout without persisted credentials, QEMU when emulating, Buildx. */
export function setupSteps(pipeline: Pipeline, withBuildx: boolean): GithubStep[] {
  const steps: GithubStep[] = [useAction('checkout', 'Check out', { 'persist-credentials': false })];
  if (pipeline.platforms.some((p) => githubPlatformRunner(p).emulated)) {
    steps.push(useAction('setupQemu', 'Set up QEMU', { platforms: '${{ matrix.platform }}' }, { if: 'matrix.qemu' }));
  }
  if (withBuildx) steps.push(useAction('setupBuildx', 'Set up Docker Buildx'));
  return steps;
}

/** Inputs shared by the build and the test-target builds. */
function buildInputs(pipeline: Pipeline): Record<string, string | undefined> {
  const { image } = pipeline;
  return {
    context: githubLiteral(image.context),
    file: githubLiteral(image.dockerfile),
    platforms: '${{ matrix.platform }}',
    'build-args': joinLines(Object.entries(image.buildArgs).map(([k, v]) => `${k}=${githubLiteral(v)}`)),
    'secret-envs': joinLines(image.secrets.map((s) => `${s.id}=${s.env}`)),
  };
}

function secretEnv(pipeline: Pipeline): Record<string, string> {
  return Object.fromEntries(pipeline.image.secrets.map((s) => [s.env, `\${{ secrets.${s.env} }}`]));
}

/**
 * The metadata job's outputs, read by the build and manifest jobs through `needs.metadata.outputs`.
 *
 * @see https://github.com/docker/metadata-action#outputs
 */
export const METADATA_OUTPUTS = ['version', 'tags', 'labels', 'annotations', 'json'] as const;

/**
 * Steps of the metadata job: docker/metadata-action computes version, tags, labels and annotations once.
 *
 * @see https://github.com/docker/metadata-action#usage
 */
export function metadataSteps(metadataInputs: Record<string, string>): GithubStep[] {
  return [useAction('metadata', 'Compute tags, labels and annotations', metadataInputs, { id: 'meta' })];
}

/**
 * Steps of the build job: build once per platform into an OCI archive and record its digest; then upload the
 * archive (artifact handoff), or push it untagged to the staging repository by digest and upload only the digest
 * (registry handoff, which first refuses pull requests that cannot write there; with a size gate the candidate's
 * manifest travels with the digest).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function buildSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const cache = planGithubCache(pipeline, registries, true);
  const staging = githubStagingRef(pipeline, registries);
  const manifest = staging !== undefined && pipeline.gates.size !== undefined;
  return [
    ...(staging && pipeline.triggers.pullRequests ? [refuseReadOnlyPullRequestStep(staging)] : []),
    ...setupSteps(pipeline, true),
    // Fork pull requests skip logins (no secrets); the registry handoff has refused them already.
    ...loginSteps(loginRegistriesOf(job, registries), staging ? undefined : HAS_SECRETS),
    ...cache.before,
    useAction(
      'buildPush',
      'Build the candidate image',
      {
        ...buildInputs(pipeline),
        target: pipeline.image.target,
        labels: '${{ needs.metadata.outputs.labels }}',
        // Index-level annotations are applied by the manifest job (a single-platform export rejects them).
        annotations: pipeline.tags.annotationLevels.includes('manifest')
          ? '${{ needs.metadata.outputs.annotations }}'
          : undefined,
        outputs: `type=oci,dest=${CANDIDATE_DIR}/image.tar`,
        provenance: false,
        sbom: false,
        'cache-from': cache.cacheFrom,
        'cache-to': cache.cacheTo,
      },
      { id: 'build', env: secretEnv(pipeline) },
    ),
    { name: 'Record the candidate digest', run: recordDigestScript(scripts, CANDIDATE_DIR_SH) },
    // The size gate reads the manifest (by digest) when the archive stays on the runner (image-size-script.ts).
    ...(manifest
      ? [{ name: 'Record the candidate manifest', run: recordManifestScript(scripts, CANDIDATE_DIR_SH) }]
      : []),
    ...(staging ? [stageCandidateStep(scripts, staging)] : []),
    ...cache.after,
    useAction(
      'uploadArtifact',
      staging
        ? manifest
          ? 'Upload the candidate digest and manifest'
          : 'Upload the candidate digest'
        : 'Upload the candidate',
      {
        name: 'dockyard-candidate-${{ matrix.slug }}',
        path: staging
          ? manifest
            ? `${CANDIDATE_DIR}/digest\n${CANDIDATE_DIR}/manifest.json`
            : `${CANDIDATE_DIR}/digest`
          : CANDIDATE_DIR,
        'if-no-files-found': 'error',
        'retention-days': retentionDaysOf(pipeline, 'candidate'),
        // The archive's layers are already gzip-compressed: zlib would spend CPU for nothing ("For large files that
        // are not easily compressed, a value of 0 is recommended for significantly faster uploads").
        ...(staging ? {} : { 'compression-level': 0 }),
      },
    ),
  ];
}

/**
 * Steps of the test job. A test target builds the test stage with the production stage replaced by the exact
 * candidate (an OCI layout build context, or with the registry handoff the staged image, pinned by digest), with the
 * build's cache; test commands load the candidate into Docker (or pull the staged digest) and run each command in a
 * fresh container of it; with both, the stage runs first. Then the coverage check and the gate result files, when
 * configured (github-test-gates.ts).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://docs.docker.com/reference/cli/docker/buildx/build/#build-context
 */
export function testSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const { test } = pipeline;
  const coverage = pipeline.gates.coverage;
  const staging = githubStagingRef(pipeline, registries);
  const steps: GithubStep[] = [
    ...setupSteps(pipeline, test.target !== undefined),
    // Fork pull requests skip logins (no secrets); the registry handoff has refused them already.
    ...loginSteps(loginRegistriesOf(job, registries), staging ? undefined : HAS_SECRETS),
  ];
  const cache = test.target !== undefined ? planGithubCache(pipeline, registries, false) : undefined;
  if (cache) steps.push(...cache.before);
  steps.push(downloadCandidateStep());
  if (staging) steps.push(readCandidateDigestStep(scripts));
  if (test.target !== undefined) {
    if (!staging) {
      steps.push({
        name: 'Unpack the candidate',
        id: 'candidate',
        run: [
          'mkdir -p "$RUNNER_TEMP/dockyard/layout"',
          'tar -xf "$RUNNER_TEMP/dockyard/image.tar" -C "$RUNNER_TEMP/dockyard/layout"',
          'echo "digest=$(cat "$RUNNER_TEMP/dockyard/digest")" >> "$GITHUB_OUTPUT"',
        ].join('\n'),
      });
    }
    steps.push(
      useAction(
        'buildPush',
        `Run the "${test.target}" stage against the candidate`,
        {
          ...buildInputs(pipeline),
          target: test.target,
          'build-contexts': staging
            ? stagedBuildContext(test.replacesStage, staging)
            : `${test.replacesStage}=oci-layout://${CANDIDATE_DIR}/layout@\${{ steps.candidate.outputs.digest }}`,
          // With a coverage report to read, the test stage's file system is exported (github-test-gates.ts reads it).
          outputs: coverage?.from === 'target' ? `type=local,dest=${TEST_OUTPUT_DIR}` : 'type=cacheonly',
          provenance: false,
          sbom: false,
          'cache-from': cache?.cacheFrom,
        },
        { env: secretEnv(pipeline) },
      ),
    );
  }
  if (test.commands) {
    const pull = staging ? pullCandidateStep(staging) : undefined;
    steps.push(pull ? pull.step : loadCandidateStep());
    const mount = coverage?.from === 'commands' ? coverageMount(coverage.report) : undefined;
    if (mount) steps.push(prepareCoverageDirStep());
    const image = pull ? '"$CANDIDATE"' : '"dockyard-candidate:$SLUG"';
    const env = pull ? pull.env : { PLATFORM: '${{ matrix.platform }}', SLUG: '${{ matrix.slug }}' };
    steps.push(
      ...test.commands.map((command, i) => ({
        name: githubLiteral(`Test ${i + 1}: ${truncate(command, 60)}`),
        run: `docker run --rm --platform "$PLATFORM"${mount ? ` --volume "$RUNNER_TEMP/dockyard/coverage:${mount}"` : ''} --entrypoint "$TEST_SHELL" ${image} -c "$TEST_COMMAND"`,
        env: { ...env, TEST_SHELL: test.shell, TEST_COMMAND: githubLiteral(command) },
      })),
    );
  }
  return [...steps, ...testGateSteps(scripts, pipeline)];
}

/**
 * Load this platform's candidate archive into Docker as `dockyard-candidate:<slug>` (test commands, smoke test),
 * with {@link loadCandidateScript}: no skopeo `docker-daemon:` transport, whose Docker API client breaks when the
 * runner's Docker raises its minimum API version.
 */
export function loadCandidateStep(): GithubStep {
  return {
    name: 'Load the candidate into Docker',
    run: `${ENSURE_SKOPEO}\n${loadCandidateScript(CANDIDATE_DIR_SH, 'dockyard-candidate:$SLUG')}`,
    env: { SLUG: '${{ matrix.slug }}' },
  };
}

function joinLines(lines: readonly string[]): string | undefined {
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
