import { z } from 'zod';
import { refPatternSchema } from './primitives.js';

/**
 * A scheduled pipeline. GitHub renders `on.schedule`; GitLab pipeline schedules live in the project
 * settings, so the GitLab file accepts `schedule` pipelines and `dockyard` prints the cron to set up.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 * @see https://docs.gitlab.com/ci/pipelines/schedules/
 */
export const scheduleSchema = z.strictObject({
  /** Five-field POSIX cron expression, in UTC. */
  cron: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, { message: 'not a five-field cron expression' })
    .describe('Five-field POSIX cron expression, in UTC.'),
});

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
      .describe('Run on pull requests (GitHub) / merge requests (GitLab) targeting `branches`: build, test and scan, never push. Default `true`.'),
    /** Scheduled runs (publish like a branch push). Default `[]`. */
    schedule: z.array(scheduleSchema).default([]).describe('Scheduled runs (publish like a branch push). Default `[]`.'),
    /** Allow manual runs (`workflow_dispatch` / "Run pipeline"). Default `true`. */
    manual: z
      .boolean()
      .default(true)
      .describe('Allow manual runs (`workflow_dispatch` / "Run pipeline"). Default `true`.'),
  })
  .describe('When pipelines run.');
