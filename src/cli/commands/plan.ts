import { resolve } from 'node:path';
import { CI_SYSTEMS, type CiSystem } from '../../config/schema/primitives.js';
import { planPipeline } from '../../model/plan-pipeline.js';
import { describePlanTags } from '../../plan/describe-plan-tags.js';
import { describePlan } from '../../plan/describe-plan.js';
import { parsePlanEvent, PlanEventError } from '../../plan/plan-event.js';
import { renderPlanJson } from '../../plan/render-plan-json.js';
import { renderPlanMarkdown } from '../../plan/render-plan-markdown.js';
import { renderPlanMermaid } from '../../plan/render-plan-mermaid.js';
import { renderPlanText } from '../../plan/render-plan-text.js';
import { computePlanCosts, DEFAULT_COST_RATES, DEFAULT_IMAGE_SIZE_MB } from '../../plan/plan-cost.js';
import { renderPlanCostJson, renderPlanCostText } from '../../plan/render-plan-cost.js';
import { readDefaultBranch } from '../../io/read-default-branch.js';
import { MetaInputError } from '../../tags/meta-error.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import { UsageError } from '../usage-error.js';
import type { PlanOptions } from './plan-args.js';

export type { PlanOptions };

/** Output formats of `dockyard plan`. */
export const PLAN_FORMATS = ['text', 'json', 'mermaid', 'md'] as const;
type PlanFormat = (typeof PLAN_FORMATS)[number];

/**
 * `dockyard plan`: print the jobs of the current config in dependency order (platform, runner, gates, what each
 * publishes), optionally the tags an event produces (`--event`, `--ref`) and whether the pipeline runs and publishes
 * for it (the config's triggers; the default branch from `--default-branch`, else git's `refs/remotes/origin/HEAD`,
 * else `main`, said on stderr), as text, JSON, Mermaid or Markdown.
 *
 * @returns 0; 1 for an invalid config, a `--ci` the config does not target, or a bad `--event`/`--ref`/`--sha`.
 * With `--cost` it prints, instead, what a publishing and a pull-request run cost on each CI system the config
 * targets (or `--ci`), as a table or `--json` (`computePlanCosts`, docs/plan.md "Cost").
 *
 * @throws {UsageError} for an unknown `--format` or `--ci` value, two output formats at once, an `--image-size` that is
 *   not a positive number or given without `--cost`, or `--cost` with a format other than text or json.
 */
export async function runPlan(
  options: PlanOptions,
  output: Output,
  now: () => Date = () => new Date(),
): Promise<number> {
  const format = selectFormat(options);
  const imageSizeMb = parseImageSize(options);
  if (options.cost && format !== 'text' && format !== 'json')
    throw new UsageError(`--cost prints text or json, got --format ${format}`);
  if (options.ci !== undefined && !(CI_SYSTEMS as readonly string[]).includes(options.ci)) {
    throw new UsageError(`--ci must be ${CI_SYSTEMS.join(' or ')}, got "${options.ci}"`);
  }
  const loaded = await loadValidatedConfig(resolve(options.dir ?? '.'), options.config, output);
  if (!loaded) return 1;
  const { config } = loaded;
  const ci = (options.ci ?? config.ci[0]) as CiSystem;
  if (!config.ci.includes(ci)) {
    output.err(`dockyard plan: --ci ${ci}: ${loaded.relativePath} does not target ${ci} (ci: ${config.ci.join(', ')})`);
    return 1;
  }
  if (options.cost) {
    // The cost model does not depend on the cache mode (the one setting that may differ per CI system).
    const costs = computePlanCosts(
      planPipeline(config),
      options.ci !== undefined ? [ci] : config.ci,
      imageSizeMb,
      DEFAULT_COST_RATES,
    );
    const lines =
      format === 'json'
        ? [renderPlanCostJson(costs)]
        : renderPlanCostText(config.image.name, costs, imageSizeMb, DEFAULT_COST_RATES);
    for (const line of lines) output.out(line);
    return 0;
  }
  const wantsTags = [options.event, options.ref, options.sha, options['default-branch']].some((v) => v !== undefined);
  let defaultBranch = options['default-branch'];
  if (wantsTags && defaultBranch === undefined) {
    defaultBranch = await readDefaultBranch(resolve(options.dir ?? '.'));
    if (defaultBranch === undefined)
      output.err('dockyard plan: --default-branch: no refs/remotes/origin/HEAD in git to read it from; took main');
  }
  try {
    const tags = wantsTags
      ? describePlanTags(
          config,
          ci,
          parsePlanEvent({ event: options.event, ref: options.ref, sha: options.sha, defaultBranch }),
          now(),
        )
      : undefined;
    const view = describePlan(planPipeline(config, ci), ci, config.ci, tags);
    const lines =
      format === 'json'
        ? [renderPlanJson(view)]
        : format === 'mermaid'
          ? renderPlanMermaid(view)
          : format === 'md'
            ? renderPlanMarkdown(view)
            : renderPlanText(view);
    for (const line of lines) output.out(line);
    return 0;
  } catch (error) {
    if (error instanceof PlanEventError || error instanceof MetaInputError) {
      output.err(`dockyard plan: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `--image-size` in MB: a positive, finite decimal number; only with `--cost`. */
function parseImageSize(options: PlanOptions): number {
  const raw = options['image-size'];
  if (raw === undefined) return DEFAULT_IMAGE_SIZE_MB;
  if (!options.cost)
    throw new UsageError(
      `--image-size: only used with --cost; expected --cost --image-size MB, got --image-size ${raw} without --cost`,
    );
  const value = /^\s*(\d+(\.\d+)?|\.\d+)\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value > 0) || !Number.isFinite(value))
    throw new UsageError(
      `--image-size: not a positive number; expected megabytes greater than 0 (e.g. 300 or 12.5; 1 MB = 1,000,000 bytes), got "${raw}"`,
    );
  return value;
}

function selectFormat(options: PlanOptions): PlanFormat {
  const asked = [
    ...(options.format !== undefined ? [options.format] : []),
    ...(options.json ? ['json'] : []),
    ...(options.mermaid ? ['mermaid'] : []),
  ];
  for (const format of asked) {
    if (!(PLAN_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${PLAN_FORMATS.join(', ')}, got "${format}"`);
  }
  if (new Set(asked).size > 1) throw new UsageError(`choose one output format, got ${asked.join(' and ')}`);
  return (asked[0] ?? 'text') as PlanFormat;
}
