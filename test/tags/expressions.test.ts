import { describe, expect, it } from 'vitest';
import type { EventContext } from '../../src/tags/event-context.js';
import {
  createTemplateRenderer,
  formatDate,
  isDefaultBranch,
  isRawStatement,
  listTemplatePaths,
  shortenSha,
} from '../../src/tags/expressions.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const CLOCK = new Date('2020-01-10T00:30:00.000Z');

function makeContext(overrides: Partial<EventContext> = {}): EventContext {
  return {
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: SHA,
    defaultBranch: 'main',
    repo: {
      name: 'app',
      fullName: 'acme/app',
      description: '',
      url: 'https://github.com/acme/app',
      license: 'MIT',
      defaultBranch: 'main',
    },
    ...overrides,
  };
}

describe('global expressions', () => {
  it.each([
    ['{{branch}}', {}, 'main'],
    ['{{branch}}', { ref: 'refs/heads/feature/login' }, 'feature/login'],
    ['{{branch}}', { ref: 'refs/tags/v1.2.3' }, ''],
    ['{{tag}}', { ref: 'refs/tags/v1.2.3' }, 'v1.2.3'],
    ['{{tag}}', {}, ''],
    ['{{sha}}', {}, '860c190'],
    ['{{base_ref}}', { ref: 'refs/pull/7/merge', baseRef: 'main' }, 'main'],
    ['{{base_ref}}', { ref: 'refs/tags/v1', baseRef: 'release/1.x' }, 'release/1.x'],
    ['{{base_ref}}', { ref: 'refs/heads/dev', baseRef: 'main' }, ''],
    ['{{is_default_branch}}', {}, 'true'],
    ['{{is_not_default_branch}}', { ref: 'refs/heads/dev' }, 'true'],
    ['build-{{branch}}-{{sha}}', { ref: 'refs/heads/dev' }, 'build-dev-860c190'],
    ['a&b "{{branch}}" <x>', {}, 'a&b "main" <x>'],
  ] as const)('%s with %o → %s', (template, overrides, expected) => {
    const render = createTemplateRenderer({ context: makeContext(overrides), clock: CLOCK });
    expect(render.renderGlobal(template)).toBe(expected);
  });

  it.each([
    // The clock is 2020-01-10T00:30Z: a zone west of UTC is still on the 9th.
    ["{{date 'YYYYMMDD-HHmmss'}}", '20200110-003000'],
    ["{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", '20200110-093000'],
    ["{{date 'YYYY-MM-DD HH:mm' tz='America/New_York'}}", '2020-01-09 19:30'],
    ["{{date 'YYYY-MM-DDTHH:mm:ssZ' tz='Asia/Kolkata'}}", '2020-01-10T06:00:00+05:30'],
    ["{{date 'dddd, MMMM Do YYYY'}}", 'Friday, January 10th 2020'],
    // The commit is 2022-04-19T09:27:24Z; summer time in Paris is UTC+2.
    ["{{commit_date 'YYYYMMDD-HHmmss'}}", '20220419-092724'],
    ["{{commit_date 'YYYYMMDD-HHmmss' tz='Europe/Paris'}}", '20220419-112724'],
  ])('%s → %s', (template, expected) => {
    const render = createTemplateRenderer({
      context: makeContext({ commitDate: '2022-04-19T09:27:24.000Z' }),
      clock: CLOCK,
    });
    expect(render.renderGlobal(template)).toBe(expected);
  });

  it('falls back to the clock for {{commit_date}} when the commit date is unknown', () => {
    const render = createTemplateRenderer({ context: makeContext(), clock: CLOCK });
    expect(render.renderGlobal("{{commit_date 'YYYYMMDD-HHmm'}}")).toBe('20200110-0030');
  });

  it('uses the short SHA length it is given', () => {
    const render = createTemplateRenderer({ context: makeContext(), clock: CLOCK, shortShaLength: 12 });
    expect(render.renderGlobal('{{sha}}')).toBe('860c1904a1ce');
  });

  it.each([
    ['{{brnach}}', 'uses unknown expression "brnach" (known: branch, tag, sha'],
    ["{{date 'YYYY' tz='Mars/Olympus'}}", 'unknown time zone "Mars/Olympus"'],
    ['{{date}}', 'takes one quoted moment format'],
    ["{{date 'YYYY' zone='UTC'}}", 'has no "zone" attribute'],
    ['{{branch', 'cannot be rendered'],
  ])('rejects %s', (template, message) => {
    const render = createTemplateRenderer({ context: makeContext(), clock: CLOCK });
    expect(() => render.renderGlobal(template)).toThrow(message);
  });

  it('renders pattern data beside the global expressions', () => {
    const render = createTemplateRenderer({ context: makeContext(), clock: CLOCK });
    expect(render.renderPattern('{{major}}.{{minor}}-{{branch}}', { major: 2, minor: 0 })).toBe('2.0-main');
    expect(() => render.renderPattern('{{mayor}}', { major: 2 })).toThrow(
      'unknown expression "mayor" (known: major, branch',
    );
  });

  it('rejects an invalid commit date', () => {
    expect(() => createTemplateRenderer({ context: makeContext({ commitDate: 'yesterday' }), clock: CLOCK })).toThrow(
      'commit date "yesterday" is not an ISO 8601 timestamp',
    );
  });
});

describe('isDefaultBranch', () => {
  it.each([
    ['push', 'refs/heads/main', 'main', true],
    ['push', 'refs/heads/dev', 'main', false],
    ['push', 'refs/tags/v1.0.0', 'main', false],
    ['pull_request', 'refs/pull/3/merge', 'main', false],
    ['push', 'refs/heads/main', undefined, false],
    // GitHub runs these events on the default branch whatever the payload says.
    ['schedule', 'refs/heads/main', undefined, true],
    ['create', 'refs/tags/v1.0.0', 'main', true],
    ['issues', 'refs/heads/main', undefined, true],
    ['discussion_comment', 'refs/heads/main', undefined, true],
    ['schedule', '', 'main', false],
  ] as const)('%s on %s (default %s) → %s', (eventName, ref, defaultBranch, expected) => {
    const context = makeContext({
      eventName,
      ref,
      ...(defaultBranch ? { defaultBranch } : { defaultBranch: undefined }),
    });
    expect(isDefaultBranch(context)).toBe(expected);
  });
});

describe('isRawStatement', () => {
  it.each([
    ['{{raw}}', true],
    ['{{ raw }}', true],
    ['{{raw}}-x', false],
    ['{{ raw }}.{{ version }}', false],
    ['{{version}}', false],
    ['{{raw', false],
  ])('%s → %s', (pattern, expected) => {
    expect(isRawStatement(pattern)).toBe(expected);
  });
});

describe('listTemplatePaths', () => {
  it.each([
    ['{{major}}.{{minor}}', ['major', 'minor']],
    ['v{{major}}', ['major']],
    ["{{date 'YYYY'}}", ['date']],
    ['nightly', []],
  ])('%s → %o', (template, paths) => {
    expect([...listTemplatePaths(template)]).toEqual(paths);
  });
});

describe('formatDate and shortenSha', () => {
  it('formats in a time zone', () => {
    expect(formatDate(CLOCK, 'HH:mm', 'Australia/Adelaide')).toBe('11:00');
  });

  it.each([
    [7, '860c190'],
    [40, SHA],
    [64, SHA],
  ])('shortens to %i', (length, expected) => {
    expect(shortenSha(SHA, length)).toBe(expected);
  });
});
