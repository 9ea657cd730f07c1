import { z } from 'zod';
import { REF_EVENTS, SHA_FORMATS } from '../../tags/tag-rule.js';

const common = {
  /** Enable the rule: `true`, `false` or an expression such as `{{is_default_branch}}`. Default `true`. */
  enable: z
    .union([z.boolean(), z.string()])
    .optional()
    .describe('Enable the rule: `true`, `false` or an expression such as `{{is_default_branch}}`. Default `true`.'),
  /** Priority; higher sorts first and decides `latest=auto`. Default: per type. */
  priority: z
    .number()
    .int()
    .optional()
    .describe('Priority; higher sorts first and decides `latest=auto`. Default: per type.'),
  /** Prefix added to the tag. Default empty (`sha-` for `type: sha`). */
  prefix: z.string().optional().describe('Prefix added to the tag. Default empty (`sha-` for `type: sha`).'),
  /** Suffix added to the tag. Default empty. */
  suffix: z.string().optional().describe('Suffix added to the tag. Default empty.'),
};

/**
 * A tag rule as a typed object, with the same attributes as a metadata-action `tags` line.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export const tagObjectSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('schedule'),
    /** Default `nightly`. */
    pattern: z.string().min(1).optional().describe('Default `nightly`.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('semver'),
    /** Handlebars pattern: `{{version}}`, `{{major}}.{{minor}}`, `{{raw}}`, …. */
    pattern: z.string().min(1).describe('Handlebars pattern: `{{version}}`, `{{major}}.{{minor}}`, `{{raw}}`, ….'),
    /** Version to use instead of the git tag. Default: the git tag. */
    value: z.string().optional().describe('Version to use instead of the git tag. Default: the git tag.'),
    /** Regular expression whose first group extracts the version from the git tag. */
    match: z
      .string()
      .optional()
      .describe('Regular expression whose first group extracts the version from the git tag.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('pep440'),
    /** Handlebars pattern over a PEP 440 version: `{{version}}`, `{{major}}.{{minor}}`, …. */
    pattern: z
      .string()
      .min(1)
      .describe('Handlebars pattern over a PEP 440 version: `{{version}}`, `{{major}}.{{minor}}`, ….'),
    /** Version to use instead of the git tag. Default: the git tag. */
    value: z.string().optional().describe('Version to use instead of the git tag. Default: the git tag.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('match'),
    /** JavaScript regular expression applied to the git tag (or `value`). */
    pattern: z.string().min(1).describe('JavaScript regular expression applied to the git tag (or `value`).'),
    /** Capture group to use. Default `0`. */
    group: z.number().int().nonnegative().optional().describe('Capture group to use. Default `0`.'),
    /** String to match instead of the git tag. Default: the git tag. */
    value: z.string().optional().describe('String to match instead of the git tag. Default: the git tag.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('edge'),
    /** Default: the default branch. */
    branch: z.string().optional().describe('Default: the default branch.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('ref'),
    /** Which ref: `branch`, `tag` or `pr`. */
    event: z.enum(REF_EVENTS).describe('Which ref: `branch`, `tag` or `pr`.'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('raw'),
    /** The tag, literally (expressions allowed on GitHub). */
    value: z.string().min(1).describe('The tag, literally (expressions allowed on GitHub).'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('sha'),
    /** Default `short`. */
    format: z.enum(SHA_FORMATS).optional().describe('Default `short`.'),
    ...common,
  }),
]);

/** A tag rule: a metadata-action `tags` line (`type=ref,event=branch`) or a typed object. */
export const tagSchema = z
  .union([z.string().min(1), tagObjectSchema])
  .describe(
    'A metadata-action tags line such as `type=semver,pattern={{version}}`, or a typed object `{ type: "semver", pattern: "{{version}}" }`.',
  );

/**
 * The default tag rules (metadata-action's defaults): schedule, branch, tag (semver `{{version}}`) and PR refs.
 *
 * @see https://github.com/docker/metadata-action#tags-input
 */
export const DEFAULT_TAGS = [
  'type=schedule',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
] as const;

/**
 * Global tag flavor.
 *
 * @see https://github.com/docker/metadata-action#flavor-input
 */
export const flavorSchema = z
  .strictObject({
    /** Add a `latest` tag: `"auto"` (for the highest-priority semver/tag rule on a non-pre-release), `true` or `false`. Default `"auto"`. */
    latest: z
      .union([z.literal('auto'), z.boolean()])
      .default('auto')
      .describe(
        'Add a `latest` tag: `"auto"` (for the highest-priority semver/tag rule on a non-pre-release), `true` or `false`. Default `"auto"`.',
      ),
    /** Prefix added to every tag. Default empty. */
    prefix: z.string().default('').describe('Prefix added to every tag. Default empty.'),
    /** Suffix added to every tag. Default empty. */
    suffix: z.string().default('').describe('Suffix added to every tag. Default empty.'),
    /** Also apply prefix/suffix to `latest`. Default `false`. */
    onlatest: z.boolean().default(false).describe('Also apply prefix/suffix to `latest`. Default `false`.'),
  })
  .describe('Global tag flavor (metadata-action `flavor`).');
