import type { DockyardConfigInput } from './schema/index.js';

/**
 * Identity helper for `dockyard.config.ts`: gives editor completion and type checking for the config.
 * Validation happens when dockyard loads the file.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'dockyard';
 * export default defineConfig({ ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['node --version'] } });
 * ```
 */
export function defineConfig(config: DockyardConfigInput): DockyardConfigInput {
  return config;
}
