import type { ArgsDef } from 'citty';
import { projectArgs, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard run` (docs/local-run.md). `--platform` is repeatable (read with `collectRepeated`). */
export const runArgs = {
  ...projectArgs,
  platform: {
    type: 'string',
    description: 'Run only this platform, e.g. linux/amd64 (repeatable; default: every platform of the config)',
  },
  push: {
    type: 'boolean',
    description: 'Publish the tested candidates by digest and merge the index (needs --registry-override)',
  },
  'registry-override': {
    type: 'string',
    description: 'host[:port] to push to instead of the config’s registries, e.g. 127.0.0.1:5000',
  },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard run`; `platforms` collects every `--platform`. */
export type RunOptions = Omit<CommandOptions<typeof runArgs>, 'platform'> & { readonly platforms?: readonly string[] };
