import { z } from 'zod';
import { repositoryPathSchema, secretNameSchema } from './primitives.js';

/**
 * A BuildKit secret mounted into `RUN --mount=type=secret,id=<id>` steps, passed by reference: the
 * pipeline reads it from the CI secret named `env` and hands BuildKit an environment variable, never the value.
 *
 * @see https://docs.docker.com/build/building/secrets/
 */
export const buildSecretSchema = z
  .strictObject({
    /** The secret id used in the Dockerfile (`RUN --mount=type=secret,id=<id>`). */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, { message: 'not a valid BuildKit secret id (letters, digits, _ . -)' })
      .describe('The secret id used in the Dockerfile (`RUN --mount=type=secret,id=<id>`).'),
    /** Name of the CI secret (GitHub) or CI/CD variable (GitLab) holding the value. */
    env: secretNameSchema.describe('Name of the CI secret (GitHub) or CI/CD variable (GitLab) holding the value.'),
  })
  .describe('A BuildKit secret passed by reference.');

/**
 * The image to build.
 *
 * @see https://docs.docker.com/reference/cli/docker/buildx/build/
 */
export const imageSchema = z
  .strictObject({
    /** Image repository path without registry host, e.g. `acme/api`. Each registry prefixes its host (and may override the path). */
    name: repositoryPathSchema
      .describe(
        'Image repository path without registry host, e.g. `acme/api`. Each registry prefixes its host (and may override the path).',
      )
      .meta({ examples: ['acme/api'] }),
    /** Build context directory, relative to the config file. Default `.`. */
    context: z
      .string()
      .min(1)
      .default('.')
      .describe('Build context directory, relative to the config file. Default `.`.'),
    /** Dockerfile path relative to the config file. Default `<context>/Dockerfile`. */
    dockerfile: z
      .string()
      .min(1)
      .optional()
      .describe('Dockerfile path relative to the config file. Default `<context>/Dockerfile`.'),
    /** The production stage to build and publish. Default: the last stage of the Dockerfile. */
    target: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'not a valid Dockerfile stage name' })
      .optional()
      .describe('The production stage to build and publish. Default: the last stage of the Dockerfile.')
      .meta({ examples: ['production'] }),
    /** Build arguments (`--build-arg KEY=VALUE`), plain non-secret values. Default `{}`. */
    buildArgs: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a valid build-arg name' }), z.string())
      .default({})
      .describe('Build arguments (`--build-arg KEY=VALUE`), plain non-secret values. Default `{}`.')
      .meta({ examples: [{ NODE_VERSION: '24' }] }),
    /** BuildKit secrets passed by reference. Default `[]`. */
    secrets: z
      .array(buildSecretSchema)
      .default([])
      .describe('BuildKit secrets passed by reference. Default `[]`.')
      .meta({ examples: [[{ id: 'npmrc', env: 'NPM_TOKEN' }]] }),
  })
  .describe('The image to build.');
