import { describe, expect, it } from 'vitest';
import { formatTagLine, parseTagLine, TagRuleError } from '../../src/tags/tag-rule.js';

describe('parseTagLine', () => {
  it.each([
    ['type=semver,pattern={{version}}', { type: 'semver', attributes: { pattern: '{{version}}' } }],
    ['type=ref,event=branch', { type: 'ref', attributes: { event: 'branch' } }],
    ['type=sha,format=long,prefix=', { type: 'sha', attributes: { format: 'long' }, prefix: '' }],
    [
      'type=raw,value=latest,enable={{is_default_branch}},priority=300',
      { type: 'raw', attributes: { value: 'latest' }, enable: '{{is_default_branch}}', priority: 300 },
    ],
    ["type=schedule,pattern={{date 'YYYYMMDD'}}", { type: 'schedule', attributes: { pattern: "{{date 'YYYYMMDD'}}" } }],
    ['type=match,pattern=v(\\d.\\d),group=1', { type: 'match', attributes: { pattern: 'v(\\d.\\d)', group: '1' } }],
    ['type=raw,"value=a,b"', { type: 'raw', attributes: { value: 'a,b' } }],
    ['edge-build', { type: 'raw', attributes: { value: 'edge-build' } }],
    [
      'type=raw,my,prefix=foo-,suffix=-bar',
      { type: 'raw', attributes: { value: 'my' }, prefix: 'foo-', suffix: '-bar' },
    ],
    ['type=raw,priority=2000,foo', { type: 'raw', attributes: { value: 'foo' }, priority: 2000 }],
    [
      'type=match,"pattern=^v(\\d.\\d.\\d)$",group=1',
      { type: 'match', attributes: { pattern: '^v(\\d.\\d.\\d)$', group: '1' } },
    ],
    [' TYPE=edge , branch=develop ', { type: 'edge', attributes: { branch: 'develop' } }],
  ])('%s', (line, rule) => {
    expect(parseTagLine(line)).toEqual(rule);
  });

  it.each([
    ['type=foo', 'unknown tag type "foo"'],
    ['type=semver', 'type=semver needs the "pattern" attribute'],
    ['type=raw', 'type=raw needs the "value" attribute'],
    ['type=ref', 'type=ref needs the "event" attribute'],
    ['type=ref,event=push', 'unknown ref event "push"'],
    ['type=sha,format=medium', 'unknown sha format "medium"'],
    ['type=match,pattern=x,group=one', 'group "one" is not a number'],
    ['type=edge,pattern=x', 'unknown attribute "pattern" for type=edge'],
    ['type=sha,priority=high', 'priority "high" is not an integer'],
    ['type=sha,enable=maybe', 'enable "maybe" is neither true nor false'],
    ['type=sha,type=raw', 'attribute "type" is given twice'],
    ['type=raw,value=a,stray', 'attribute "value" is given twice'],
    ['type=sha,stray', 'unknown attribute "value" for type=sha'],
    ['   ', 'empty tag line'],
  ])('rejects %s', (line, message) => {
    expect(() => parseTagLine(line)).toThrow(TagRuleError);
    expect(() => parseTagLine(line)).toThrow(message);
  });
});

describe('formatTagLine', () => {
  it.each([
    'type=semver,pattern={{major}}.{{minor}}',
    'type=ref,event=pr,prefix=mr-',
    'type=sha,format=long,prefix=,suffix=-x,enable=false,priority=50',
    'type=raw,"value=a,b"',
  ])('round-trips %s', (line) => {
    expect(formatTagLine(parseTagLine(line))).toBe(line);
  });
});
