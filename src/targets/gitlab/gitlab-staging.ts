import { stagingRefOf, type Pipeline } from '../../model/pipeline.js';
import type { GitlabRegistry } from './gitlab-registries.js';

/** The registry handoff on GitLab: the staging repository's reference and the registry (login) that holds it. */
export interface GitlabStaging {
  /** e.g. `$CI_REGISTRY_IMAGE/staging`; expanded by the runner from the job's `DOCKYARD_STAGING` variable. */
  readonly ref: string;
  readonly registry: GitlabRegistry;
}

/**
 * The staging repository on GitLab (default registry: `$CI_REGISTRY_IMAGE/staging`), or undefined with the artifact
 * handoff.
 *
 * @see https://docs.gitlab.com/user/packages/container_registry/#naming-convention-for-your-container-images
 */
export function gitlabStaging(pipeline: Pipeline, registries: readonly GitlabRegistry[]): GitlabStaging | undefined {
  const { handoff } = pipeline;
  if (handoff.mode !== 'registry') return undefined;
  const registry = registries[handoff.staging.registry];
  return { ref: stagingRefOf(handoff.staging, registry), registry };
}

/**
 * Job variables naming the staging repository for the shell fragments (`$DOCKYARD_STAGING`, expanded by the runner
 * when it refers to predefined variables); empty with the artifact handoff.
 *
 * @see https://docs.gitlab.com/ci/variables/#use-cicd-variables-in-other-variables
 */
export function stagingVariables(staging: GitlabStaging | undefined): Record<string, string> {
  return staging ? { DOCKYARD_STAGING: staging.ref } : {};
}

/**
 * First line of the build job with the registry handoff: fail at once, saying why, when the staging registry's
 * password variable is empty in this pipeline (a protected variable on an unprotected branch or in a merge request
 * pipeline, or a fork's pipeline without it), instead of building a candidate nothing could test.
 *
 * @see https://docs.gitlab.com/ci/variables/#protect-a-cicd-variable
 */
export function requireStagingLoginScript(staging: GitlabStaging): string {
  const password = staging.registry.passwordVar;
  return `if [ -z "\${${password}:-}" ]; then echo "dockyard: handoff \\"registry\\" pushes each candidate to $DOCKYARD_STAGING before testing it, but ${password} is not set in this pipeline (protected variables reach only protected branches and tags). Make it available to this ref, or use handoff \\"artifact\\"." >&2; exit 1; fi`;
}

/**
 * Trivy's registry login for the staging repository, from the same CI/CD variables as the registry's own login.
 *
 * @see https://trivy.dev/latest/docs/advanced/private-registries/docker-hub/
 */
export function trivyLoginVariables(staging: GitlabStaging): Record<string, string> {
  return { TRIVY_USERNAME: `$${staging.registry.usernameVar}`, TRIVY_PASSWORD: `$${staging.registry.passwordVar}` };
}
