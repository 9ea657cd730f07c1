import type { Pipeline } from '../model/pipeline.js';
import { formatTagLine } from '../tags/tag-rule.js';

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
  const { flavor } = pipeline.tags;
  const onlatest = flavor.onlatest ? ',onlatest=true' : '';
  return {
    tags: pipeline.tags.rules.map(formatTagLine),
    flavor: [`latest=${flavor.latest}`, ...(flavor.prefix ? [`prefix=${flavor.prefix}${onlatest}`] : []), ...(flavor.suffix ? [`suffix=${flavor.suffix}${onlatest}`] : [])],
    labels: [...pipeline.tags.labels],
    annotations: [...pipeline.tags.annotations],
  };
}
