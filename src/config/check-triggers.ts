import { describeValue, type ConfigIssue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/**
 * Rules of `triggers`: some trigger must start a pipeline (a file whose pipeline can never run is a mistake), and
 * each schedule is listed once (GitHub would run a duplicated cron twice; GitLab schedules are created by hand).
 */
export function checkTriggers(config: DockyardConfig): ConfigIssue[] {
  const { triggers } = config;
  const issues: ConfigIssue[] = [];
  const any =
    triggers.branches.length > 0 ||
    triggers.tags.length > 0 ||
    triggers.pullRequests ||
    triggers.schedule.length > 0 ||
    triggers.manual ||
    triggers.dispatch !== undefined;
  if (!any) {
    issues.push({
      path: 'triggers',
      problem:
        'no trigger starts a pipeline: branches and tags are empty and pull requests, schedules, manual runs and dispatch are all off',
      expected: 'at least one of branches, tags, pullRequests, schedule, manual or dispatch',
      received: describeValue(triggers),
      severity: 'error',
    });
  }
  const seen = new Set<string>();
  triggers.schedule.forEach((s, i) => {
    const key = s.cron.trim().split(/\s+/).join(' ');
    if (seen.has(key)) {
      issues.push({
        path: `triggers.schedule[${i}].cron`,
        problem: 'this schedule is listed twice: every copy would start its own pipeline at the same time',
        expected: 'each cron expression once',
        received: describeValue(s.cron),
        severity: 'error',
      });
    }
    seen.add(key);
  });
  return issues;
}
