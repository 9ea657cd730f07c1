import type { ArgsDef } from 'citty';
import { projectArgs, type CommandOptions } from '../common-args.js';

/**
 * Flags of `dockyard trigger`.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export const triggerArgs = {
  ref: {
    type: 'string',
    description: 'Branch or tag to build (GitHub default: the default branch; required on GitLab)',
  },
  input: { type: 'string', description: 'KEY=VALUE input of the manual run, e.g. push=false (repeatable)' },
  dispatch: {
    type: 'boolean',
    description: 'GitHub: send repository_dispatch (triggers.dispatch.eventType) instead of workflow_dispatch',
  },
  host: { type: 'string', description: 'github|gitlab (required when the config renders for both)' },
  repo: { type: 'string', description: 'GitHub repository OWNER/REPO (token in GITHUB_TOKEN)' },
  project: {
    type: 'string',
    description: 'GitLab project GROUP/PROJECT or id (trigger token in GITLAB_TRIGGER_TOKEN)',
  },
  'api-url': {
    type: 'string',
    description:
      'API root: GitHub (default $GITHUB_API_URL or https://api.github.com; GHES https://HOST/api/v3) or GitLab (default $CI_API_V4_URL, $GITLAB_URL or https://gitlab.com)',
  },
  ...projectArgs,
} as const satisfies ArgsDef;

/**
 * Parsed flags of `dockyard trigger` (inputs collected from every `--input`).
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 */
export type TriggerOptions = Omit<CommandOptions<typeof triggerArgs>, 'input'> & {
  /** Every `--input` (citty keeps only the last; {@link collectInputs}). */
  inputs?: readonly string[];
};

/**
 * Every `--input` value in order (`--input a=1 --input=b=2`), unsplit: values may contain commas and `=`. Pure.
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 */
export function collectInputs(rawArgs: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (arg === '--') break;
    if (arg === '--input' && rawArgs[i + 1] !== undefined) values.push(rawArgs[++i]);
    else if (arg.startsWith('--input=')) values.push(arg.slice('--input='.length));
  }
  return values;
}
