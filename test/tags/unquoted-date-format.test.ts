import { describe, expect, it } from 'vitest';
import { computeMeta, type MetaInputs } from '../../src/tags/compute-meta.js';
import type { EventContext } from '../../src/tags/event-context.js';

// docker/metadata-action's own suite (__tests__/meta.test.ts, the two "pr12" cases of the tagsLabels and
// pr-head-sha tables) with an unquoted moment format: Handlebars reads `YYYY-MM-DD` as a path (undefined), and
// moment formats with its default, `YYYY-MM-DDTHH:mm:ss[Z]` in UTC (moment src/lib/moment/format.js). The suite
// mocks moment so that every moment is 2020-01-10T00:30:00.000Z; ':' is not a tag character and becomes '-'.
// These two cases are not in ../shared/conformance/metadata-action-cases.json, so they live here.
const CLOCK = new Date('2020-01-10T00:30:00.000Z');

const context: EventContext = {
  eventName: 'pull_request',
  ref: 'refs/pull/15/merge',
  sha: '860c1904a1ce19322e91ac35af1ab07466440c37',
  commitDate: CLOCK.toISOString(),
  defaultBranch: 'master',
  repo: {
    name: 'Hello-World',
    fullName: 'octocat/Hello-World',
    description: 'This your first repo!',
    url: 'https://github.com/octocat/Hello-World',
    license: 'MIT',
    defaultBranch: 'master',
  },
};

function run(tags: string[]): { result: ReturnType<typeof computeMeta> } {
  const inputs: MetaInputs = { images: ['org/app'], tags, flavor: [], labels: [], annotations: [] };
  return { result: computeMeta(inputs, context, CLOCK) };
}

describe('{{date}} and {{commit_date}} with an unquoted format (metadata-action semantics)', () => {
  it.each([
    ['tagsLabels pr12', 'type=raw,value={{commit_date YYYY-MM-DD-HHmmSS}}', '2020-01-10T00-30-00Z'],
    ['pr-head-sha pr12', 'type=raw,value=src-{{commit_date YYYY-MM-DD}}', 'src-2020-01-10T00-30-00Z'],
    ['date, UTC', 'type=raw,value={{date YYYYMMDD}}', '2020-01-10T00-30-00Z'],
    // Outside UTC moment's default carries the offset (`YYYY-MM-DDTHH:mm:ssZ`); '+' is not a tag character either.
    ['date, Asia/Tokyo', "type=raw,value={{date YYYYMMDD tz='Asia/Tokyo'}}", '2020-01-10T09-30-00-09-00'],
  ])('%s: %s → %s', (_name, rule, tag) => {
    const { result } = run([rule]);
    expect(result.version.main).toBe(tag);
    expect(result.tags).toEqual([`org/app:${tag}`]);
    expect(result.labels).toContain(`org.opencontainers.image.version=${tag}`);
  });

  it.each([
    ['{{date}}', 'type=raw,value={{date}}', "{{date}} takes one quoted moment format, as in {{date 'YYYYMMDD'}}"],
    [
      'a number',
      'type=raw,value={{commit_date 5}}',
      "{{commit_date}} takes one quoted moment format, as in {{commit_date 'YYYYMMDD'}}",
    ],
  ])('still rejects %s', (_name, rule, message) => {
    expect(() => run([rule])).toThrow(message);
  });
});
