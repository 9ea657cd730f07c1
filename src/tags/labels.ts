import type { EventContext } from './event-context.js';

/**
 * The annotation level of an empty `annotationLevels` option.
 *
 * @see https://github.com/docker/metadata-action#annotations
 */
export const DEFAULT_ANNOTATION_LEVELS = ['manifest'] as const;

/**
 * Annotation levels Buildx accepts, optionally with a platform (`index`, `manifest[linux/amd64]`).
 *
 * @see https://github.com/docker/metadata-action#annotations
 */
export const ANNOTATION_LEVEL_PATTERN = /^(manifest|index|manifest-descriptor|index-descriptor)(\[[^\]]+\])?$/;

/**
 * The eight `org.opencontainers.image.*` labels (and annotations) metadata-action always sets, as `key=value`:
 * title, description, url and source from the repository, version from the main tag, created from the clock,
 * revision from the commit SHA, licenses from the repository license.
 *
 * @see https://github.com/docker/metadata-action#overwrite-labels-and-annotations
 */
export function listOciLabels(context: EventContext, version: string | null, clock: Date): string[] {
  const { repo } = context;
  return [
    `org.opencontainers.image.title=${repo.name}`,
    `org.opencontainers.image.description=${repo.description}`,
    `org.opencontainers.image.url=${repo.url}`,
    `org.opencontainers.image.source=${repo.url}`,
    `org.opencontainers.image.version=${version ?? ''}`,
    `org.opencontainers.image.created=${clock.toISOString()}`,
    `org.opencontainers.image.revision=${context.sha}`,
    `org.opencontainers.image.licenses=${repo.license}`,
  ];
}

/**
 * Merge `key=value` entries: a later entry overrides an earlier one with the same key, an entry without `=` is
 * dropped, a value may contain `=` (split at the first one); the result is sorted by key.
 *
 * @returns the merged entries and the entries dropped for having no `=`.
 * @see https://github.com/docker/metadata-action#overwrite-labels-and-annotations
 */
export function mergeKeyValues(entries: readonly string[]): { merged: string[]; dropped: string[] } {
  const byKey = new Map<string, string>();
  const dropped: string[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      dropped.push(entry);
      continue;
    }
    byKey.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  const merged = [...byKey].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([key, value]) => `${key}=${value}`);
  return { merged, dropped };
}

/**
 * Turn `key=value` labels into an object, as the `json` output's `labels`.
 *
 * @see https://github.com/docker/metadata-action#json-output-object
 */
export function convertLabelsToObject(labels: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const label of labels) {
    const eq = label.indexOf('=');
    if (eq >= 0) result[label.slice(0, eq)] = label.slice(eq + 1);
  }
  return result;
}

/**
 * Prefix each annotation with each level (`manifest:org.opencontainers.image.title=…`), level by level.
 *
 * @see https://github.com/docker/metadata-action#annotations
 */
export function applyAnnotationLevels(annotations: readonly string[], levels: readonly string[]): string[] {
  return levels.flatMap((level) => annotations.map((annotation) => `${level}:${annotation}`));
}
