import type { DockyardConfig } from '../config/schema/index.js';
import type { CiSystem } from '../config/schema/primitives.js';
import { metadataLines } from '../emit/metadata-lines.js';
import { planPipeline } from '../model/plan-pipeline.js';
import { targetOf } from '../targets/registry.js';
import type { MetaInputs } from '../tags/compute-meta.js';

/**
 * The metadata inputs a project's pipeline passes on `ci`: the registries' image references (GitLab's
 * `$CI_REGISTRY_IMAGE`-style references expanded from `env`, as GitLab does), and the tag strategy as
 * metadata-action lines. What `dockyard meta --ci` previews is therefore what the pipeline computes.
 */
export function metaInputsForCi(
  config: DockyardConfig,
  ci: CiSystem,
  env: Readonly<Record<string, string | undefined>>,
): MetaInputs {
  const pipeline = planPipeline(config);
  // GitLab writes its own registry as `$CI_REGISTRY_IMAGE`: expanded from the job's environment here.
  const refs = targetOf(ci)
    .registryRefsOf(pipeline)
    .map((ref) => expandVariables(ref, env));
  const lines = metadataLines(pipeline);
  return { images: refs, tags: lines.tags, flavor: lines.flavor, labels: lines.labels, annotations: lines.annotations };
}

/** Expand `$VAR` and `${VAR}` from `env` (unset variables expand to nothing, as in GitLab). */
export function expandVariables(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? '',
  );
}
