import type { Pipeline } from '../../model/pipeline.js';
import { PUSH_INPUT } from '../../model/trigger-targets.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import { matchAnyGlob } from './gitlab-refs.js';
import type { GitlabJob, GitlabRule } from './gitlab-types.js';

/** The job name (and `needs` of nothing else): it shows, failed, in the pipeline graph of an unprotected ref. */
export const UNPROTECTED_REF_JOB = 'unprotected-ref';

/**
 * The job that makes an unprotected ref fail loudly instead of going green while publishing nothing. The publish jobs
 * run only where `CI_COMMIT_REF_PROTECTED == "true"` ({@link publishRulesFor}), because the registry credentials are
 * protected CI/CD variables; a tag pushed before its pattern is protected would otherwise give a green pipeline and
 * no image. This job has the opposite rules (never in merge requests, never when `DOCKYARD_PUSH` is `false`, never on a
 * protected ref, else on a branch or tag the config publishes from, never elsewhere) and, after the metadata job, fails with the reason, the fix and the tags that were not
 * published; a ref without tags publishes nothing anyway, so then it passes, saying so.
 *
 * @returns the job, in the `push` stage, or undefined when the pipeline has no push job.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (CI_COMMIT_REF_PROTECTED)
 * @see https://docs.gitlab.com/user/project/protected_tags/
 * @see https://docs.gitlab.com/user/project/repository/branches/protected/
 */
export function gitlabUnprotectedRefJob(pipeline: Pipeline): GitlabJob | undefined {
  if (!pipeline.jobs.some((j) => j.id === 'push')) return undefined;
  const { triggers } = pipeline;
  const rules: GitlabRule[] = [
    { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
    ...(triggers.manual || triggers.dispatch
      ? [{ if: `$${PUSH_INPUT.gitlabVariable} == "false"`, when: 'never' as const }]
      : []),
    { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: 'never' },
    // Only a ref the config publishes from: a manual or dispatched run of a feature branch verifies and publishes
    // nothing, as on GitHub, and must not fail for want of protection.
    ...[matchAnyGlob('$CI_COMMIT_TAG', triggers.tags), matchAnyGlob('$CI_COMMIT_BRANCH', triggers.branches)]
      .filter((condition): condition is string => condition !== undefined)
      .map((condition) => ({ if: condition, when: 'on_success' as const })),
    { when: 'never' },
  ];
  return {
    stage: 'push',
    needs: ['metadata'],
    // The metadata job's image (already on the runner): its busybox has sh, printf and sed.
    image: GITLAB_IMAGES.node,
    script: [
      [
        'tags=$(printf \'%b\\n\' "${DOCKYARD_TAGS:-}")',
        'if [ -z "$tags" ]; then echo "dockyard: no tags for $CI_COMMIT_REF_NAME; nothing would be published"; exit 0; fi',
        'echo "dockyard: $CI_COMMIT_REF_NAME is not a protected branch or tag, so the push and manifest jobs do not run and nothing is published (they need the registry credentials, protected CI/CD variables that reach only protected refs). Protect it under Settings > Repository > Protected branches or Protected tags (https://docs.gitlab.com/user/project/protected_tags/) and run the pipeline again. Not published:" >&2',
        "printf '%s\\n' \"$tags\" | sed 's/^/  /' >&2",
        'exit 1',
      ].join('\n'),
    ],
    rules,
    interruptible: true,
    timeout: '5m',
  };
}
