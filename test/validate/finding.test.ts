import { describe, expect, it } from 'vitest';
import { type Finding, formatFinding, sortFindings } from '../../src/validate/finding.js';

const base: Finding = { tool: 'actionlint', file: '.github/workflows/ci.yml', severity: 'error', message: 'boom' };

describe('formatFinding', () => {
  it.each<[string, Finding, string]>([
    ['line and column', { ...base, line: 3, column: 5 }, '.github/workflows/ci.yml:3:5: [actionlint] boom'],
    ['line only', { ...base, line: 7 }, '.github/workflows/ci.yml:7: [actionlint] boom'],
    [
      'no position',
      { ...base, tool: 'gitlab-lint-api', file: '.gitlab-ci.yml' },
      '.gitlab-ci.yml: [gitlab-lint-api] boom',
    ],
    ['column without line is ignored', { ...base, column: 4 }, '.github/workflows/ci.yml: [actionlint] boom'],
    [
      'warning is formatted the same',
      { ...base, severity: 'warning', line: 1, column: 1 },
      '.github/workflows/ci.yml:1:1: [actionlint] boom',
    ],
  ])('%s', (_name, finding, expected) => {
    expect(formatFinding(finding)).toBe(expected);
  });
});

describe('sortFindings', () => {
  it('orders by file, line, column, positionless last, and leaves the input alone', () => {
    const input: Finding[] = [
      { ...base, file: 'b.yml', line: 1 },
      { ...base, file: 'a.yml', message: 'no position' },
      { ...base, file: 'a.yml', line: 2, column: 9 },
      { ...base, file: 'a.yml', line: 2, column: 1 },
    ];
    const copy = structuredClone(input);
    expect(sortFindings(input).map(formatFinding)).toEqual([
      'a.yml:2:1: [actionlint] boom',
      'a.yml:2:9: [actionlint] boom',
      'a.yml: [actionlint] no position',
      'b.yml:1: [actionlint] boom',
    ]);
    expect(input).toEqual(copy);
  });
});
