import type { ArgsDef } from 'citty';
import type { CommandOptions } from '../common-args.js';

/**
 * Flags `dockyard pr` and `dockyard fleet` share.
 *
 * @see https://docs.github.com/rest/pulls/pulls#create-a-pull-request
 */
export const sharedPublishArgs = {
  branch: { type: 'string', description: 'Bot branch (default: dockyard/pipelines)' },
  draft: { type: 'boolean', description: 'Open pull/merge requests as drafts' },
  label: { type: 'string', description: 'Label to add (repeatable, or comma-separated)' },
  'dry-run': { type: 'boolean', description: 'Print the plan (branch, files, diff summary, title); make no change' },
  force: { type: 'boolean', description: 'Also overwrite generated files that were edited by hand on the base' },
  title: { type: 'string', description: 'Pull/merge request title (default: "ci: update the dockyard pipelines")' },
  message: {
    type: 'string',
    alias: 'm',
    description: 'Commit subject (default: "ci: regenerate pipelines with dockyard")',
  },
} as const satisfies ArgsDef;

/**
 * Flags of `dockyard pr`.
 *
 * @see https://docs.github.com/rest/pulls/pulls#create-a-pull-request
 */
export const prArgs = {
  repo: { type: 'string', description: 'GitHub repository OWNER/REPO (token in GITHUB_TOKEN)' },
  project: { type: 'string', description: 'GitLab project GROUP/PROJECT (token in GITLAB_TOKEN)' },
  base: { type: 'string', description: 'Base branch (default: the repository’s default branch)' },
  'api-url': {
    type: 'string',
    description:
      'API root: GitHub (default $GITHUB_API_URL or https://api.github.com) or GitLab (default $CI_API_V4_URL, $GITLAB_URL or https://gitlab.com)',
  },
  ...sharedPublishArgs,
} as const satisfies ArgsDef;

/**
 * Parsed flags of `dockyard pr` (labels collected from every `--label`).
 *
 * @see https://docs.github.com/rest/pulls/pulls#create-a-pull-request
 */
export type PrOptions = Omit<CommandOptions<typeof prArgs>, 'label'> & {
  /** Every `--label` (citty keeps only the last; `collectRepeated`). */
  labels?: readonly string[];
};
