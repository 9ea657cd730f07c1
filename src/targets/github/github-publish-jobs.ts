import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { checkPushedDigestsScript, forEachPlatformScript, pushByDigestScript } from '../../emit/shell-scripts.js';
import { recordPublishedIndexScript } from '../../emit/supply-chain-scripts.js';
import { useAction } from './action-pins.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import { githubStagingRef, promoteCandidateStep } from './github-staging.js';
import type { GithubStep } from './github-types.js';
import { PUBLISHED_DIR } from './github-supply-chain-jobs.js';
import { downloadCandidatesSteps, ENSURE_SKOPEO, PLATFORM_CANDIDATE_DIR_SH } from './github-candidate.js';

const DIGESTS_DIR = '${{ runner.temp }}/dockyard-digests';

/** The push job's artifact: one file per platform slug holding the digest pushed for it. */
const DIGESTS_ARTIFACT = 'dockyard-digests';

/**
 * Steps of the one push job (every platform): download each platform's candidate, log in, push each tested
 * archive to every registry by digest (or, with the registry handoff, copy each staged candidate by the digest
 * recorded at build time; skopeo keeps the digest or fails), and upload the pushed digests, one file per
 * platform, as one artifact for the manifest job.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function pushSteps(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GithubRegistry[],
): GithubStep[] {
  const staging = githubStagingRef(pipeline, registries);
  const slugs = platformsOf(pipeline, job).map((p) => p.slug);
  return [
    ...downloadCandidatesSteps(slugs),
    ...loginSteps(loginRegistriesOf(job, registries)),
    staging
      ? promoteCandidateStep(scripts, staging, registries, slugs)
      : {
          name: 'Push the tested candidates by digest',
          run: `${ENSURE_SKOPEO}\n${forEachPlatformScript(pushByDigestScript(scripts, PLATFORM_CANDIDATE_DIR_SH, '"$RUNNER_TEMP/dockyard-digests"'))}`,
          env: { DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '), DOCKYARD_SLUGS: slugs.join(' ') },
        },
    useAction('uploadArtifact', 'Upload the pushed digests', {
      name: DIGESTS_ARTIFACT,
      path: `${DIGESTS_DIR}/*`,
      'if-no-files-found': 'error',
      'retention-days': retentionDaysOf(pipeline, 'digest'),
    }),
  ];
}

/**
 * Steps of the manifest job: create one image index per registry from the pushed digests and apply that
 * registry's tags, as computed by the metadata job.
 *
 * @see https://docs.docker.com/build/ci/github-actions/multi-platform/#distribute-build-across-multiple-runners
 */
export function manifestSteps(pipeline: Pipeline, job: Job, registries: readonly GithubRegistry[]): GithubStep[] {
  const indexAnnotations = pipeline.tags.annotationLevels.includes('index')
    ? [
        '  # Index-level annotations: the manifest-level lines of the metadata job, moved to the index.',
        '  while IFS= read -r line; do args+=(--annotation "index:${line#manifest:}"); done < <(jq -r \'.annotations[] | select(startswith("manifest:"))\' <<< "$METADATA_JSON")',
      ]
    : [];
  // With signing, each pushed index digest is recorded (and checked to hold the pushed digests) for the sign job.
  const published = job.produces.includes('published') ? '"$RUNNER_TEMP/dockyard-published/published"' : undefined;
  return [
    useAction('downloadArtifact', 'Download the pushed digests', { name: DIGESTS_ARTIFACT, path: DIGESTS_DIR }),
    useAction('setupBuildx', 'Set up Docker Buildx'),
    ...loginSteps(loginRegistriesOf(job, registries)),
    {
      name: 'Create and push the image index',
      'working-directory': DIGESTS_DIR,
      run: [
        ...(published ? [ENSURE_SKOPEO, 'mkdir -p "$RUNNER_TEMP/dockyard-published"', `: > ${published}`] : []),
        checkPushedDigestsScript('.'),
        'for repository in $DOCKYARD_REPOSITORIES; do',
        '  tags=$(jq -r --arg repo "$repository" \'.tags[] | select(startswith($repo + ":"))\' <<< "$METADATA_JSON")',
        '  if [ -z "$tags" ]; then echo "::notice::no tags for $repository on this ref; nothing published"; continue; fi',
        '  args=()',
        '  while IFS= read -r tag; do args+=(--tag "$tag"); done <<< "$tags"',
        ...indexAnnotations,
        '  for slug in $DOCKYARD_SLUGS; do args+=("$repository@$(cat "$slug")"); done',
        '  docker buildx imagetools create "${args[@]}"',
        '  docker buildx imagetools inspect "$(head -n 1 <<< "$tags")"',
        ...(published
          ? [
              '  first_tag=$(head -n 1 <<< "$tags")',
              recordPublishedIndexScript('"$RUNNER_TEMP/dockyard-index.json"', published),
            ]
          : []),
        'done',
      ].join('\n'),
      env: {
        DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '),
        DOCKYARD_SLUGS: pipeline.platforms.map((p) => p.slug).join(' '),
        METADATA_JSON: '${{ needs.metadata.outputs.json }}',
      },
    },
    ...(published
      ? [
          useAction('uploadArtifact', 'Upload the published digests', {
            name: 'dockyard-published',
            path: `${PUBLISHED_DIR}/published`,
            'if-no-files-found': 'error',
            'retention-days': retentionDaysOf(pipeline, 'published'),
          }),
        ]
      : []),
  ];
}
