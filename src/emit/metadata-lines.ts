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
  return {
    tags: pipeline.tags.rules.map(formatTagLine),
    flavor: formatFlavorLines(pipeline.tags.flavor),
    labels: [...pipeline.tags.labels],
    annotations: [...pipeline.tags.annotations],
  };
}

/**
 * A flavor as metadata-action `flavor` lines (`latest=auto`, `prefix=api-,onlatest=true`, …).
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export function formatFlavorLines(flavor: { latest: string | boolean; prefix: string; suffix: string; onlatest: boolean }): string[] {
  const onlatest = flavor.onlatest ? ',onlatest=true' : '';
  return [
    `latest=${String(flavor.latest)}`,
    ...(flavor.prefix ? [`prefix=${flavor.prefix}${onlatest}`] : []),
    ...(flavor.suffix ? [`suffix=${flavor.suffix}${onlatest}`] : []),
  ];
}
