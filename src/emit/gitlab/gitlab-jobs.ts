import { retentionDaysOf, type Job, type Pipeline } from '../../model/pipeline.js';
import { coverageDirOf } from '../../model/verify-gates.js';
import { checkPushedDigestsScript, pushByDigestScript, recordDigestScript } from '../shell-scripts.js';
import { recordHealthcheckScript } from '../smoke-scripts.js';
import { copyCoverageFromStageScript, gitlabTestGates } from './gitlab-test-gates.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { loginScript, type GitlabRegistry } from './gitlab-registries.js';

/** A GitLab CI job object, keys as GitLab spells them. */
export type GitlabJob = Record<string, unknown>;

const CANDIDATE_DIR = '"dockyard/$DOCKYARD_SLUG"';
const DIGESTS_DIR = 'dockyard/digests';
const SH = (lines: readonly string[]) => lines.join('\n');

/** Per-job `variables:` that make buildah work in an unprivileged container. */
export const BUILDAH_VARIABLES = { STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', BUILDAH_FORMAT: 'oci' } as const;

function buildFlags(pipeline: Pipeline): string[] {
  const { image } = pipeline;
  return [
    '--platform "$DOCKYARD_PLATFORM"',
    `--file ${shq(image.dockerfile)}`,
    ...Object.entries(image.buildArgs).map(([k, v]) => `--build-arg ${shq(`${k}=${v}`)}`),
    ...image.secrets.map((s) => `--secret ${shq(`id=${s.id},env=${s.env}`)}`),
  ];
}

/** Cache flags: `--layers` and `--cache-from` always, `--cache-to` only outside merge requests (via `"$@"`). */
function cacheFlags(pipeline: Pipeline, registries: readonly GitlabRegistry[]): { flags: string[]; setup: string[] } {
  if (pipeline.cache === 'registry') {
    const repo = `"${registries[0].ref}/buildcache-$DOCKYARD_SLUG"`;
    return { flags: ['--layers', `--cache-from ${repo}`], setup: [`if [ "\${CI_PIPELINE_SOURCE:-}" != merge_request_event ]; then set -- "$@" --cache-to ${repo}; fi`] };
  }
  return { flags: pipeline.cache === 'local' ? ['--layers'] : [], setup: [] };
}

/** A job in the buildah image, first logging in (when credentials exist) to the registries it reads a cache from. */
function buildahJob(job: Job, registries: readonly GitlabRegistry[], script: string[]): GitlabJob {
  return {
    image: GITLAB_IMAGES.buildah,
    variables: { ...BUILDAH_VARIABLES },
    script: [...loginScript('buildah', job.logsInTo.map((i) => registries[i]), true), ...script],
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
 * (`dockyard/<slug>/image.tar`) with its manifest digest; nothing is pushed (merge requests do not even write
 * the cache).
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md
 */
export function gitlabBuildJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[]): GitlabJob {
  const { image } = pipeline;
  const root = pipeline.cache === 'local' ? LOCAL_ROOT : '';
  const cache = cacheFlags(pipeline, registries);
  const flags = [
    ...buildFlags(pipeline),
    ...(image.target ? [`--target ${shq(image.target)}`] : []),
    ...cache.flags,
    '--tag "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
    '"$@"',
  ];
  return {
    ...buildahJob(job, registries, [
      SH([
        'set --',
        ...metadataArgs(pipeline),
        ...cache.setup,
        `mkdir -p ${CANDIDATE_DIR}`,
        `buildah ${root}build \\`,
        ...flags.map((f) => `  ${f} \\`),
        `  ${shq(image.context)}`,
        `buildah ${root}push "localhost/dockyard-candidate:$DOCKYARD_SLUG" "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"`,
        // buildah's OCI format drops HEALTHCHECK: the smoke test reads it from here (smoke-scripts.ts).
        ...(pipeline.gates.smoke ? [recordHealthcheckScript('"localhost/dockyard-candidate:$DOCKYARD_SLUG"', CANDIDATE_DIR, `buildah ${root}`.trimEnd())] : []),
        // A local cache keeps its layers but drops images no tag points at, so it does not grow without bound.
        ...(root ? [`buildah ${root}rmi --prune || true`] : []),
      ]),
      recordDigestScript(CANDIDATE_DIR),
    ]),
    // A Docker-format build keeps the HEALTHCHECK in local storage; the archive is still OCI (converted on push).
    ...(pipeline.gates.smoke ? { variables: { ...BUILDAH_VARIABLES, BUILDAH_FORMAT: 'docker' } } : {}),
    ...(root ? { cache: { key: 'dockyard-buildah-$DOCKYARD_SLUG', paths: ['.dockyard-cache/'] } } : {}),
    artifacts: { paths: ['dockyard/'], expire_in: `${retentionDaysOf(pipeline, 'candidate')} day` },
  };
}

/**
 * The test job: a test target builds the test stage with the production stage replaced by the exact candidate
 * (loaded into local storage) and the build's cache; test commands run in a container of the candidate with
 * `buildah run` (daemonless), passed through unexpanded variables; with both, the stage runs first. Then the
 * coverage check and gate results, when configured (gitlab-test-gates.ts).
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-run.1.md
 */
export function gitlabTestJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[]): GitlabJob {
  const { test } = pipeline;
  const coverage = pipeline.gates.coverage;
  const variables: Record<string, unknown> = { ...BUILDAH_VARIABLES };
  const script: string[] = [];
  if (test.target !== undefined) {
    const keep = coverage?.from === 'target';
    script.push(
      ...loginScript('buildah', job.logsInTo.map((i) => registries[i]), true),
      SH([
        'candidate=$(buildah pull --quiet "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar")',
        'buildah tag "$candidate" "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
        'buildah build \\',
        ...[
          ...buildFlags(pipeline),
          `--target ${shq(test.target)}`,
          `--build-context "${test.replacesStage}=container-image://localhost/dockyard-candidate:$DOCKYARD_SLUG"`,
          ...cacheFlags(pipeline, registries).flags,
          ...(keep ? ['--tag "localhost/dockyard-test:$DOCKYARD_SLUG"'] : []),
        ].map((f) => `  ${f} \\`),
        `  ${shq(pipeline.image.context)}`,
      ]),
      ...(keep ? [copyCoverageFromStageScript(coverage.report)] : []),
    );
  }
  if (test.commands) {
    const mount = coverage?.from === 'commands' ? ` --volume "$PWD/dockyard/coverage:${coverageDirOf(coverage.report)}"` : '';
    variables.DOCKYARD_TEST_SHELL = test.shell;
    test.commands.forEach((command, i) => {
      variables[`DOCKYARD_TEST_${i + 1}`] = { value: command, expand: false };
    });
    script.push(
      ...(mount ? ['mkdir -p dockyard/coverage && chmod 0777 dockyard/coverage'] : []),
      'container=$(buildah from --platform "$DOCKYARD_PLATFORM" "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar")',
      ...test.commands.map((command, i) => SH([`# ${command.split('\n')[0]}`, `buildah run${mount} "$container" -- "$DOCKYARD_TEST_SHELL" -c "$DOCKYARD_TEST_${i + 1}"`])),
    );
  }
  const gates = gitlabTestGates(pipeline);
  return { image: GITLAB_IMAGES.buildah, variables: { ...variables, ...gates.variables }, script: [...script, ...gates.script], ...gates.extra };
}

/**
 * The scan job: Trivy on the candidate archive, failing on the configured severities.
 *
 * @see https://trivy.dev/latest/docs/target/container_image/#tar-files
 */
export function gitlabScanJob(pipeline: Pipeline): GitlabJob {
  const flags = [`--severity ${pipeline.scan.severities.join(',')}`, '--exit-code 1', ...(pipeline.scan.ignoreUnfixed ? ['--ignore-unfixed'] : [])];
  return {
    image: { name: GITLAB_IMAGES.trivy, entrypoint: [''] },
    variables: { TRIVY_NO_PROGRESS: 'true', TRIVY_CACHE_DIR: '.trivycache/' },
    script: [`trivy image --input "dockyard/$DOCKYARD_SLUG/image.tar" ${flags.join(' ')}`],
    cache: { key: 'dockyard-trivy', paths: ['.trivycache/'] },
  };
}

/** The push job: log in and push the tested archive by digest with skopeo; record the digest. */
export function gitlabPushJob(pipeline: Pipeline, job: Job, registries: readonly GitlabRegistry[]): GitlabJob {
  return {
    image: { name: GITLAB_IMAGES.skopeo, entrypoint: [''] },
    variables: { DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' ') },
    script: [...loginScript('skopeo', job.logsInTo.map((i) => registries[i])), pushByDigestScript(CANDIDATE_DIR, DIGESTS_DIR)],
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
  return {
    image: GITLAB_IMAGES.buildah,
    variables: { ...BUILDAH_VARIABLES, DOCKYARD_REPOSITORIES: registries.map((r) => r.ref).join(' '), DOCKYARD_SLUGS: pipeline.platforms.map((p) => p.slug).join(' ') },
    script: [
      ...loginScript('buildah', job.logsInTo.map((i) => registries[i])),
      SH([
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
        '  printf \'%s\\n\' "$tags" | while IFS= read -r ref; do',
        '    case $ref in "$repository":*) ;; *) continue ;; esac',
        '    buildah manifest push --digestfile dockyard/index-digest dockyard-index "docker://$ref"',
        '    echo "published $ref@$(cat dockyard/index-digest)"',
        '  done',
        '  buildah manifest inspect dockyard-index',
        '  buildah manifest rm dockyard-index',
        'done',
      ]),
    ],
  };
}

/** Quote a literal for sh when it contains anything beyond safe characters. */
export function shq(value: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
