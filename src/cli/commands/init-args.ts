import type { ArgsDef } from 'citty';
import { dirArg, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard init`: one per answer, plus `--yes`, `--force` and `--no-synth`. */
export const initArgs = {
  dir: dirArg,
  ci: { type: 'string', description: 'CI system: github, gitlab or both (default: from the origin remote, else both)' },
  image: {
    type: 'string',
    description: 'Image repository, e.g. acme/api (default: the remote project path, else the directory name)',
  },
  dockerfile: { type: 'string', description: 'Dockerfile path, relative to --dir (default: Dockerfile)' },
  template: {
    type: 'string',
    description:
      'Write the Dockerfile and .dockerignore from a template: node, python, go or none (default: the detected language when there is no Dockerfile)',
  },
  'test-target': {
    type: 'string',
    description: 'Dockerfile stage that runs the tests (default: the stage named test)',
  },
  'test-command': {
    type: 'string',
    description: 'Command run in the built image to test it, when there is no test stage',
  },
  visibility: {
    type: 'string',
    description:
      'GitHub repository visibility: public, private or internal (default: public; the remote URL cannot tell)',
  },
  plan: {
    type: 'string',
    description:
      'GitHub plan of the owner for a private or internal repository: free, pro, team or enterprise (default: free; enterprise for internal)',
  },
  yes: {
    type: 'boolean',
    alias: 'y',
    description:
      'Do not ask: take flags, then detected values, then the documented defaults (each printed; docs/init-and-doctor.md)',
  },
  force: {
    type: 'boolean',
    description: 'Overwrite existing files (the config, a Dockerfile, .dockerignore, generated pipelines)',
  },
  synth: {
    type: 'boolean',
    default: true,
    description: 'Run `dockyard synth` after writing the config (--no-synth to skip)',
  },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard init`. */
export type InitOptions = CommandOptions<typeof initArgs>;
