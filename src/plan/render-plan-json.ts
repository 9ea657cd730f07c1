import type { PlanView } from './describe-plan.js';

/**
 * Render a plan as one JSON document (`dockyard plan --json`): the {@link PlanView} itself, keys in a fixed order,
 * two-space indentation, with a `version` field for the shape (docs/plan.md).
 */
export function renderPlanJson(view: PlanView): string {
  return JSON.stringify(view, null, 2);
}
