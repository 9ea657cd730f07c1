import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { checkPushedDigestsScript, pushByDigestScript } from '../shell-scripts.js';
import { recordPublishedIndexScript } from '../supply-chain-scripts.js';
import { useAction } from './action-pins.js';
import { loginSteps, type GithubRegistry } from './github-registries.js';
import { githubStagingRef, promoteCandidateStep } from './github-staging.js';
import type { GithubStep } from './github-types.js';
import { PUBLISHED_DIR } from './github-supply-chain-jobs.js';
import { downloadCandidateStep, ENSURE_SKOPEO } from './github-candidate.js';

const DIGESTS_DIR = '${{ runner.temp }}/dockyard-digests';

/**
 * Steps of the push job: log in, push the tested archive to every registry by digest (or, with the registry
 * handoff, copy the staged candidate by the digest recorded at build time; skopeo keeps the digest or fails), and
 * upload the digest for the manifest job.
 */
export function pushSteps(pipeline: Pipeline, job: Job, registries: readonly GithubRegistry[]): GithubStep[] {
  const staging = githubStagingRef(pipeline, registries);
  return [
    downloadCandidateStep(),
    ...loginSteps(job.logsInTo.map((i) => registries[i])),
    staging
      ? promoteCandidateStep(staging, registries)
      : {
          name: 'Push the tested candidate by digest',
          run: `${ENSURE_SKOPEO}\n${pushByDigestScript('"$RUNNER_TEMP/dockyard"', '"$RUNNER_TEMP/dockyard-digests"')}`,
          env: { DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '), DOCKYARD_SLUG: '${{ matrix.slug }}' },
        },
    useAction('uploadArtifact', 'Upload the pushed digest', {
      name: 'dockyard-digest-${{ matrix.slug }}',
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
    useAction('downloadArtifact', 'Download the pushed digests', {
      pattern: 'dockyard-digest-*',
      path: DIGESTS_DIR,
      'merge-multiple': true,
    }),
    useAction('setupBuildx', 'Set up Docker Buildx'),
    ...loginSteps(job.logsInTo.map((i) => registries[i])),
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
        ...(published ? ['  first_tag=$(head -n 1 <<< "$tags")', recordPublishedIndexScript('"$RUNNER_TEMP/dockyard-index.json"', published)] : []),
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

