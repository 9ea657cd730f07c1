import { z } from 'zod';
import { repositoryPathSchema, secretNameSchema } from './primitives.js';

/** Names of the secrets holding a registry's username and password (or token). */
export const credentialsSchema = z
  .strictObject({
    /** Secret/variable holding the registry username. */
    username: secretNameSchema.describe('Secret/variable holding the registry username.'),
    /** Secret/variable holding the registry password or access token. */
    password: secretNameSchema.describe('Secret/variable holding the registry password or access token.'),
  })
  .describe('Registry credentials, by secret name.');

/**
 * Credentials per CI system, for a registry whose default login exists on one CI system only: ghcr
 * (`GITHUB_TOKEN` on GitHub, a PAT on GitLab) and the GitLab registry (`CI_REGISTRY_*` on GitLab, a deploy token on
 * GitHub). A CI system left out keeps that registry's default there.
 *
 * @example `credentials: { gitlab: { username: 'GHCR_USER', password: 'GHCR_TOKEN' } }` (ghcr: GITHUB_TOKEN on GitHub)
 */
export const perCiCredentialsSchema = z
  .strictObject({
    /** Credentials used on GitHub Actions. Default: the registry's GitHub default. */
    github: credentialsSchema
      .optional()
      .describe("Credentials used on GitHub Actions. Default: the registry's GitHub default."),
    /** Credentials used on GitLab CI. Default: the registry's GitLab default. */
    gitlab: credentialsSchema
      .optional()
      .describe("Credentials used on GitLab CI. Default: the registry's GitLab default."),
  })
  .describe("Credentials per CI system; a CI system left out keeps the registry's default login there.");

/** `{ username, password }` for every CI system, or `{ github?, gitlab? }` per CI system. */
const ciCredentialsSchema = z.union([credentialsSchema, perCiCredentialsSchema]);

const repository = repositoryPathSchema
  .optional()
  .describe(
    'Repository path in this registry. Default: `image.name` (GitLab registry: the project path, `$CI_REGISTRY_IMAGE`).',
  );

/**
 * GitHub Container Registry. On GitHub it logs in with `GITHUB_TOKEN` (the push jobs get `packages: write`);
 * elsewhere `credentials` are required.
 *
 * @see https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry
 */
export const ghcrRegistrySchema = z.strictObject({
  /** Registry kind. */
  type: z.literal('ghcr'),
  repository,
  /** Required outside GitHub Actions. Default on GitHub: `GITHUB_TOKEN`. Per CI system: `{ gitlab: { username, password } }` keeps `GITHUB_TOKEN` on GitHub. */
  credentials: ciCredentialsSchema
    .optional()
    .describe(
      'Required outside GitHub Actions. Default on GitHub: `GITHUB_TOKEN`. Per CI system: `{ gitlab: { username, password } }` keeps `GITHUB_TOKEN` on GitHub.',
    ),
});

/**
 * Docker Hub (`docker.io`).
 *
 * @see https://docs.docker.com/security/for-developers/access-tokens/
 */
export const dockerhubRegistrySchema = z.strictObject({
  /** Registry kind. */
  type: z.literal('dockerhub'),
  repository,
  /** Default `{ username: "DOCKERHUB_USERNAME", password: "DOCKERHUB_TOKEN" }`. */
  credentials: credentialsSchema
    .default({ username: 'DOCKERHUB_USERNAME', password: 'DOCKERHUB_TOKEN' })
    .describe('Default `{ username: "DOCKERHUB_USERNAME", password: "DOCKERHUB_TOKEN" }`.'),
});

/**
 * A registry host, `host[:port]` in lower case (image references are lower case; an upper-case host would never match
 * the tagged references the manifest job publishes).
 *
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
const registryHostSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/, { message: 'not a registry host (host[:port], lower case)' });

/**
 * The GitLab container registry. In GitLab CI it logs in with `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD`
 * at `CI_REGISTRY`; elsewhere `host` and `credentials` are required.
 *
 * @see https://docs.gitlab.com/user/packages/container_registry/authenticate_with_container_registry/
 */
export const gitlabRegistrySchema = z.strictObject({
  /** Registry kind. */
  type: z.literal('gitlab'),
  /** Registry host, e.g. `registry.gitlab.com`: required outside GitLab CI; default in GitLab CI: `$CI_REGISTRY`. */
  host: registryHostSchema
    .optional()
    .describe(
      'Registry host, e.g. `registry.gitlab.com`: required outside GitLab CI; default in GitLab CI: `$CI_REGISTRY`.',
    ),
  repository,
  /** Required outside GitLab CI. Default in GitLab CI: `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD`. Per CI system: `{ github: { username, password } }` keeps those on GitLab. */
  credentials: ciCredentialsSchema
    .optional()
    .describe(
      'Required outside GitLab CI. Default in GitLab CI: `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD`. Per CI system: `{ github: { username, password } }` keeps those on GitLab.',
    ),
});

/** Any other OCI registry, with named username/password secrets. */
export const genericRegistrySchema = z.strictObject({
  /** Registry kind. */
  type: z.literal('generic'),
  /** Registry host, e.g. `registry.example.com` or `registry.example.com:5000`. */
  host: registryHostSchema.describe('Registry host, e.g. `registry.example.com` or `registry.example.com:5000`.'),
  repository,
  /** Names of the secrets holding username and password. Required. */
  credentials: credentialsSchema,
});

/** One registry to publish to, discriminated by `type`. */
export const registrySchema = z
  .discriminatedUnion('type', [
    ghcrRegistrySchema,
    dockerhubRegistrySchema,
    gitlabRegistrySchema,
    genericRegistrySchema,
  ])
  .describe('A registry to publish to: `ghcr`, `dockerhub`, `gitlab` or `generic`.');

/** One registry entry as the config holds it after validation. */
type RegistryEntry = z.output<typeof registrySchema>;

/** A registry's kind: `ghcr`, `dockerhub`, `gitlab` or `generic` (the `type` of {@link registrySchema}). */
export type RegistryType = RegistryEntry['type'];

/**
 * The registry kinds whose credentials may be given per CI system (`{ github?, gitlab? }`): the two whose default
 * login exists on one CI system only (ghcr's `GITHUB_TOKEN`, the GitLab registry's `CI_REGISTRY_*`).
 */
export const PER_CI_CREDENTIALS_TYPES = ['ghcr', 'gitlab'] as const satisfies readonly RegistryType[];

/** One of {@link PER_CI_CREDENTIALS_TYPES}. */
export type PerCiCredentialsType = (typeof PER_CI_CREDENTIALS_TYPES)[number];

/**
 * Whether a registry entry (as configured, or as the model resolved it) may take its credentials per CI system.
 *
 * @example `hasPerCiCredentials({ type: 'ghcr' })` → `true`; `hasPerCiCredentials({ type: 'dockerhub', … })` → `false`
 */
export function hasPerCiCredentials<T extends { readonly type: string }>(
  registry: T,
): registry is T & { readonly type: PerCiCredentialsType } {
  return (PER_CI_CREDENTIALS_TYPES as readonly string[]).includes(registry.type);
}

/**
 * Whether a registry entry (or a CI system's own registry, `CiTarget.ownRegistry`) is the GitLab container registry
 * (`type: "gitlab"`, {@link gitlabRegistrySchema}): the one whose host and repository default to GitLab CI's
 * `$CI_REGISTRY` / `$CI_REGISTRY_IMAGE` there.
 *
 * @example `isGitlabRegistry({ type: 'gitlab' })` → `true`
 */
export function isGitlabRegistry<T extends { readonly type: string }>(
  registry: T,
): registry is T & { readonly type: typeof gitlabRegistrySchema.shape.type.value } {
  return registry.type === gitlabRegistrySchema.shape.type.value;
}
