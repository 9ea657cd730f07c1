import { createRequire } from 'node:module';

/**
 * Package version shown by `dockyard --version` and in PR bodies (from package.json).
 *
 * @see https://docs.npmjs.com/cli/configuring-npm/package-json#version
 */
export const CLI_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;
