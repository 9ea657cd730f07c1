import type { Pipeline } from '../../model/pipeline.js';
import { metadataLines } from '../metadata-lines.js';
import type { GithubRegistry } from './github-registries.js';

/**
 * The docker/metadata-action inputs for the configured tag strategy: one `images` line per registry, the tag
 * rules as metadata-action lines, the flavor, and extra labels and annotations.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export function metadataInputs(pipeline: Pipeline, registries: readonly GithubRegistry[]): Record<string, string> {
  const lines = metadataLines(pipeline);
  return {
    images: registries.map((r) => r.ref).join('\n'),
    tags: lines.tags.join('\n'),
    flavor: lines.flavor.join('\n'),
    ...(lines.labels.length > 0 ? { labels: lines.labels.join('\n') } : {}),
    ...(lines.annotations.length > 0 ? { annotations: lines.annotations.join('\n') } : {}),
  };
}
