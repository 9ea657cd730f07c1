import { z } from 'zod';
import { configSchema } from './schema/index.js';

/** `$id` of the published JSON Schema. */
export const CONFIG_SCHEMA_ID = 'https://github.com/dockyard-ci/dockyard/raw/main/schema/dockyard.schema.json';

/**
 * The JSON Schema (draft 2020-12) of the config as users write it (input side: defaults optional), generated
 * from the zod schema, for editor completion in `dockyard.config.json` / `.yaml`.
 *
 * @see https://zod.dev/json-schema
 */
export function createConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  }) as Record<string, unknown>;
  return { ...schema, $id: CONFIG_SCHEMA_ID, title: 'dockyard configuration' };
}
