import { selectInputLines, splitCsvFields, splitKeyValue } from './input-lines.js';
import { MetaInputError, withInputContext } from './meta-error.js';

/**
 * The values of the flavor `latest` entry.
 *
 * @see https://github.com/docker/metadata-action#latest-tag
 */
export const LATEST_MODES = ['auto', 'true', 'false'] as const;

/**
 * One of {@link LATEST_MODES}.
 *
 * @see https://github.com/docker/metadata-action#latest-tag
 */
export type LatestMode = (typeof LATEST_MODES)[number];

/**
 * The global behaviour of the `tags` input: when to add `latest`, and a global prefix and suffix.
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export interface Flavor {
  /** `auto` (decided by the highest-priority tag that produced a value), `true` or `false`. */
  readonly latest: LatestMode;
  /** Prefix of every tag whose rule has no `prefix` of its own (an expression; may be empty). */
  readonly prefix: string;
  /** Whether {@link prefix} also goes on `latest`. */
  readonly prefixLatest: boolean;
  /** Suffix of every tag whose rule has no `suffix` of its own (an expression; may be empty). */
  readonly suffix: string;
  /** Whether {@link suffix} also goes on `latest`. */
  readonly suffixLatest: boolean;
}

/**
 * The flavor of an empty `flavor` input.
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export const DEFAULT_FLAVOR: Flavor = {
  latest: 'auto',
  prefix: '',
  prefixLatest: false,
  suffix: '',
  suffixLatest: false,
};

/**
 * Parse the lines of the `flavor` input (`latest=auto`, `prefix=foo-,onlatest=true`, `suffix=-dev`). Later
 * entries override earlier ones; `onlatest` applies to the `prefix` or `suffix` just before it on the same line.
 * Unlike metadata-action, a value may contain `=` (split at the first one) and an `onlatest` with no `prefix`
 * or `suffix` before it is an error instead of being ignored.
 *
 * @throws {MetaInputError} on a field without `=`, an unknown key, or a bad `latest`/`onlatest` value.
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export function parseFlavor(lines: readonly string[]): Flavor {
  let flavor: Flavor = DEFAULT_FLAVOR;
  for (const line of selectInputLines(lines)) {
    flavor = withInputContext('flavor', line, () => applyFlavorLine(flavor, line));
  }
  return flavor;
}

function applyFlavorLine(start: Flavor, line: string): Flavor {
  const flavor = { ...start };
  let onLatestFor: 'prefix' | 'suffix' | undefined;
  for (const field of splitCsvFields(line)) {
    const entry = splitKeyValue(field);
    if (entry === undefined) {
      throw new MetaInputError(
        'flavor',
        line,
        `entry "${field}" is not key=value (expected latest=, prefix=, suffix= or onlatest=)`,
      );
    }
    const { key, value } = entry;
    switch (key) {
      case 'latest':
        if (!(LATEST_MODES as readonly string[]).includes(value)) {
          throw new MetaInputError('flavor', line, `latest="${value}" is not one of ${LATEST_MODES.join(', ')}`);
        }
        flavor.latest = value as LatestMode;
        break;
      case 'prefix':
      case 'suffix':
        flavor[key] = value;
        onLatestFor = key;
        break;
      case 'onlatest':
        if (value !== 'true' && value !== 'false') {
          throw new MetaInputError('flavor', line, `onlatest="${value}" is not true or false`);
        }
        if (onLatestFor === undefined) {
          throw new MetaInputError('flavor', line, 'onlatest must follow a prefix= or suffix= entry on the same line');
        }
        flavor[onLatestFor === 'prefix' ? 'prefixLatest' : 'suffixLatest'] = value === 'true';
        break;
      default:
        throw new MetaInputError(
          'flavor',
          line,
          `unknown flavor entry "${key}" (expected latest, prefix, suffix or onlatest)`,
        );
    }
  }
  return flavor;
}

/**
 * A flavor as metadata-action `flavor` lines (`latest=auto`, `prefix=api-,onlatest=true`, …).
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export function formatFlavorLines(flavor: {
  latest: string | boolean;
  prefix: string;
  suffix: string;
  onlatest: boolean;
}): string[] {
  const onlatest = flavor.onlatest ? ',onlatest=true' : '';
  return [
    `latest=${String(flavor.latest)}`,
    ...(flavor.prefix ? [`prefix=${flavor.prefix}${onlatest}`] : []),
    ...(flavor.suffix ? [`suffix=${flavor.suffix}${onlatest}`] : []),
  ];
}
