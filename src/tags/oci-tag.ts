/**
 * Longest tag the OCI distribution spec allows.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export const OCI_TAG_MAX_LENGTH = 128;

/**
 * The OCI distribution spec's tag grammar: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export const OCI_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * Whether `tag` is a valid OCI tag.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export function isValidOciTag(tag: string): boolean {
  return OCI_TAG_PATTERN.test(tag);
}

/**
 * metadata-action's tag sanitising: every run of characters outside `[A-Za-z0-9._-]` becomes one `-`
 * (`my/feature#1245` → `my-feature-1245`).
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export function sanitizeTag(value: string): string {
  return value.replace(/[^a-zA-Z0-9._-]+/g, '-');
}

/**
 * The outcome of {@link fixOciTag}.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export interface OciTagFix {
  /** The publishable tag, or `undefined` when nothing valid is left. */
  readonly tag: string | undefined;
  /** One sentence per change made, empty when the input was valid. */
  readonly changes: readonly string[];
}

/**
 * Make a tag fit the OCI grammar, beyond what metadata-action does. After {@link sanitizeTag}:
 *
 * 1. leading `.` and `-` characters are removed (`-foo` → `foo`), since a tag cannot start with them;
 * 2. a tag longer than {@link OCI_TAG_MAX_LENGTH} characters is cut to its first 128 characters;
 * 3. a tag with nothing left (`-`, `...`) is dropped (`tag` is `undefined`).
 *
 * Each change is reported so that it can surface as a warning.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export function fixOciTag(value: string): OciTagFix {
  const changes: string[] = [];
  const sanitized = sanitizeTag(value);
  if (sanitized !== value) changes.push(`"${value}" has characters a tag cannot hold; published as "${sanitized}"`);
  let tag = sanitized.replace(/^[.-]+/, '');
  if (tag === '') {
    changes.push(`"${value}" has no character a tag can start with; dropped`);
    return { tag: undefined, changes };
  }
  if (tag !== sanitized) changes.push(`"${sanitized}" starts with "." or "-"; published as "${tag}"`);
  if (tag.length > OCI_TAG_MAX_LENGTH) {
    const cut = tag.slice(0, OCI_TAG_MAX_LENGTH);
    changes.push(`"${tag}" is ${tag.length} characters long; cut to the first ${OCI_TAG_MAX_LENGTH}: "${cut}"`);
    tag = cut;
  }
  return { tag, changes };
}
