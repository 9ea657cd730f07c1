import type { z } from 'zod';
import type { tagSchema } from '../config/schema/tags.js';
import { parseTagLine, validateTagRule, type TagRule, type TagType } from './tag-rule.js';

/** A tag as written in the config: a metadata-action line or a typed object. */
export type TagConfig = z.output<typeof tagSchema>;

/**
 * Convert a configured tag (line or typed object) into a {@link TagRule}.
 *
 * @throws {import('./tag-rule.js').TagRuleError} when the line or object is not a valid tag rule.
 * @see https://github.com/docker/metadata-action#tags-input
 */
export function resolveTagRule(tag: TagConfig): TagRule {
  if (typeof tag === 'string') return parseTagLine(tag);
  const { type, enable, priority, prefix, suffix, ...rest } = tag;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) attributes[key] = String(value);
  }
  return validateTagRule({
    type: type as TagType,
    attributes,
    ...(enable !== undefined ? { enable: String(enable) } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(prefix !== undefined ? { prefix } : {}),
    ...(suffix !== undefined ? { suffix } : {}),
  });
}
