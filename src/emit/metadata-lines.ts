import type { Pipeline } from '../model/pipeline.js';
import { formatTagLine } from '../tags/tag-rule.js';
import { formatFlavorLines } from '../tags/flavor.js';

/** The pipeline's tag strategy as docker/metadata-action input lines, the same on both platforms. */
export interface MetadataLines {
  readonly tags: string[];
  readonly flavor: string[];
  readonly labels: string[];
  readonly annotations: string[];
}

/**
 * Render the tag strategy as metadata-action input lines: GitHub passes them to docker/metadata-action, GitLab
 * to dockyard's engine, so both compute the same tags.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export function metadataLines(pipeline: Pipeline): MetadataLines {
  return {
    tags: pipeline.tags.rules.map(formatTagLine),
    flavor: formatFlavorLines(pipeline.tags.flavor),
    labels: [...pipeline.tags.labels],
    annotations: [...pipeline.tags.annotations],
  };
}
