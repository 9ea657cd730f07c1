import type { DockyardConfig } from '../config/schema/index.js';
import type { CiSystem } from '../config/schema/primitives.js';
import { metaInputsForCi } from '../synth/meta-inputs.js';
import { computeMeta } from '../tags/compute-meta.js';
import type { EventContext } from '../tags/event-context.js';
import { planTriggerSpec } from '../model/trigger-targets.js';
import { decidePlanRun } from './decide-plan-run.js';

/** The tags one event would produce, as `dockyard plan` shows them. */
export interface PlanTags {
  /** Event name (`push`, `pull_request`, `schedule`, `workflow_dispatch`, `repository_dispatch`). */
  readonly event: string;
  /** Full ref, e.g. `refs/tags/v1.2.3`. */
  readonly ref: string;
  /** The version (main tag), or null when no rule produced a tag. */
  readonly version: string | null;
  /** Whether the `latest` tag is among {@link names}. */
  readonly latest: boolean;
  /** Tag names in the engine's order (main, partials, latest), the same on every registry. */
  readonly names: readonly string[];
  /** Whether the pipeline runs at all for this event and ref (the config's triggers; {@link decidePlanRun}). */
  readonly runs: boolean;
  /**
   * Whether the publish stage runs for this event: false when the pipeline does not run, and for pull requests
   * (nothing is pushed; the tags are what the build job labels the candidate with). On GitLab publish jobs also
   * need a protected branch or tag.
   */
  readonly published: boolean;
  /** Why it runs or not and publishes or not, in words (see {@link decidePlanRun}). */
  readonly reason: string;
  /** The engine's warnings (unparsable versions, dropped tags…). */
  readonly warnings: readonly string[];
}

/**
 * Compute whether the pipeline runs and publishes for an event ({@link decidePlanRun} on the config's triggers and
 * the context's default branch) and the tags it would produce with the project's tag strategy, through the same inputs the pipeline
 * passes to docker/metadata-action (GitHub) or dockyard's engine (GitLab): {@link metaInputsForCi} and
 * {@link computeMeta}. Tag names only; the registries they go to are the pipeline's.
 *
 * @throws {import('../tags/meta-error.js').MetaInputError} when a rule cannot be rendered for this event.
 */
export function describePlanTags(config: DockyardConfig, ci: CiSystem, context: EventContext, clock: Date): PlanTags {
  const inputs = { ...metaInputsForCi(config, ci, {}), images: [] };
  const result = computeMeta(inputs, context, clock);
  const decision = decidePlanRun(planTriggerSpec(config), ci, {
    event: context.eventName,
    ref: context.ref,
    defaultBranch: context.defaultBranch ?? 'main',
    baseBranch: context.baseRef,
  });
  return {
    event: context.eventName,
    ref: context.ref,
    version: result.version.main,
    latest: result.version.latest,
    names: result.json['tag-names'],
    runs: decision.runs,
    published: decision.published,
    reason: decision.reason,
    warnings: result.warnings,
  };
}
