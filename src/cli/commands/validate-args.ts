import type { ArgsDef } from 'citty';

/** Flags of `dockyard validate`. */
export const validateArgs = {
  config: { type: 'string', description: 'Config file naming the output paths (default: found in --dir)' },
  dir: { type: 'string', description: 'Project directory (default: .)' },
  'gitlab-url': {
    type: 'string',
    description: 'GitLab instance for the CI Lint API, e.g. https://gitlab.com (token in GITLAB_TOKEN)',
  },
  'gitlab-project': { type: 'string', description: 'GitLab project id or path for the CI Lint API' },
} as const satisfies ArgsDef;
