import type { ArgsDef } from 'citty';
import { jsonArg, projectArgs, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard plan`. */
export const planArgs = {
  ...projectArgs,
  ci: {
    type: 'string',
    description: 'The CI system whose runners and registries to show (github|gitlab; default: the first in the config)',
  },
  event: {
    type: 'string',
    description: 'Show the tags this event produces: push, pull_request, schedule or workflow_dispatch (default push)',
  },
  ref: {
    type: 'string',
    description:
      'With the tags: refs/heads/<branch>, refs/tags/<tag> or refs/pull/<n>/merge (default refs/heads/<default branch>)',
  },
  sha: { type: 'string', description: 'With the tags: the commit, 40 hex digits (default 0000000…)' },
  'default-branch': {
    type: 'string',
    description: 'With the tags: the repository default branch (default: git refs/remotes/origin/HEAD, else main)',
  },
  format: {
    type: 'string',
    description: 'Output: text (default), json, mermaid or md (Mermaid in Markdown with a tag table)',
  },
  json: jsonArg('Same as --format json'),
  mermaid: { type: 'boolean', description: 'Same as --format mermaid' },
  cost: {
    type: 'boolean',
    description:
      'Print what a publishing and a pull-request run cost per CI system (jobs, serial hops, artifact bytes, runner minutes); text or --json',
  },
  'image-size': {
    type: 'string',
    description: "With --cost: one platform's image archive in MB, 1 MB = 1,000,000 bytes (default 300)",
  },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard plan`. */
export type PlanOptions = CommandOptions<typeof planArgs>;
