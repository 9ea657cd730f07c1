import { selectInputLines, splitCsvFields, splitKeyValue } from './input-lines.js';
import { MetaInputError, withInputContext } from './meta-error.js';

/**
 * One entry of the `images` input.
 *
 * @see https://github.com/docker/metadata-action#images-input
 */
export interface ImageEntry {
  /** Image base name as written (`ghcr.io/MyOrg/App`); tags use it lower-cased. */
  readonly name: string;
  /** Whether tags are generated for this image. */
  readonly enable: boolean;
}

/**
 * Parse the lines of the `images` input: one image a line, either a bare name or `name=<name>,enable=<bool>`.
 * For backward compatibility, a single line of comma-separated bare names (`user/app,ghcr.io/user/app`) is a
 * list of images.
 *
 * @throws {MetaInputError} on an unknown attribute, an `enable` other than `true`/`false`, or an empty name.
 * @see https://github.com/docker/metadata-action#images-input
 */
export function parseImages(lines: readonly string[]): ImageEntry[] {
  const selected = selectInputLines(lines);
  if (selected.length === 1) {
    const line = selected[0]!;
    const fields = withInputContext('images', line, () => splitCsvFields(line));
    if (fields.every((field) => !field.includes('='))) {
      return fields.map((name) => {
        if (name === '') throw new MetaInputError('images', line, 'empty image name in the list');
        return { name, enable: true };
      });
    }
  }
  return selected.map((line) => withInputContext('images', line, () => parseImageLine(line)));
}

function parseImageLine(line: string): ImageEntry {
  let name = '';
  let enable = true;
  for (const field of splitCsvFields(line)) {
    const entry = splitKeyValue(field);
    if (entry === undefined) {
      name = field;
      continue;
    }
    switch (entry.key) {
      case 'name':
        name = entry.value;
        break;
      case 'enable':
        if (entry.value !== 'true' && entry.value !== 'false') {
          throw new MetaInputError('images', line, `enable="${entry.value}" is not true or false`);
        }
        enable = entry.value === 'true';
        break;
      default:
        throw new MetaInputError('images', line, `unknown image attribute "${entry.key}" (expected name or enable)`);
    }
  }
  if (name === '') throw new MetaInputError('images', line, 'image name is empty');
  return { name, enable };
}

/**
 * The names of the enabled images, lower-cased as an image reference requires.
 *
 * @see https://github.com/docker/metadata-action#image-name-and-tag-sanitization
 */
export function selectImageNames(images: readonly ImageEntry[]): string[] {
  return images.filter((image) => image.enable).map((image) => image.name.toLowerCase());
}
