import type { ArgsDef } from 'citty';
import type { CommandOptions } from '../common-args.js';
import { sharedPublishArgs } from './pr-args.js';

/**
 * Flags of `dockyard fleet`.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export const fleetArgs = {
  repos: { type: 'string', description: 'Fleet file: one [github:|gitlab:]PATH [base=BRANCH] per line, # comments' },
  concurrency: { type: 'string', description: 'Repositories worked on at once, 1-32 (default 4)' },
  only: { type: 'string', description: 'Update only this entry of the fleet file (used by the emitted workflow)' },
  'emit-workflow': {
    type: 'boolean',
    description: 'Write a scheduled GitHub Actions workflow running the update as a matrix; update nothing',
  },
  output: {
    type: 'string',
    description: 'With --emit-workflow: where to write (default .github/workflows/dockyard-fleet.yml)',
  },
  cron: { type: 'string', description: 'With --emit-workflow: schedule, UTC cron (default "0 6 * * 1")' },
  'github-api-url': {
    type: 'string',
    description: 'GitHub API root (default $GITHUB_API_URL or https://api.github.com)',
  },
  'gitlab-url': {
    type: 'string',
    description: 'GitLab instance or API root (default $CI_API_V4_URL, $GITLAB_URL or https://gitlab.com)',
  },
  ...sharedPublishArgs,
} as const satisfies ArgsDef;

/**
 * Parsed flags of `dockyard fleet` (labels collected from every `--label`).
 *
 * @see https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export type FleetOptions = Omit<CommandOptions<typeof fleetArgs>, 'label'> & {
  /** Every `--label` (citty keeps only the last; `collectRepeated`). */
  labels?: readonly string[];
};
