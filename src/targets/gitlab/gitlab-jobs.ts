import { loginRegistriesOf } from '../../model/steps.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { coverageDirOf } from '../../model/verify-gates.js';
import { recordManifestScript } from '../../emit/image-size-script.js';
import {
  checkPushedDigestsScript,
  forEachPlatformScript,
  promoteByDigestScript,
  pushByDigestScript,
  readRecordedDigestScript,
  recordDigestScript,
  stageWithBuildahScript,
} from '../../emit/shell-scripts.js';
import { copyCoverageFromStageScript, gitlabTestGates } from './gitlab-test-gates.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { loginScript, type GitlabRegistry } from './gitlab-registries.js';
import { gitlabStaging, requireStagingLoginScript, stagingVariables } from './gitlab-staging.js';
import { quoteShellWord } from '../../emit/shell-quote.js';
import type { GitlabJob, GitlabJobVariables } from './gitlab-types.js';

/** The job type lives in gitlab-types.ts; re-exported for the modules that import it from here. */
export type { GitlabJob } from './gitlab-types.js';

/** Shell expression of this platform's candidate directory (`image.tar`, `digest`). */
export const CANDIDATE_DIR = '"dockyard/$DOCKYARD_SLUG"';

/** A platform's candidate directory in the one push job, whose loop sets `$slug` (`forEachPlatformScript`). */
const PUSH_CANDIDATE_DIR = '"dockyard/$slug"';
const DIGESTS_DIR = 'dockyard/digests';
const SH = (lines: readonly string[]) => lines.join('\n');

/**
 * The build job's artifact is the candidate archive, whose layers are already compressed: the runner zips it at
 * its fastest level (named levels need the fastzip archiver, `FF_USE_FASTZIP`; an older runner ignores both).
 *
 * @see https://docs.gitlab.com/ci/runners/configure_runners/#artifact-and-cache-settings
 * @see https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/2684
 */
const ARCHIVE_ARTIFACT_VARIABLES = { FF_USE_FASTZIP: 'true', ARTIFACT_COMPRESSION_LEVEL: 'fastest' } as const;

/** Per-job `variables:` that make buildah work in an unprivileged container. */
export const BUILDAH_VARIABLES = { STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', BUILDAH_FORMAT: 'oci' } as const;

function buildFlags(pipeline: Pipeline): string[] {
  const { image } = pipeline;
  return [
    '--platform "$DOCKYARD_PLATFORM"',
    `--file ${quoteShellWord(image.dockerfile)}`,
    ...Object.entries(image.buildArgs).map(([k, v]) => `--build-arg ${quoteShellWord(`${k}=${v}`)}`),
    ...image.secrets.map((s) => `--secret ${quoteShellWord(`id=${s.id},env=${s.env}`)}`),
  ];
}

/** Cache flags: `--layers` and `--cache-from` always, `--cache-to` only outside merge requests (via `"$@"`). */
function cacheFlags(pipeline: Pipeline, registries: readonly GitlabRegistry[]): { flags: string[]; setup: string[] } {
  if (pipeline.cache === 'registry') {
    const repo = `"${registries[0].ref}/buildcache-$DOCKYARD_SLUG"`;
    return {
      flags: ['--layers', `--cache-from ${repo}`],
      setup: [`if [ "\${CI_PIPELINE_SOURCE:-}" != merge_request_event ]; then set -- "$@" --cache-to ${repo}; fi`],
    };
  }
  return { flags: pipeline.cache === 'local' ? ['--layers'] : [], setup: [] };
}

/**
 * A job in the buildah image, first logging in (when credentials exist) to the registries it reads a cache or the
 * staging repository from.
 */
function buildahJob(
  job: Job,
  registries: readonly GitlabRegistry[],
  script: string[],
  variables: Record<string, string> = {},
): GitlabJob {
  return {
    image: GITLAB_IMAGES.buildah,
    variables: { ...BUILDAH_VARIABLES, ...variables },
    script: [...loginScript('buildah', loginRegistriesOf(job, registries), true), ...script],
  };
}

const LOCAL_ROOT = '--root "$CI_PROJECT_DIR/.dockyard-cache/$DOCKYARD_SLUG" ';

/**
 * Collect `--label` and `--annotation` arguments in `"$@"` from the metadata job's dotenv lists (items joined by
 * the two characters `\n`, decoded with `printf '%b'`).
 */
function metadataArgs(pipeline: Pipeline): string[] {
  return [
    ...collectArgs('--label', 'DOCKYARD_LABELS'),
    ...(pipeline.tags.annotationLevels.includes('manifest') ? collectArgs('--annotation', 'DOCKYARD_ANNOTATIONS') : []),
  ];
}

/** Append `<flag> <item>` to `"$@"` for every item of a dotenv list variable. */
function collectArgs(flag: string, variable: string): string[] {
  return [
    `while IFS= read -r item; do if [ -n "$item" ]; then set -- "$@" ${flag} "$item"; fi; done <<EOF`,
    `$(printf '%b\\n' "\${${variable}:-}")`,
    'EOF',
  ];
}

/**
 * The build job script: buildah builds the production stage for one platform and writes it to an OCI archive
 * (`dockyard/<slug>/image.tar`) with its manifest digest (merge requests do not write the cache). With a smoke test
 * the image is built in Docker format and the archive holds its Docker v2s2 manifest and config as they are (so the
 * HEALTHCHECK the smoke job runs is in the bytes published); otherwise it is OCI. Artifact
 * handoff: nothing is pushed, the archive is the artifact. Registry handoff: the archive is pushed, untagged and by
 * that digest, to the staging repository, and only the digest is the artifact; a pipeline without the staging
 * registry's password fails first, saying so.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-push.1.md (`--format v2s2`)
 * @see https://github.com/containers/image/blob/v5.36.1/internal/image/docker_schema2.go (`convertToManifestOCI1`, `OCIConfig`)
 * @see https://github.com/containers/image/blob/v5.36.1/copy/manifest.go (`forceManifestMIMEType`)
 */
export function gitlabBuildJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  const { image } = pipeline;
  const staging = gitlabStaging(pipeline, registries);
  const root = pipeline.cache === 'local' ? LOCAL_ROOT : '';
  const cache = cacheFlags(pipeline, registries);
  const flags = [
    ...buildFlags(pipeline),
    ...(image.target ? [`--target ${quoteShellWord(image.target)}`] : []),
    ...cache.flags,
    '--tag "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
    '"$@"',
  ];
  const body = buildahJob(
    job,
    registries,
    [
      SH([
        'set --',
        ...metadataArgs(pipeline),
        ...cache.setup,
        `mkdir -p ${CANDIDATE_DIR}`,
        `buildah ${root}build \\`,
        ...flags.map((f) => `  ${f} \\`),
        `  ${quoteShellWord(image.context)}`,
        // With a smoke test the image is Docker (v2s2) end to end, so the archive keeps the HEALTHCHECK (see below).
        `buildah ${root}push ${pipeline.gates.smoke ? '--format v2s2 ' : ''}"localhost/dockyard-candidate:$DOCKYARD_SLUG" "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"`,
        // A local cache keeps its layers but drops images no tag points at, so it does not grow without bound.
        ...(root ? [`buildah ${root}rmi --prune || true`] : []),
      ]),
      recordDigestScript(scripts, CANDIDATE_DIR),
      // The size gate reads the manifest (by digest) when the archive stays on the runner (image-size-script.ts).
      ...(staging && pipeline.gates.size ? [recordManifestScript(scripts, CANDIDATE_DIR)] : []),
      ...(staging ? [stageWithBuildahScript(scripts, CANDIDATE_DIR)] : []),
    ],
    {
      ...stagingVariables(staging),
      ...(staging ? {} : ARCHIVE_ARTIFACT_VARIABLES),
      // The OCI image config has no HEALTHCHECK: buildah drops it from an OCI build, and pushing a Docker-format image
      // to an OCI destination converts it (containers/image convertToManifestOCI1 re-encodes the config as an OCI
      // config, dropping Healthcheck). So with a smoke test the build is Docker format and `push --format v2s2` forces
      // the v2s2 manifest and config, unchanged, into the OCI archive (copy/manifest.go: a forced manifest type
      // replaces the destination's list): the archive tested is the manifest and config published.
      ...(pipeline.gates.smoke ? { BUILDAH_FORMAT: 'docker' } : {}),
    },
  );
  return {
    ...body,
    ...(staging ? { script: [requireStagingLoginScript(staging), ...(body.script ?? [])] } : {}),
    ...(root ? { cache: { key: 'dockyard-buildah-$DOCKYARD_SLUG', paths: ['.dockyard-cache/'] } } : {}),
    artifacts: {
      paths: ['dockyard/'],
      // The registry handoff hands on the digest only: the archive stays on the runner.
      ...(staging ? { exclude: ['dockyard/*/image.tar'] } : {}),
      expire_in: `${retentionDaysOf(pipeline, 'candidate')} day`,
    },
  };
}

/**
 * Where the test, smoke and scan jobs find the candidate: the build job's archive, or (registry handoff) the staged
 * candidate, `$DOCKYARD_STAGING@$digest`, with `prelude` reading the digest the build job recorded.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function candidateSource(scripts: StepScripts, staged: boolean): { prelude: string[]; ref: string } {
  return staged
    ? { prelude: [readRecordedDigestScript(scripts, CANDIDATE_DIR)], ref: '"docker://$DOCKYARD_STAGING@$digest"' }
    : { prelude: [], ref: '"oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"' };
}

/**
 * The test job: a test target builds the test stage with the production stage replaced by the exact candidate
 * (loaded into local storage from the archive, or pulled by digest from the staging repository) and the build's
 * cache; test commands run in a container of the candidate with `buildah run` (daemonless), passed through
 * unexpanded variables; with both, the stage runs first. Then the coverage check and gate results, when configured
 * (gitlab-test-gates.ts).
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-run.1.md
 */
export function gitlabTestJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  const { test } = pipeline;
  const coverage = pipeline.gates.coverage;
  const staging = gitlabStaging(pipeline, registries);
  const source = candidateSource(scripts, staging !== undefined);
  const variables: GitlabJobVariables = { ...BUILDAH_VARIABLES, ...stagingVariables(staging) };
  const script: string[] = [...loginScript('buildah', loginRegistriesOf(job, registries), true), ...source.prelude];
  if (test.target !== undefined) {
    const keep = coverage?.from === 'target';
    script.push(
      SH([
        `candidate=$(buildah pull --quiet ${source.ref})`,
        'buildah tag "$candidate" "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
        'buildah build \\',
        ...[
          ...buildFlags(pipeline),
          `--target ${quoteShellWord(test.target)}`,
          `--build-context "${test.replacesStage}=container-image://localhost/dockyard-candidate:$DOCKYARD_SLUG"`,
          ...cacheFlags(pipeline, registries).flags,
          ...(keep ? ['--tag "localhost/dockyard-test:$DOCKYARD_SLUG"'] : []),
        ].map((f) => `  ${f} \\`),
        `  ${quoteShellWord(pipeline.image.context)}`,
      ]),
      ...(keep ? [copyCoverageFromStageScript(coverage.report)] : []),
    );
  }
  if (test.commands) {
    const mount =
      coverage?.from === 'commands' ? ` --volume "$PWD/dockyard/coverage:${coverageDirOf(coverage.report)}"` : '';
    variables.DOCKYARD_TEST_SHELL = test.shell;
    test.commands.forEach((command, i) => {
      variables[`DOCKYARD_TEST_${i + 1}`] = { value: command, expand: false };
    });
    script.push(
      ...(mount ? ['mkdir -p dockyard/coverage && chmod 0777 dockyard/coverage'] : []),
      `container=$(buildah from --platform "$DOCKYARD_PLATFORM" ${source.ref})`,
      ...test.commands.map((command, i) =>
        SH([
          `# ${command.split('\n')[0]}`,
          `buildah run${mount} "$container" -- "$DOCKYARD_TEST_SHELL" -c "$DOCKYARD_TEST_${i + 1}"`,
        ]),
      ),
    );
  }
  const gates = gitlabTestGates(scripts, pipeline);
  return {
    image: GITLAB_IMAGES.buildah,
    variables: { ...variables, ...gates.variables },
    script: [...script, ...gates.script],
    ...gates.extra,
  };
}

/**
 * The one push job (every platform; each build job's artifact sits in `dockyard/<slug>/`): log in and push each
 * tested archive by digest with skopeo (registry handoff: copy each staged candidate by the digest recorded at
 * build time, after checking it); record the digests, one file per platform.
 *
 * @param scripts the step scripts (`RenderAssets.steps`).
 */
export function gitlabPushJob(
  scripts: StepScripts,
  pipeline: Pipeline,
  job: Job,
  registries: readonly GitlabRegistry[],
): GitlabJob {
  const staging = gitlabStaging(pipeline, registries);
  return {
    image: { name: GITLAB_IMAGES.skopeo, entrypoint: [''] },
    variables: {
      ...stagingVariables(staging),
      DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '),
      DOCKYARD_SLUGS: platformsOf(pipeline, job)
        .map((p) => p.slug)
        .join(' '),
    },
    script: [
      ...loginScript('skopeo', loginRegistriesOf(job, registries)),
      forEachPlatformScript(
        staging
          ? promoteByDigestScript(scripts, PUSH_CANDIDATE_DIR, DIGESTS_DIR)
          : pushByDigestScript(scripts, PUSH_CANDIDATE_DIR, DIGESTS_DIR),
      ),
    ],
    artifacts: { paths: [`${DIGESTS_DIR}/`], expire_in: `${retentionDaysOf(pipeline, 'digest')} day` },
  };
}

/**
 * The manifest job: per registry, create an image index from the pushed digests (one per platform, all required)
 * with buildah, push it under each of that registry's tags from the metadata job (`DOCKYARD_TAGS`, full
 * references), print each published reference with the index digest, and print the index.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-manifest.1.md
 */
export function gitlabManifestJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[]): GitlabJob {
  const index = pipeline.tags.annotationLevels.includes('index');
  // With signing, the digest of each pushed index is recorded for the sign job (dockyard/published).
  const published = job.produces.includes('published');
  return {
    image: GITLAB_IMAGES.buildah,
    variables: {
      ...BUILDAH_VARIABLES,
      DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '),
      DOCKYARD_SLUGS: pipeline.platforms.map((p) => p.slug).join(' '),
    },
    script: [
      ...loginScript('buildah', loginRegistriesOf(job, registries)),
      SH([
        ...(published ? ['mkdir -p dockyard', ': > dockyard/published'] : []),
        'tags=$(printf \'%b\\n\' "${DOCKYARD_TAGS:-}")',
        'if [ -z "$tags" ]; then echo "dockyard: no tags for this ref; nothing published"; exit 0; fi',
        // Index-level annotations: the metadata job's annotations set on the index (`manifest create --annotation`:
        // in the pinned buildah image, not in Debian 12's buildah 1.28).
        ...(index ? ['set --', ...collectArgs('--annotation', 'DOCKYARD_ANNOTATIONS')] : []),
        checkPushedDigestsScript(DIGESTS_DIR),
        'for repository in $DOCKYARD_REPOSITORIES; do',
        `  buildah manifest create ${index ? '"$@" ' : ''}dockyard-index`,
        '  for slug in $DOCKYARD_SLUGS; do',
        `    buildah manifest add dockyard-index "docker://$repository@$(cat "${DIGESTS_DIR}/$slug")"`,
        '  done',
        ...(published ? ['  rm -f dockyard/index-digest'] : []),
        '  printf \'%s\\n\' "$tags" | while IFS= read -r ref; do',
        '    case $ref in "$repository":*) ;; *) continue ;; esac',
        '    buildah manifest push --digestfile dockyard/index-digest dockyard-index "docker://$ref"',
        '    echo "published $ref@$(cat dockyard/index-digest)"',
        '  done',
        ...(published
          ? [
              '  if [ -s dockyard/index-digest ]; then printf \'%s@%s\\n\' "$repository" "$(cat dockyard/index-digest)" >> dockyard/published; fi',
            ]
          : []),
        '  buildah manifest inspect dockyard-index',
        '  buildah manifest rm dockyard-index',
        'done',
      ]),
    ],
    ...(published
      ? { artifacts: { paths: ['dockyard/published'], expire_in: `${retentionDaysOf(pipeline, 'published')} day` } }
      : {}),
  };
}
