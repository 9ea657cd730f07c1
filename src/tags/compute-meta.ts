import type { EventContext } from './event-context.js';
import type { ExplainEntry } from './explain.js';
import { createTemplateRenderer, DEFAULT_SHORT_SHA_LENGTH, type TemplateRenderer } from './expressions.js';
import { parseFlavor } from './flavor.js';
import { parseImages, selectImageNames } from './images.js';
import { selectInputLines } from './input-lines.js';
import {
  ANNOTATION_LEVEL_PATTERN,
  applyAnnotationLevels,
  convertLabelsToObject,
  DEFAULT_ANNOTATION_LEVELS,
  listOciLabels,
  mergeKeyValues,
} from './labels.js';
import { MetaInputError, withInputContext, type MetaInputName } from './meta-error.js';
import type { TagRule } from './tag-rule.js';
import { computeVersion, planTagRules, renderLatestTag, type Version, type VersionEnv } from './version.js';

/**
 * The inputs of docker/metadata-action, each a list of lines in its syntax (blank lines and `#` comment lines
 * are ignored), plus the options it takes from environment variables.
 *
 * @see https://github.com/docker/metadata-action#inputs
 */
export interface MetaInputs {
  /** `images` input: `user/app`, `name=ghcr.io/user/app,enable=true`…. Empty: tags without image name. */
  readonly images: readonly string[];
  /** `tags` input: lines such as `type=semver,pattern={{version}}`, or typed rules. Empty: the default rules. */
  readonly tags: readonly (string | TagRule)[];
  /** `flavor` input: `latest=auto`, `prefix=foo-,onlatest=true`, `suffix=-dev`. */
  readonly flavor: readonly string[];
  /** `labels` input: `key=value` lines (global expressions allowed) that add to or override the OCI labels. */
  readonly labels: readonly string[];
  /** `annotations` input: like {@link labels}, for annotations. */
  readonly annotations: readonly string[];
  /** Length of short SHAs (`DOCKER_METADATA_SHORT_SHA_LENGTH`); default 7. */
  readonly shortShaLength?: number;
  /** Levels of the `json` output's annotations (`DOCKER_METADATA_ANNOTATIONS_LEVELS`); default `manifest`. */
  readonly annotationLevels?: readonly string[];
}

/**
 * The `json` output of metadata-action.
 *
 * @see https://github.com/docker/metadata-action#json-output-object
 */
export interface MetaJson {
  /** Full tags (`user/app:1.2.3`), image by image. */
  readonly tags: string[];
  /** Tags without image name (`1.2.3`). */
  readonly 'tag-names': string[];
  /** Labels as an object. */
  readonly labels: Record<string, string>;
  /** Annotations prefixed with each level (`manifest:org.opencontainers.image.title=…`). */
  readonly annotations: string[];
}

/**
 * Everything {@link computeMeta} works out.
 *
 * @see https://github.com/docker/metadata-action#outputs
 */
export interface MetaResult {
  /** The version: main tag, partial tags and `latest`. */
  readonly version: Version;
  /** Full tags (`user/app:1.2.3`), image by image, or bare tags when no image is enabled. */
  readonly tags: string[];
  /** Labels, `key=value`, sorted by key. */
  readonly labels: string[];
  /** Annotations, `key=value`, sorted by key (without level; see {@link MetaJson.annotations}). */
  readonly annotations: string[];
  /** The action's `json` output. */
  readonly json: MetaJson;
  /** Why each rule produced a tag or not, in processing order, then the `latest` decision. */
  readonly explain: ExplainEntry[];
  /** Things worth a look: versions that do not parse, tags fixed or dropped for the OCI grammar, major-zero tags. */
  readonly warnings: string[];
}

/**
 * Compute the tags, labels, annotations and version of an image build, with docker/metadata-action's semantics,
 * from its inputs, the event and a fixed clock. Pure: it reads nothing but its arguments.
 *
 * Beyond metadata-action: tags are fitted to the OCI tag grammar (see {@link import('./oci-tag.js').fixOciTag}),
 * duplicate tags are dropped, templates are strict (an unknown expression is an error), and a `{{major}}`
 * pattern that would publish a `0` tag yields a warning.
 *
 * @throws {MetaInputError} on bad input: an unknown tag type, a semver rule without pattern, a bad flavor or
 *   image line, an unknown expression or time zone, an `enable` that is not a boolean….
 * @see https://github.com/docker/metadata-action#usage
 */
export function computeMeta(inputs: MetaInputs, context: EventContext, clock: Date): MetaResult {
  if (Number.isNaN(clock.getTime())) throw new MetaInputError('options', '', 'clock is not a valid date');
  const shortShaLength = inputs.shortShaLength ?? DEFAULT_SHORT_SHA_LENGTH;
  if (!Number.isInteger(shortShaLength) || shortShaLength < 1) {
    throw new MetaInputError('options', String(shortShaLength), 'shortShaLength must be a positive integer');
  }
  const levels = selectAnnotationLevels(inputs.annotationLevels);
  const images = selectImageNames(parseImages(inputs.images));
  const flavor = parseFlavor(inputs.flavor);
  const plan = planTagRules(inputs.tags);
  const render = withInputContext('context', '', () => createTemplateRenderer({ context, clock, shortShaLength }));
  const env: VersionEnv = { context, render, shortShaLength, flavor };
  const { version, explain, warnings } = computeVersion(plan, env);

  const names: string[] = [];
  if (version.main !== null) {
    names.push(version.main, ...version.partial);
    const latest = withInputContext('flavor', '', () => renderLatestTag(env));
    warnings.push(...latest.changes.map((change) => `latest: ${change}`));
    if (version.latest && latest.tag !== undefined && !names.includes(latest.tag)) names.push(latest.tag);
    explain.push(explainLatest(version, latest.tag, flavor.latest));
  } else {
    warnings.push('no tag was generated: check the tags input');
  }
  const tags = images.length === 0 ? names : images.flatMap((image) => names.map((name) => `${image}:${name}`));

  const base = listOciLabels(context, version.main, clock);
  const labels = mergeCustom('labels', base, inputs.labels, render, warnings);
  const annotations = mergeCustom('annotations', base, inputs.annotations, render, warnings);
  const json: MetaJson = {
    tags,
    'tag-names': names,
    labels: convertLabelsToObject(labels),
    annotations: applyAnnotationLevels(annotations, levels),
  };
  return { version, tags, labels, annotations, json, explain, warnings };
}

function explainLatest(version: Version, tag: string | undefined, mode: string): ExplainEntry {
  const rule = `flavor latest=${mode}`;
  if (!version.latest) {
    const reason = mode === 'auto' ? 'the first rule that produced a tag does not ask for latest' : 'latest=false';
    return { rule, outcome: 'skipped', reason };
  }
  if (tag === undefined) return { rule, outcome: 'skipped', reason: 'the latest tag is not a valid OCI tag' };
  const reason = mode === 'auto' ? 'the first rule that produced a tag asks for latest' : 'latest=true';
  return { rule, outcome: 'latest', tag, reason };
}

function mergeCustom(
  input: MetaInputName,
  base: readonly string[],
  lines: readonly string[],
  render: TemplateRenderer,
  warnings: string[],
): string[] {
  const custom = selectInputLines(lines).map((line) => withInputContext(input, line, () => render.renderGlobal(line)));
  const { merged, dropped } = mergeKeyValues([...base, ...custom]);
  warnings.push(...dropped.map((entry) => `${input}: "${entry}" has no "=" and is ignored`));
  return merged;
}

function selectAnnotationLevels(levels: readonly string[] | undefined): string[] {
  const selected = (levels ?? []).map((level) => level.trim()).filter((level) => level !== '');
  for (const level of selected) {
    if (!ANNOTATION_LEVEL_PATTERN.test(level)) {
      throw new MetaInputError(
        'options',
        level,
        'unknown annotation level (expected manifest, index, manifest-descriptor or index-descriptor)',
      );
    }
  }
  return selected.length === 0 ? [...DEFAULT_ANNOTATION_LEVELS] : selected;
}
