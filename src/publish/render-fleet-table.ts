import type { PullRequestOutcome, PullRequestResult } from './open-or-update-pull-request.js';

/**
 * Count of results per outcome.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export type OutcomeCounts = Record<PullRequestOutcome, number>;

/**
 * Count results per outcome. Pure.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export function countOutcomes(results: readonly PullRequestResult[]): OutcomeCounts {
  const counts: OutcomeCounts = { opened: 0, updated: 0, unchanged: 0, planned: 0, skipped: 0, failed: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

/**
 * The final fleet table as text lines: a header, one row per repository (repository, result, PR/MR URL, reason),
 * columns padded to their widest cell (the reason column is last and not padded), then a totals line. Pure.
 * @see https://docs.github.com/rest/pulls/pulls
 */
export function renderFleetTable(results: readonly PullRequestResult[]): string[] {
  const rows = results.map((r) => [
    `${r.platform}:${r.repository}`,
    r.outcome,
    r.url ?? '-',
    r.reason.replaceAll('\n', ' '),
  ]);
  const header = ['repository', 'result', 'pull/merge request', 'reason'];
  const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    [...cells.slice(0, 3).map((c, i) => c.padEnd(widths[i])), cells[3]].join('  ').trimEnd();
  const counts = countOutcomes(results);
  const totals = (Object.entries(counts) as Array<[PullRequestOutcome, number]>)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return [line(header), ...rows.map(line), `${results.length} repositories: ${totals.join(', ')}`];
}
