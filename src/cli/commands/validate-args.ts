import type { ArgsDef } from 'citty';
import { configArg, describeArg, projectArgs, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard validate`. */
export const validateArgs = {
  ...projectArgs,
  config: describeArg(configArg, 'Config file naming the output paths (default: found in --dir)'),
  'gitlab-url': {
    type: 'string',
    description: 'GitLab instance for the CI Lint API, e.g. https://gitlab.com (token in GITLAB_TOKEN)',
  },
  'gitlab-project': { type: 'string', description: 'GitLab project id or path for the CI Lint API' },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard validate`. */
export type ValidateOptions = CommandOptions<typeof validateArgs>;
