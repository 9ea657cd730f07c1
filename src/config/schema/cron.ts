/**
 * A strict check of the five-field cron syntax both CI systems accept: the intersection of GitHub's documented
 * POSIX cron (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT; the
 * operators `*`, `,`, `-` and `/` in any field) and GitLab's pipeline schedules (fugit, a superset: `L`, `#`,
 * seconds). No seconds field, no `@daily`-style nicknames, no `?`, `L`, `W` or `#`, which GitHub does not document.
 * Written here rather than taken from npm: `cron-parser` and `croner` both accept a sixth (seconds) field and
 * nicknames, so they would let through expressions GitHub rejects.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/crontab.html (POSIX crontab: fields, ranges, lists)
 * @see https://docs.gitlab.com/ci/pipelines/schedules/ (GitLab parses the cron with fugit)
 */

/** What a valid expression looks like, for error messages. */
export const CRON_EXPECTED =
  'five space-separated fields "minute hour day-of-month month day-of-week" (0-59 0-23 1-31 1-12|JAN-DEC 0-6|SUN-SAT; * , - / allowed), e.g. "30 5 * * MON-FRI"';

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * Check one cron expression.
 *
 * @returns `undefined` when valid, else the problem, e.g. `minute "99" is out of range 0-59`.
 */
export function findCronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (expression.trim().startsWith('@'))
    return `nicknames such as ${expression.trim().split(/\s/)[0]} are not supported`;
  if (fields.length !== 5) return `has ${fields.length} field(s), not 5`;
  for (const [i, field] of FIELDS.entries()) {
    for (const item of fields[i].split(',')) {
      const problem = checkItem(item, field);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkItem(item: string, field: CronField): string | undefined {
  const [range, step, extra] = item.split('/');
  if (extra !== undefined || range === '') return `${field.name} "${item}" is not a value, range, list or step`;
  if (step !== undefined) {
    if (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > field.max) {
      return `${field.name} step "${step}" is not a whole number from 1 to ${field.max}`;
    }
  }
  if (range === '*') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `${field.name} "${item}" is not a value, range, list or step`;
  const values: number[] = [];
  for (const bound of bounds) {
    const value = parseValue(bound, field);
    if (value === undefined)
      return `${field.name} "${bound}" is not a number${field.names ? ` or a name (${field.names[0]}-${field.names.at(-1)})` : ''}`;
    if (value < field.min || value > field.max)
      return `${field.name} "${bound}" is out of range ${field.min}-${field.max}`;
    values.push(value);
  }
  if (values.length === 2 && values[0] > values[1]) return `${field.name} range "${range}" runs backwards`;
  return undefined;
}

function parseValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + field.min;
}
