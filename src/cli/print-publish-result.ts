import type { PullRequestResult } from '../publish/open-or-update-pull-request.js';
import type { Output } from './output.js';

const VERB: Record<PullRequestResult['outcome'], string> = {
  opened: 'opened',
  updated: 'updated',
  unchanged: 'unchanged',
  skipped: 'skipped',
  failed: 'failed',
  planned: 'would change',
};

/**
 * One line for a repository's result: `opened github:acme/api URL: reason`.
 *
 * @see https://docs.github.com/rest/pulls/pulls#get-a-pull-request
 */
export function formatResultLine(result: PullRequestResult): string {
  const url = result.url ? ` ${result.url}` : '';
  return `${VERB[result.outcome]} ${result.platform}:${result.repository}${url}: ${result.reason}`;
}

/**
 * Print a `dockyard pr` result. Dry runs also print the plan: branch and base, PR title, the files with their
 * change and `+added −removed` lines, and the requests a real run would make. Config issues go to stderr.
 * @see https://docs.github.com/rest/pulls/pulls#get-a-pull-request
 */
export function printPullRequestResult(output: Output, result: PullRequestResult, dryRun: boolean): void {
  const { color } = output;
  for (const issue of result.issues ?? []) output.err(issue);
  const plan = result.plan;
  if (dryRun && plan) {
    output.out(`plan for ${result.platform}:${result.repository}: ${plan.action} (${plan.reason})`);
    output.out(`  branch: ${plan.branch} -> ${plan.base.name} (${plan.base.sha?.slice(0, 12) ?? 'commit not read'})`);
    if (result.title) output.out(`  title: ${result.title}`);
    for (const c of plan.changes)
      output.out(
        `  ${c.state === 'missing' ? 'add' : 'update'} ${c.path} (+${c.lines.added} -${c.lines.removed}, base: ${c.state})`,
      );
    const steps = [
      plan.action === 'push' ? `commit ${plan.changes.length} file(s) on ${plan.base.name}` : '',
      plan.action === 'push' ? (plan.createBranch ? `create branch ${plan.branch}` : `move branch ${plan.branch}`) : '',
      result.outcome === 'planned'
        ? plan.request === 'update'
          ? `update #${plan.openRequest?.number}`
          : plan.request === 'open'
            ? 'open the pull/merge request'
            : ''
        : '',
    ].filter(Boolean);
    output.out(`  would: ${steps.length > 0 ? steps.join(', ') : 'nothing'}`);
    output.out('dry run: nothing was changed');
    return;
  }
  const line = formatResultLine(result);
  if (result.outcome === 'failed') output.err(color.red(line));
  else if (result.outcome === 'skipped') output.err(color.yellow(line));
  else output.out(result.outcome === 'unchanged' ? line : color.green(line));
}
