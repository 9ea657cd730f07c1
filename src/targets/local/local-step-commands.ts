import type { Pipeline } from '../../model/pipeline.js';
import type { Step } from '../../model/steps.js';
import { expectedGateFiles } from '../../model/verify-gates.js';
import { gateSummaryScript, recordGateResultScript, recordJobResultsScript } from '../../emit/gate-scripts.js';
import { quoteShellWord } from '../../emit/shell-quote.js';
import {
  checkPushedDigestsScript,
  forEachPlatformScript,
  pushByDigestScript,
  readRecordedDigestScript,
  recordDigestScript,
} from '../../emit/shell-scripts.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { planCheck } from './local-gate-commands.js';
import type { LocalCommand } from './local-run-types.js';
import {
  ARCHIVE,
  CANDIDATE_DIR,
  LOCAL_DIGESTS_DIR,
  LOCAL_GATES_DIR,
  LOCAL_WORK_DIR,
  missing,
  none,
  notRun,
  sh,
  type LocalStepContext,
  type LocalStepPlan,
} from './local-step-plan.js';

/**
 * Map one neutral step to local commands, one step kind at a time (the exhaustive `switch` makes a new step kind a
 * compile error here). Builds and runs use buildah and skopeo as the GitLab target does
 * (src/targets/gitlab/gitlab-jobs.ts); gates reuse the step scripts the CI targets render (templates/steps/). Steps a
 * local machine cannot run (sign, deploy, notify, a gate whose tool is missing) are {@link LocalNotRun}, never passed.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md
 * @see ../../../docs/local-run.md
 */
export function planLocalStep(step: Step, ctx: LocalStepContext): LocalStepPlan {
  const { pipeline, scripts, options } = ctx;
  const needsBuildah =
    step.kind === 'build' ||
    step.kind === 'run-in-candidate' ||
    (step.kind === 'fetch-candidate' && ctx.buildsTestStage) ||
    (step.kind === 'check' && step.gate === 'smoke');
  if (needsBuildah && !options.tools.has('buildah')) return notRun(step, 'buildah not found on PATH');
  switch (step.kind) {
    case 'download':
    case 'upload':
      // Every job shares the work directory `dockyard/`: what one job writes, the next reads in place.
      return none();
    case 'login':
      return notRun(step, 'uses your existing registry login (buildah login / skopeo login)', false);
    case 'compute-metadata':
      // Computed by planLocalRun with the same engine (computeMeta); the tags are printed with the plan.
      return none();
    case 'stage-candidate':
      return notRun(step, 'the candidate stays in the local work directory (dockyard/<slug>/image.tar)', false);
    case 'build':
      return step.output === 'candidate' ? buildCandidate(step, ctx) : buildTestStage(step, ctx);
    case 'fetch-candidate':
      return sh(
        step.kind,
        [
          readRecordedDigestScript(scripts, CANDIDATE_DIR),
          ...(ctx.buildsTestStage
            ? [
                `candidate=$(buildah pull --quiet "${ARCHIVE}")`,
                'buildah tag "$candidate" "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
              ]
            : []),
        ].join('\n'),
      );
    case 'run-in-candidate': {
      const env: Record<string, string> = { DOCKYARD_TEST_SHELL: step.shell };
      step.commands.forEach((command, i) => (env[`DOCKYARD_TEST_${i + 1}`] = command));
      const mount = step.coverageDir ? ` --volume "$PWD/${LOCAL_WORK_DIR}/coverage:${step.coverageDir}"` : '';
      return sh(
        step.kind,
        [
          ...(mount ? [`mkdir -p ${LOCAL_WORK_DIR}/coverage && chmod 0777 ${LOCAL_WORK_DIR}/coverage`] : []),
          `container=$(buildah from --quiet --platform "$DOCKYARD_PLATFORM" "${ARCHIVE}")`,
          `trap 'buildah rm "$container" > /dev/null' EXIT`,
          ...step.commands.map(
            (_, i) => `buildah run${mount} "$container" -- "$DOCKYARD_TEST_SHELL" -c "$DOCKYARD_TEST_${i + 1}"`,
          ),
        ].join('\n'),
        env,
      );
    }
    case 'check':
      return planCheck(step, ctx);
    case 'record-gate-result':
      return {
        commands: [
          {
            kind: 'sh',
            script: recordJobResultsScript(scripts, LOCAL_GATES_DIR, [step]),
            env: {},
            step: step.kind,
            always: true,
          },
        ],
        notRun: [],
      };
    case 'summarize-gates': {
      const files = expectedGateFiles(
        pipeline,
        ctx.testPlatforms.map((p) => p.slug),
        ctx.platforms.map((p) => p.slug),
      );
      return sh(
        step.kind,
        `: > ${LOCAL_WORK_DIR}/gates.md\n${gateSummaryScript(scripts, LOCAL_GATES_DIR, `${LOCAL_WORK_DIR}/gates.md`)}`,
        { DOCKYARD_GATE_FILES: files.join(' ') },
      );
    }
    case 'push-by-digest': {
      const tool = missing(options.tools, 'skopeo');
      if (tool) return notRun(step, `${tool} not found on PATH`);
      return sh(
        step.kind,
        forEachPlatformScript(pushByDigestScript(scripts, `"${LOCAL_WORK_DIR}/$slug"`, LOCAL_DIGESTS_DIR)),
        { DOCKYARD_REPOSITORIES: ctx.repository!, DOCKYARD_SLUGS: ctx.platforms.map((p) => p.slug).join(' ') },
      );
    }
    case 'merge-index':
      return mergeIndex(ctx);
    case 'sign':
      return notRun(step, 'keyless signing needs the CI system’s OIDC token');
    case 'deploy':
      return notRun(step, 'deploys run only in CI');
    case 'notify':
      return notRun(step, 'notifications are sent only from CI');
    default: {
      const unknown: never = step;
      throw new Error(`dockyard run: no local mapping for step ${(unknown as Step).kind}`);
    }
  }
}

/** `--platform`, `--file`, `--build-arg`, `--secret` (from the environment variable the config names), `--layers`. */
function buildFlags(pipeline: Pipeline, platform: string): string[] {
  const { image } = pipeline;
  return [
    '--platform',
    platform,
    '--file',
    image.dockerfile,
    ...Object.entries(image.buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...image.secrets.flatMap((s) => ['--secret', `id=${s.id},env=${s.env}`]),
    // The local layer cache stands in for the configured cache (registry, gha): nothing is read from or written to a registry.
    '--layers',
  ];
}

/**
 * The candidate build, as GitLab's build job: the production stage for the instance's platform into local storage
 * (`localhost/dockyard-candidate:<slug>`), pushed to the OCI archive `dockyard/<slug>/image.tar` (v2s2 with a smoke
 * gate, so the HEALTHCHECK is kept) and its manifest digest recorded in `dockyard/<slug>/digest`.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-push.1.md
 */
function buildCandidate(step: Extract<Step, { kind: 'build' }>, ctx: LocalStepContext): LocalStepPlan {
  const { pipeline, scripts, platform } = ctx;
  const slug = platform!.slug;
  const tag = `localhost/dockyard-candidate:${slug}`;
  const docker = step.format === 'docker';
  const build: LocalCommand = {
    kind: 'argv',
    step: 'build',
    env: {},
    argv: [
      'buildah',
      'build',
      ...buildFlags(pipeline, platform!.platform),
      ...(step.target !== undefined ? ['--target', step.target] : []),
      '--format',
      docker ? 'docker' : 'oci',
      ...(step.labels ? ctx.labels.flatMap((l) => ['--label', l]) : []),
      ...(step.annotations ? ctx.annotations.flatMap((a) => ['--annotation', a]) : []),
      '--tag',
      tag,
      pipeline.image.context,
    ],
  };
  return {
    commands: [
      { kind: 'sh', step: 'build', env: {}, script: `rm -rf ${CANDIDATE_DIR} && mkdir -p ${CANDIDATE_DIR}` },
      build,
      {
        kind: 'argv',
        step: 'build',
        env: {},
        argv: [
          'buildah',
          'push',
          ...(docker ? ['--format', 'v2s2'] : []),
          tag,
          `oci-archive:${LOCAL_WORK_DIR}/${slug}/image.tar`,
        ],
      },
      { kind: 'sh', step: 'build', env: {}, script: recordDigestScript(scripts, CANDIDATE_DIR) },
    ],
    notRun: [],
  };
}

/** The test stage with its production stage replaced by the fetched candidate (`--build-context`), as on GitLab. */
function buildTestStage(step: Extract<Step, { kind: 'build' }>, ctx: LocalStepContext): LocalStepPlan {
  const { pipeline, platform } = ctx;
  return {
    commands: [
      {
        kind: 'argv',
        step: 'build',
        env: {},
        argv: [
          'buildah',
          'build',
          ...buildFlags(pipeline, platform!.platform),
          ...(step.target !== undefined ? ['--target', step.target] : []),
          ...(step.replaces !== undefined
            ? ['--build-context', `${step.replaces}=container-image://localhost/dockyard-candidate:${platform!.slug}`]
            : []),
          pipeline.image.context,
        ],
      },
    ],
    notRun: [],
  };
}

/**
 * The manifest job: an image index of the pushed digests (one per selected platform, all required), pushed under
 * every tag the engine computed, each published reference printed with the index digest. Index annotations are not
 * set (`buildah manifest create --annotation` is missing from Debian 12's buildah 1.28).
 *
 * @see https://github.com/containers/buildah/blob/main/docs/buildah-manifest.1.md
 */
function mergeIndex(ctx: LocalStepContext): LocalStepPlan {
  if (!ctx.options.tools.has('buildah')) return notRun({ kind: 'merge-index' } as Step, 'buildah not found on PATH');
  return sh(
    'merge-index',
    [
      checkPushedDigestsScript(LOCAL_DIGESTS_DIR),
      'buildah manifest rm dockyard-index > /dev/null 2>&1 || true',
      'buildah manifest create dockyard-index > /dev/null',
      'for slug in $DOCKYARD_SLUGS; do',
      `  buildah manifest add dockyard-index "docker://$DOCKYARD_REPOSITORY@$(cat "${LOCAL_DIGESTS_DIR}/$slug")" > /dev/null`,
      'done',
      ...ctx.tags.map((ref) =>
        [
          `buildah manifest push --digestfile ${LOCAL_WORK_DIR}/index-digest dockyard-index ${quoteShellWord(`docker://${ref}`)}`,
          `echo ${quoteShellWord(`published ${ref}`)}"@$(cat ${LOCAL_WORK_DIR}/index-digest)"`,
        ].join('\n'),
      ),
      'buildah manifest rm dockyard-index > /dev/null',
    ].join('\n'),
    { DOCKYARD_REPOSITORY: ctx.repository!, DOCKYARD_SLUGS: ctx.platforms.map((p) => p.slug).join(' ') },
  );
}

/**
 * sh writing a `not run` result for a gate the local machine cannot run, so the gate summary shows it and fails
 * (a gate that did not run is never a pass).
 */
export function recordNotRunScript(
  scripts: StepScripts,
  step: Extract<Step, { kind: 'record-gate-result' }>,
  reason: string,
): string {
  return recordGateResultScript(scripts, LOCAL_GATES_DIR, {
    file: step.perPlatform ? `"${step.gate}-$DOCKYARD_SLUG"` : step.gate,
    gate: step.gate,
    platform: step.perPlatform ? '"$DOCKYARD_PLATFORM"' : '-',
    result: quoteShellWord('not run'),
    figure: quoteShellWord(reason),
    threshold: quoteShellWord(step.threshold),
  });
}
