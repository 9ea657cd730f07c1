import { z } from 'zod';
import { repositoryPathSchema } from './primitives.js';

/**
 * How the build job hands each platform's candidate image to the test, scan and push jobs.
 * - `artifact`: an OCI archive (`image.tar`) and its digest travel as a CI artifact; push publishes the archive.
 * - `registry`: the build job pushes the candidate, untagged and by digest, to a staging repository; test and
 *   scan pull that digest; push copies exactly that digest to every registry. For images too large for artifacts.
 *
 * In both modes the digest is recorded at build time and the push job refuses to publish a different one.
 *
 * @see https://docs.docker.com/build/ci/github-actions/multi-platform/#distribute-build-across-multiple-runners
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
 */
export const HANDOFF_MODES = ['artifact', 'registry'] as const;

/** One of {@link HANDOFF_MODES}. */
export type HandoffMode = (typeof HANDOFF_MODES)[number];

/**
 * The staging repository of `handoff: "registry"`. It lives in the first registry (whose credentials the jobs
 * reuse) and holds only untagged candidates, so a cleanup policy that deletes untagged manifests there can never
 * touch a published image.
 */
export const stagingSchema = z
  .strictObject({
    /** Repository path in the first registry for the untagged candidates. Default: that registry's repository + `/staging` (GitLab registry: `$CI_REGISTRY_IMAGE/staging`). Required when the first registry is Docker Hub, which has no nested repositories. */
    repository: repositoryPathSchema
      .optional()
      .describe(
        "Repository path in the first registry for the untagged candidates. Default: that registry's repository + `/staging` (GitLab registry: `$CI_REGISTRY_IMAGE/staging`). Required when the first registry is Docker Hub, which has no nested repositories.",
      ),
  })
  .describe('The staging repository of handoff mode `registry`, in the first registry.');

/**
 * The handoff: a mode string, or `{ mode, staging }` to name the staging repository.
 *
 * @example `handoff: 'registry'`
 * @example `handoff: { mode: 'registry', staging: { repository: 'acme/api-candidates' } }`
 */
export const handoffSchema = z.union([
  z.enum(HANDOFF_MODES),
  z.strictObject({
    /** `artifact`: an OCI archive travels as a CI artifact; `registry`: the candidate is pushed untagged, by digest, to a staging repository. */
    mode: z
      .enum(HANDOFF_MODES)
      .describe(
        '`artifact`: an OCI archive travels as a CI artifact; `registry`: the candidate is pushed untagged, by digest, to a staging repository.',
      ),
    /** The staging repository (mode `registry` only). */
    staging: stagingSchema.optional().describe('The staging repository (mode `registry` only).'),
  }),
]);
