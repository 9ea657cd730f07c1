/**
 * The input of {@link import('./compute-meta.js').computeMeta} that a {@link MetaInputError} is about.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export type MetaInputName = 'images' | 'tags' | 'flavor' | 'labels' | 'annotations' | 'context' | 'options';

/**
 * Bad input to the metadata engine: an unknown tag type, a semver rule without `pattern`, a bad flavor or image
 * line, a template that does not parse, an `enable` that is neither `true` nor `false`, an unknown time zone….
 * The message names the input and the offending line.
 *
 * @see https://github.com/docker/metadata-action#customizing
 */
export class MetaInputError extends Error {
  constructor(
    /** Which input holds the problem. */
    readonly input: MetaInputName,
    /** The offending line (or value) as given; empty when the problem is not tied to one line. */
    readonly line: string,
    /** What is wrong, without the input/line context. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(line === '' ? `${input}: ${detail}` : `${input} line "${line}": ${detail}`, options);
    this.name = 'MetaInputError';
  }
}

/**
 * Run `fn`, re-throwing anything but a {@link MetaInputError} as one about `input`/`line`.
 *
 * @throws {MetaInputError} always, when `fn` throws.
 *
 * @see https://github.com/docker/metadata-action#customizing
 */
export function withInputContext<T>(input: MetaInputName, line: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MetaInputError) {
      if (error.line !== '' || line === '') throw error;
      throw new MetaInputError(input, line, error.detail, { cause: error });
    }
    throw new MetaInputError(input, line, (error as Error).message, { cause: error });
  }
}
