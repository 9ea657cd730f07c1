import { z } from 'zod';
import { CRON_EXPECTED, findCronProblem } from './cron.js';
import { refPatternSchema } from './primitives.js';

/**
 * A scheduled pipeline. GitHub renders `on.schedule`; GitLab pipeline schedules live in the project
 * settings, so the GitLab file accepts `schedule` pipelines and `dockyard` prints the cron to set up.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 * @see https://docs.gitlab.com/ci/pipelines/schedules/
 */
export const scheduleSchema = z.strictObject({
  /** Five-field POSIX cron expression, in UTC: minute hour day-of-month month day-of-week, with `*`, `,`, `-`, `/` and the names JAN-DEC, SUN-SAT. */
  cron: z
    .string()
    .superRefine((cron, ctx) => {
      const problem = findCronProblem(cron);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `not a valid cron expression: ${problem}`,
          params: { expected: CRON_EXPECTED },
        });
    })
    .describe(
      'Five-field POSIX cron expression, in UTC: minute hour day-of-month month day-of-week, with `*`, `,`, `-`, `/` and the names JAN-DEC, SUN-SAT.',
    ),
});

/** The `repository_dispatch` event type dockyard builds listen for unless configured otherwise. */
export const DEFAULT_DISPATCH_EVENT_TYPE = 'dockyard-build';

/**
 * Builds triggered from outside with a token and a JSON payload, as Docker Hub's build triggers were: GitHub
 * `repository_dispatch` of the configured event type (the run builds the default branch), GitLab pipeline trigger
 * tokens (any ref the call names). A payload or trigger variable `push` / `DOCKYARD_PUSH` of `false` builds and
 * verifies without publishing.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#repository_dispatch
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 * @see https://docs.gitlab.com/ci/triggers/
 */
export const dispatchSchema = z.strictObject({
  /** GitHub `repository_dispatch` event type (`event_type` of the API call; letters, digits, `.`, `_`, `-`, at most 100 characters). GitLab trigger pipelines have no event type. Default `"dockyard-build"`. */
  eventType: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      message: 'not a dispatch event type (letters, digits, . _ -, starting with a letter or digit)',
    })
    .default(DEFAULT_DISPATCH_EVENT_TYPE)
    .describe(
      'GitHub `repository_dispatch` event type (`event_type` of the API call; letters, digits, `.`, `_`, `-`, at most 100 characters). GitLab trigger pipelines have no event type. Default `"dockyard-build"`.',
    ),
});

/**
 * A file glob of `triggers.paths`: relative to the repository root, letters, digits, `. _ - /` and the wildcards `*`
 * and `**` (the subset both CI systems read alike: GitHub's filter patterns, GitLab's `File.fnmatch` with
 * `FNM_PATHNAME`); no leading `/`, no `..` segment, no `!` exclusion (GitLab's `rules:changes` has none).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 * @see https://docs.gitlab.com/ci/yaml/#ruleschanges
 */
export const pathGlobSchema = z
  .string()
  .min(1)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\-/*]+$/, {
    message:
      'unsupported path glob: use letters, digits, . _ - / and the wildcards * ** only, relative to the repository root (no leading /, no .., no !)',
  })
  .describe('A file glob relative to the repository root: `*` within a directory, `**` across directories.');

/** When pipelines run. */
export const triggersSchema = z
  .strictObject({
    /** Branch globs whose pushes build, verify and publish. Default `["main"]`. */
    branches: z
      .array(refPatternSchema)
      .default(['main'])
      .describe('Branch globs whose pushes build, verify and publish. Default `["main"]`.'),
    /** Git tag globs whose pushes build, verify and publish. Default `["v*"]`. */
    tags: z
      .array(refPatternSchema)
      .default(['v*'])
      .describe('Git tag globs whose pushes build, verify and publish. Default `["v*"]`.'),
    /** Run on pull requests (GitHub) / merge requests (GitLab) targeting `branches`: build, test and scan, never push. Default `true`. */
    pullRequests: z
      .boolean()
      .default(true)
      .describe(
        'Run on pull requests (GitHub) / merge requests (GitLab) targeting `branches`: build, test and scan, never push. Default `true`.',
      ),
    /** Scheduled runs (publish like a branch push). Default `[]`. */
    schedule: z
      .array(scheduleSchema)
      .default([])
      .describe('Scheduled runs (publish like a branch push). Default `[]`.'),
    /** Allow manual runs: GitHub `workflow_dispatch` with a boolean input `push`, GitLab "Run pipeline" (web) with the prefilled variable `DOCKYARD_PUSH`; `false` there builds and verifies without publishing. Default `true`. */
    manual: z
      .boolean()
      .default(true)
      .describe(
        'Allow manual runs: GitHub `workflow_dispatch` with a boolean input `push`, GitLab "Run pipeline" (web) with the prefilled variable `DOCKYARD_PUSH`; `false` there builds and verifies without publishing. Default `true`.',
      ),
    /** File globs (relative to the repository root, `*` within a directory, `**` across directories) of which a change runs the pipeline for branch pushes and pull/merge requests: GitHub `on.push.paths` / `on.pull_request.paths`, GitLab `rules:changes` in the workflow rules. Tags, schedules, manual and dispatched runs always run (neither CI system evaluates changes for them). The Dockerfile and the pipeline file itself are added. Default `[]`: every change runs it. */
    paths: z
      .array(pathGlobSchema)
      .default([])
      .describe(
        'File globs (relative to the repository root, `*` within a directory, `**` across directories) of which a change runs the pipeline for branch pushes and pull/merge requests: GitHub `on.push.paths` / `on.pull_request.paths`, GitLab `rules:changes` in the workflow rules. Tags, schedules, manual and dispatched runs always run (neither CI system evaluates changes for them). The Dockerfile and the pipeline file itself are added. Default `[]`: every change runs it.',
      ),
    /** Builds triggered from outside by a token and a JSON payload: GitHub `repository_dispatch`, GitLab pipeline trigger tokens. `{}` uses the default event type. Default: off. */
    dispatch: dispatchSchema
      .optional()
      .describe(
        'Builds triggered from outside by a token and a JSON payload: GitHub `repository_dispatch`, GitLab pipeline trigger tokens. `{}` uses the default event type. Default: off.',
      ),
  })
  .describe('When pipelines run.');

/**
 * Cancelling superseded builds. A newer pipeline of the same ref (branch, tag, pull/merge request) cancels the
 * older one's verify jobs (build, test, scan and the gates); publishing jobs (push, manifest, sign) are never
 * cancelled half-way, and they run one at a time per ref. GitHub: job-level `concurrency` groups; GitLab:
 * `interruptible`, `workflow:auto_cancel:on_new_commit` and `resource_group`.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs
 * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit
 * @see https://docs.gitlab.com/ci/resource_groups/
 */
export const concurrencySchema = z
  .strictObject({
    /** Cancel the verify jobs of an older pipeline of the same ref when a newer one starts (publishing is never cancelled and stays one at a time per ref either way). Default `true`. */
    cancelSuperseded: z
      .boolean()
      .default(true)
      .describe(
        'Cancel the verify jobs of an older pipeline of the same ref when a newer one starts (publishing is never cancelled and stays one at a time per ref either way). Default `true`.',
      ),
  })
  .describe('Cancelling superseded builds of the same ref; publishing is never cancelled half-way.');
