import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findCronProblem } from '../../src/config/schema/cron.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { checkWithActionlint } from '../../src/validate/check-actionlint.js';
import { expectConfigIssue } from '../support/config-issues.js';

const BASE = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const EXPECTED = 'expected five space-separated fields "minute hour day-of-month month day-of-week"';

// Accepted: GitHub's documented syntax (events-that-trigger-workflows#schedule), names in either case.
const VALID = [
  '30 5 * * *',
  '*/15 * * * *',
  '20/15 * * * *',
  '0 4-6 * * 1-5',
  '2,10 4,5 * * *',
  '0 0 1 JAN,jul *',
  '0 12 * * MON-FRI',
  '0 0 31 12 6',
  '59 23 1-31/2 */3 SUN',
];

const INVALID: Array<[string, string]> = [
  ['99 99 * * *', 'minute "99" is out of range 0-59'],
  ['0 24 * * *', 'hour "24" is out of range 0-23'],
  ['0 0 0 * *', 'day of month "0" is out of range 1-31'],
  ['0 0 * 13 *', 'month "13" is out of range 1-12'],
  ['0 0 * * 7', 'day of week "7" is out of range 0-6'],
  ['0 0 * * FUNDAY', 'day of week "FUNDAY" is not a number or a name (SUN-SAT)'],
  ['0 0 * MON *', 'month "MON" is not a number or a name (JAN-DEC)'],
  ['0 0 * * *  *', 'has 6 field(s), not 5'],
  ['0 0 * *', 'has 4 field(s), not 5'],
  ['@daily', 'nicknames such as @daily are not supported'],
  ['*/0 * * * *', 'minute step "0" is not a whole number from 1 to 59'],
  ['0 10-2 * * *', 'hour range "10-2" runs backwards'],
  ['0 0 ? * *', 'day of month "?" is not a number'],
  ['0 0 L * *', 'day of month "L" is not a number'],
  ['0 0 * * 1#2', 'day of week "1#2" is not a number'],
  ['0,,5 * * * *', 'minute "" is not a value, range, list or step'],
];

describe('triggers.schedule[].cron', () => {
  it.each(VALID)('accepts %j', (cron) => {
    expect(findCronProblem(cron)).toBeUndefined();
    expect(validateConfig({ ...BASE, triggers: { schedule: [{ cron }] } }).ok).toBe(true);
  });

  it.each(INVALID)('rejects %j: %s', (cron, problem) => {
    expectConfigIssue({ ...BASE, triggers: { schedule: [{ cron }] } }, 'triggers.schedule[0].cron', [
      `not a valid cron expression: ${problem}`,
      EXPECTED,
      `got ${JSON.stringify(cron)}`,
    ]);
  });

  // What actionlint (which checks `on.schedule` with its own cron parser) says about the same expressions.
  it('agrees with actionlint: every accepted expression passes it, the rejected ones it parses fail', async () => {
    const workflow = (crons: readonly string[]) =>
      stringify({
        on: { schedule: crons.map((cron) => ({ cron })) },
        jobs: { a: { 'runs-on': 'ubuntu-24.04', steps: [{ run: 'true' }] } },
      });
    expect(await checkWithActionlint(workflow(VALID), 'valid.yml')).toEqual([]);
    for (const [cron] of INVALID.filter(([c]) =>
      ['99 99 * * *', '0 24 * * *', '0 0 * 13 *', '0 0 * *', '0 10-2 * * *'].includes(c),
    )) {
      const findings = await checkWithActionlint(workflow([cron]), 'invalid.yml');
      expect(findings.map((f) => f.message).join('\n'), cron).toMatch(/cron|schedule/i);
    }
  });
});
