import type { Pipeline } from '../../model/pipeline.js';
import { metadataLines } from '../../emit/metadata-lines.js';
import type { GithubRegistry } from './github-registries.js';
import { githubLiteral } from './github-literal.js';

/**
 * The docker/metadata-action inputs for the configured tag strategy: one `images` line per registry, the tag
 * rules as metadata-action lines, the flavor, and extra labels and annotations; `${{` in them is escaped
 * ({@link githubLiteral}), so GitHub does not evaluate config text.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export function metadataInputs(pipeline: Pipeline, registries: readonly GithubRegistry[]): Record<string, string> {
  const lines = metadataLines(pipeline);
  // GitHub evaluates `${{` in `with:` values; config text (an edge rule's branch, a raw value, a label) stays literal.
  const literal = (values: readonly string[]): string => githubLiteral(values.join('\n'));
  return {
    images: registries.map((r) => r.ref).join('\n'),
    tags: literal(lines.tags),
    flavor: literal(lines.flavor),
    ...(lines.labels.length > 0 ? { labels: literal(lines.labels) } : {}),
    ...(lines.annotations.length > 0 ? { annotations: literal(lines.annotations) } : {}),
  };
}
