import { BYTES_PER_MB, type CostRates, type PlanCost } from './plan-cost.js';

/**
 * `dockyard plan --cost --json`: one JSON array, keys in a fixed order (`ci`, `event`, `jobs`, `serialHops`,
 * `artifactBytes: { up, down }`, `runnerMinutes`), two-space indented, so it is byte-identical on any machine.
 */
export function renderPlanCostJson(costs: readonly PlanCost[]): string {
  const ordered = costs.map((c) => ({
    ci: c.ci,
    event: c.event,
    jobs: c.jobs,
    serialHops: c.serialHops,
    artifactBytes: { up: c.artifactBytes.up, down: c.artifactBytes.down },
    runnerMinutes: c.runnerMinutes,
  }));
  return JSON.stringify(ordered, null, 2);
}

const EVENT_LABEL: Record<PlanCost['event'], string> = { push: 'publishing run (push)', pull_request: 'pull request' };

/** Megabytes with up to one decimal, no locale (`1,800` would differ by machine). */
function formatMb(bytes: number): string {
  return `${Math.round((bytes / BYTES_PER_MB) * 10) / 10} MB`;
}

/**
 * `dockyard plan --cost`: a table per CI system (one row per event) and the assumptions behind the figures.
 *
 * @param imageSizeMb the per-platform image size the figures assume, in MB.
 */
export function renderPlanCostText(
  image: string,
  costs: readonly PlanCost[],
  imageSizeMb: number,
  rates: CostRates,
): string[] {
  const lines = [
    `dockyard plan --cost for ${image} (image size ${imageSizeMb} MB per platform, 1 MB = 1,000,000 bytes)`,
  ];
  const header = ['event', 'jobs', 'serial hops', 'artifacts up', 'artifacts down', 'runner minutes'];
  for (const ci of [...new Set(costs.map((c) => c.ci))]) {
    const rows = costs
      .filter((c) => c.ci === ci)
      .map((c) => [
        EVENT_LABEL[c.event],
        String(c.jobs),
        String(c.serialHops),
        formatMb(c.artifactBytes.up),
        formatMb(c.artifactBytes.down),
        String(c.runnerMinutes),
      ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`.trimEnd();
    lines.push('', `${ci}:`, line(header), ...rows.map(line));
  }
  lines.push(
    '',
    'notes:',
    '  push: a publishing run (default branch, protected on GitLab), every job succeeding; pull request: from a branch of the same repository (verify jobs only).',
    '  jobs: CI job instances (per platform, per deploy environment; notify-failure skipped); GitLab unprotected-ref runs on neither; GitHub reusable mode priced as the plain workflow (its platforms job not counted).',
    '  artifacts: image archives only (artifact handoff); the registry handoff moves only digest files (0 bytes counted).',
    `  runner minutes: start-up ${rates.startupSeconds} s per job + transfer at ${formatMb(rates.uploadBytesPerSecond)}/s up, ${formatMb(rates.downloadBytesPerSecond)}/s down (assumed); no build/test/scan work.`,
    '  GitHub rounds each job up to a whole minute (docs.github.com/billing/reference/actions-runner-pricing);',
    '  GitLab counts seconds / 60 x the runner cost factor, small runners 1 (docs.gitlab.com/ci/pipelines/compute_minutes/).',
  );
  return lines;
}
