import type { ArgsDef } from 'citty';
import { configArg, describeArg, jsonArg, projectArgs, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard meta`. */
export const metaArgs = {
  input: {
    type: 'string',
    description: 'A case file: { env, event, inputs, clock?, repo? } (docker/metadata-action test format)',
  },
  ci: {
    type: 'string',
    description: 'Compute for this CI system (github|gitlab) from its variables and the project config',
  },
  'event-env': {
    type: 'string',
    description: 'With --ci: read the CI variables from this dotenv file instead of the environment',
  },
  ...projectArgs,
  config: describeArg(configArg, 'With --ci: config file (default: found in --dir)'),
  json: jsonArg('Print one JSON object {version, tags, labels, annotations, json}'),
  explain: { type: 'boolean', description: 'Say which rule produced or skipped each tag, and why' },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard meta`. */
export type MetaOptions = CommandOptions<typeof metaArgs>;
