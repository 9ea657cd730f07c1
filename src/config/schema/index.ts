import { z } from 'zod';
import { buildSecretSchema, imageSchema } from './image.js';
import { CI_SYSTEMS, PLATFORM_IDS, outputPathSchema, refuseGithubExpression } from './primitives.js';
import { handoffSchema } from './handoff.js';
import { registrySchema } from './registry.js';
import { scanSchema, testSchema } from './gates.js';
import { sbomSchema, signingSchema } from './supply-chain.js';
import { lintSchema, sizeSchema } from './verify-gates.js';
import { DEFAULT_TAGS, flavorSchema, tagSchema } from './tags.js';
import { concurrencySchema, triggersSchema } from './triggers.js';
import { deploySchema, notifySchema } from './deploy-notify.js';
import { OUTPUT_MODES, reusableSchema } from './reusable.js';
import { githubRepositorySchema } from './github-repository.js';

/**
 * Build-cache modes.
 * - `gha`: GitHub Actions cache service (GitHub only).
 * - `registry`: a cache image per platform next to the image in the first registry (`mode=max`).
 * - `inline`: cache metadata embedded in the published image (GitHub only).
 * - `local`: a directory kept with the CI system's own cache (actions/cache, GitLab `cache:`).
 * - `none`: no cache.
 *
 * @see https://docs.docker.com/build/cache/backends/
 */
export const CACHE_MODES = ['gha', 'registry', 'inline', 'local', 'none'] as const;

/**
 * The build cache: one mode for every CI system, or a mode per CI system (`{ github: 'gha', gitlab: 'registry' }`;
 * a CI system left out gets `registry`), for settings that exist on one CI system only.
 *
 * @example `cache: 'registry'`
 * @example `cache: { github: 'gha', gitlab: 'registry' }`
 * @see https://docs.docker.com/build/cache/backends/
 */
export const cacheSchema = z.union([
  z.enum(CACHE_MODES),
  z
    .strictObject({
      /** The cache mode on GitHub Actions. Default `registry`. */
      github: z.enum(CACHE_MODES).optional().describe('The cache mode on GitHub Actions. Default `registry`.'),
      /** The cache mode on GitLab CI. Default `registry`. */
      gitlab: z.enum(CACHE_MODES).optional().describe('The cache mode on GitLab CI. Default `registry`.'),
    })
    .describe('A cache mode per CI system; a CI system left out gets `registry`.'),
]);

/**
 * Annotation levels: `manifest` (each platform's image manifest, at build time) and `index` (the image index
 * created by the manifest job; the same annotations, as Docker's own multi-runner workflows convert them).
 *
 * @see https://docs.docker.com/build/metadata/annotations/#specify-annotation-level
 */
export const ANNOTATION_LEVELS = ['manifest', 'index'] as const;

/**
 * How a platform's jobs run: on a runner of that architecture, or emulated with QEMU on an amd64 runner.
 *
 * @see https://docs.docker.com/build/building/multi-platform/#strategies
 */
export const BUILD_STRATEGIES = ['auto', 'native', 'qemu'] as const;
/** A platform's build strategy (see {@link BUILD_STRATEGIES}). */
export type BuildStrategy = (typeof BUILD_STRATEGIES)[number];

/**
 * A platform to build for: an `os/arch[/variant]` string, or an object that also picks the runner.
 *
 * @see https://docs.docker.com/build/building/multi-platform/
 */
export const platformSchema = z.union([
  z.enum(PLATFORM_IDS),
  z.strictObject({
    /** The platform, as `os/arch[/variant]`. */
    platform: z.enum(PLATFORM_IDS).describe('The platform, as `os/arch[/variant]`.'),
    /** `native`: a runner of this architecture (fast); `qemu`: an amd64 runner emulating it (often 5-20x slower); `auto`: native where a hosted runner exists (linux/arm64), else QEMU. Default `auto`. */
    strategy: z
      .enum(BUILD_STRATEGIES)
      .default('auto')
      .describe(
        '`native`: a runner of this architecture (fast); `qemu`: an amd64 runner emulating it (often 5-20x slower); `auto`: native where a hosted runner exists (linux/arm64), else QEMU. Default `auto`.',
      ),
    /** Runner overrides per CI system (defaults pick native runners where they exist). */
    runner: z
      .strictObject({
        /** `runs-on` label; `${{` is refused (GitHub would evaluate it). Default: `ubuntu-24.04`, `ubuntu-24.04-arm` for linux/arm64. */
        github: z
          .string()
          .min(1)
          .superRefine(refuseGithubExpression)
          .optional()
          .describe(
            '`runs-on` label; `${{` is refused (GitHub would evaluate it). Default: `ubuntu-24.04`, `ubuntu-24.04-arm` for linux/arm64.',
          ),
        /** Runner tag. Default: `saas-linux-small-arm64` for linux/arm64, `saas-linux-small-amd64` otherwise; a pipeline whose platforms all use one tag sets none. */
        gitlab: z
          .string()
          .min(1)
          .optional()
          .describe(
            'Runner tag. Default: `saas-linux-small-arm64` for linux/arm64, `saas-linux-small-amd64` otherwise; a pipeline whose platforms all use one tag sets none.',
          ),
      })
      .optional()
      .describe('Runner overrides per CI system (defaults pick native runners where they exist).'),
  }),
]);

/** Where the generated files go, relative to the config file's directory; `synth` also refuses to write through a symlink that leaves the project. */
export const outputSchema = z
  .strictObject({
    /** Path of the GitHub workflow, inside the project (no leading `/`, no `..`). Default `.github/workflows/dockyard.yml`. */
    github: outputPathSchema
      .default('.github/workflows/dockyard.yml')
      .describe(
        'Path of the GitHub workflow, inside the project (no leading `/`, no `..`). Default `.github/workflows/dockyard.yml`.',
      ),
    /** Path of the GitLab CI file, inside the project (no leading `/`, no `..`). Default `.gitlab-ci.yml`. */
    gitlab: outputPathSchema
      .default('.gitlab-ci.yml')
      .describe('Path of the GitLab CI file, inside the project (no leading `/`, no `..`). Default `.gitlab-ci.yml`.'),
    /** The pipeline's name: GitHub's workflow `name:` (the Actions tab) and the start of GitLab's `workflow:name` (`<name>: <ref>`). Give each config of a repository its own. Default `dockyard`. */
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\n\r$]*$/, { message: 'one line without `$` (no CI expressions or variables)' })
      .optional()
      .describe(
        "The pipeline's name: GitHub's workflow `name:` (the Actions tab) and the start of GitLab's `workflow:name` (`<name>: <ref>`). Give each config of a repository its own. Default `dockyard`.",
      ),
    /** `workflow`: one self-contained pipeline file per CI system; `reusable`: a GitHub reusable workflow and a GitLab CI/CD component (parametric, defaults from this config) plus thin callers at the paths above (docs/reusable-outputs.md). Default `workflow`. */
    mode: z
      .enum(OUTPUT_MODES)
      .default('workflow')
      .describe(
        '`workflow`: one self-contained pipeline file per CI system; `reusable`: a GitHub reusable workflow and a GitLab CI/CD component (parametric, defaults from this config) plus thin callers at the paths above (docs/reusable-outputs.md). Default `workflow`.',
      ),
    /** Settings of mode `reusable` (name, central repositories). Default: name `dockyard-image`, local references. */
    reusable: reusableSchema
      .optional()
      .describe(
        'Settings of mode `reusable` (name, central repositories). Default: name `dockyard-image`, local references.',
      ),
  })
  .describe('Output file paths relative to the config directory.');

/**
 * The dockyard configuration: the single source of truth for the TypeScript types, the published JSON Schema
 * (`schema/dockyard.schema.json`) and docs/config-reference.md. Unknown keys are errors at every level.
 */
export const configSchema = z
  .strictObject({
    /** JSON Schema reference for editors; ignored. */
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
    /** CI systems to render pipelines for: `["github"]`, `["gitlab"]` or both. */
    ci: z
      .array(z.enum(CI_SYSTEMS))
      .min(1)
      .describe('CI systems to render pipelines for: `["github"]`, `["gitlab"]` or both.')
      .meta({ examples: [['github', 'gitlab']] }),
    /** The image to build: name, context, Dockerfile, production target, build args and secrets. */
    image: imageSchema,
    /** Registries to publish to. Default: `ghcr` on GitHub, the GitLab registry on GitLab. */
    registries: z
      .array(registrySchema)
      .min(1)
      .optional()
      .describe('Registries to publish to. Default: `ghcr` on GitHub, the GitLab registry on GitLab.')
      .meta({ examples: [[{ type: 'ghcr' }, { type: 'dockerhub', repository: 'acme/api' }]] }),
    /** Platforms to build, each in its own job. Default `["linux/amd64"]`. */
    platforms: z
      .array(platformSchema)
      .min(1)
      .default(['linux/amd64'])
      .describe('Platforms to build, each in its own job. Default `["linux/amd64"]`.')
      .meta({
        examples: [
          ['linux/amd64', 'linux/arm64'],
          ['linux/amd64', { platform: 'linux/arm64', strategy: 'qemu' }],
        ],
      }),
    /** Tag rules (metadata-action syntax). Default: schedule, branch, tag and PR refs. */
    tags: z
      .array(tagSchema)
      .min(1)
      .default([...DEFAULT_TAGS])
      .describe('Tag rules (metadata-action syntax). Default: schedule, branch, tag and PR refs.')
      .meta({ examples: [['type=semver,pattern={{version}}', 'type=ref,event=branch', 'type=sha']] }),
    /** Extra or overriding image labels, `key=value` lines (expressions such as `{{date 'YYYY'}}` allowed). Default `[]`. */
    labels: z
      .array(z.string().regex(/^[^=\s][^=]*=/, { message: 'not a key=value line' }))
      .default([])
      .describe(
        "Extra or overriding image labels, `key=value` lines (expressions such as `{{date 'YYYY'}}` allowed). Default `[]`.",
      )
      .meta({ examples: [['org.opencontainers.image.vendor=Acme']] }),
    /** Extra or overriding manifest annotations, `key=value` lines. Default `[]`. */
    annotations: z
      .array(z.string().regex(/^[^=\s][^=]*=/, { message: 'not a key=value line' }))
      .default([])
      .describe('Extra or overriding manifest annotations, `key=value` lines. Default `[]`.')
      .meta({ examples: [['org.opencontainers.image.description=The Acme API']] }),
    /**
     * Where the annotations go: `manifest` (each platform's image manifest, set at build time) and/or `index` (the
     * image index the manifest job creates). Default `["manifest"]`. See https://docs.docker.com/build/metadata/annotations/
     */
    annotationLevels: z
      .array(z.enum(ANNOTATION_LEVELS))
      .min(1)
      .refine((levels) => new Set(levels).size === levels.length, { message: 'lists a level twice' })
      .default(['manifest'])
      .describe(
        'Where the annotations go: `manifest` (each platform\'s image manifest, set at build time) and/or `index` (the image index the manifest job creates). Default `["manifest"]`. See https://docs.docker.com/build/metadata/annotations/',
      ),
    /** Global tag flavor (metadata-action `flavor`). Default `{ latest: "auto", prefix: "", suffix: "", onlatest: false }`. */
    flavor: flavorSchema.default({ latest: 'auto', prefix: '', suffix: '', onlatest: false }),
    /** Build cache mode (one of `gha`, `registry`, `inline`, `local`, `none`), or one per CI system: `{ github: 'gha', gitlab: 'registry' }` (a CI system left out gets `registry`). Default `registry`. */
    cache: cacheSchema
      .default('registry')
      .describe(
        "Build cache mode (one of `gha`, `registry`, `inline`, `local`, `none`), or one per CI system: `{ github: 'gha', gitlab: 'registry' }` (a CI system left out gets `registry`). Default `registry`.",
      )
      .meta({ examples: ['gha', { github: 'gha', gitlab: 'registry' }] }),
    /** How each candidate reaches test, scan and push: `"artifact"` (an OCI archive as a CI artifact) or `"registry"` (pushed untagged, by digest, to a staging repository in the first registry; for large images); `{ mode, staging: { repository } }` names the staging repository. Default `"artifact"`. */
    handoff: handoffSchema
      .default('artifact')
      .describe(
        'How each candidate reaches test, scan and push: `"artifact"` (an OCI archive as a CI artifact) or `"registry"` (pushed untagged, by digest, to a staging repository in the first registry; for large images); `{ mode, staging: { repository } }` names the staging repository. Default `"artifact"`.',
      )
      .meta({ examples: ['registry', { mode: 'registry', staging: { repository: 'acme/api-candidates' } }] }),
    /** How the candidate is tested before it may be pushed: `{ target }` (a Dockerfile test stage), `{ commands }`, or both. Required. */
    test: testSchema,
    /** The image size gate: fail or warn when the candidate exceeds a limit in MB. Default: no size gate. */
    size: sizeSchema.optional(),
    /** The Dockerfile lint gate (hadolint, before the build). Default: no lint gate. */
    lint: lintSchema.optional(),
    /** The vulnerability scan gate. Default `{ scanner: "trivy", severities: ["CRITICAL", "HIGH"], ignoreUnfixed: false, report: false }`. */
    scan: scanSchema.default({
      scanner: 'trivy',
      severities: ['CRITICAL', 'HIGH'],
      ignoreUnfixed: false,
      report: false,
    }),
    /** The SBOM gate (Syft on every platform candidate). Default: off. */
    sbom: sbomSchema.optional(),
    /** Keyless cosign signing and provenance of the published images. Default: off. */
    signing: signingSchema.optional(),
    /** Deployment of the published image to environments, in order (after signing, when on). Default: none. */
    deploy: deploySchema.optional(),
    /** Notifications to Slack and Microsoft Teams webhooks on failure and/or success. Default: none. */
    notify: notifySchema.optional(),
    /** When pipelines run. Default: pushes to `main` and `v*` tags, pull/merge requests, manual runs. */
    triggers: triggersSchema.default({
      branches: ['main'],
      tags: ['v*'],
      pullRequests: true,
      schedule: [],
      manual: true,
      paths: [],
    }),
    /** Cancelling superseded builds of the same ref; publishing is never cancelled half-way. Default `{ cancelSuperseded: true }`. */
    concurrency: concurrencySchema.default({ cancelSuperseded: true }),
    /** The GitHub repository's visibility and plan, which decide attestations, the code scanning upload and the artifact storage estimate. Default: a public repository. */
    github: githubRepositorySchema.optional(),
    /** Output file paths relative to the config directory. */
    output: outputSchema.default({
      github: '.github/workflows/dockyard.yml',
      gitlab: '.gitlab-ci.yml',
      mode: 'workflow',
    }),
  })
  .describe('dockyard configuration (dockyard.config.ts).');

/** The configuration as written by a user (defaults not yet applied). */
export type DockyardConfigInput = z.input<typeof configSchema>;
/** The configuration after validation, with every default applied. */
export type DockyardConfig = z.output<typeof configSchema>;
/** A registry entry after validation. */
export type RegistryConfig = z.output<typeof registrySchema>;
/** A BuildKit secret reference. */
export type BuildSecretConfig = z.output<typeof buildSecretSchema>;
/** A platform entry after validation. */
export type PlatformConfig = z.output<typeof platformSchema>;
/** One of {@link ANNOTATION_LEVELS}. */
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];
/** The `handoff` value after validation: a mode, or `{ mode, staging }`. */
export type HandoffConfig = z.output<typeof configSchema>['handoff'];
/** The `github` block after validation (visibility and plan defaulted). */
export type GithubRepositoryConfig = z.output<typeof githubRepositorySchema>;
/** One of {@link CACHE_MODES}. */
export type CacheMode = (typeof CACHE_MODES)[number];
/** The `cache` value after validation: a mode, or a mode per CI system (see {@link cacheSchema}). */
export type CacheConfig = z.output<typeof cacheSchema>;
