import type { Pipeline } from '../../model/pipeline.js';
import { formatTagLine } from '../../tags/tag-rule.js';
import type { GithubRegistry } from './github-registries.js';

/**
 * The docker/metadata-action inputs for the configured tag strategy: one `images` line per registry, the tag
 * rules as metadata-action lines, and the flavor.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export function metadataInputs(pipeline: Pipeline, registries: readonly GithubRegistry[]): Record<string, string> {
  const { flavor } = pipeline.tags;
  const flavorLines = [`latest=${flavor.latest}`];
  if (flavor.prefix) flavorLines.push(`prefix=${flavor.prefix}${flavor.onlatest ? ',onlatest=true' : ''}`);
  if (flavor.suffix) flavorLines.push(`suffix=${flavor.suffix}${flavor.onlatest ? ',onlatest=true' : ''}`);
  return {
    images: registries.map((r) => r.ref).join('\n'),
    tags: pipeline.tags.rules.map(formatTagLine).join('\n'),
    flavor: flavorLines.join('\n'),
  };
}
