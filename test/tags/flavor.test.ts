import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAVOR, parseFlavor } from '../../src/tags/flavor.js';
import { MetaInputError } from '../../src/tags/meta-error.js';

describe('parseFlavor', () => {
  it.each([
    [[], DEFAULT_FLAVOR],
    [['latest=false'], { ...DEFAULT_FLAVOR, latest: 'false' }],
    [['latest=true', 'prefix=foo-'], { ...DEFAULT_FLAVOR, latest: 'true', prefix: 'foo-' }],
    [
      ['prefix=foo-,onlatest=true', 'suffix=-dev,onlatest=true'],
      { ...DEFAULT_FLAVOR, prefix: 'foo-', prefixLatest: true, suffix: '-dev', suffixLatest: true },
    ],
    [['prefix=a-,suffix=-b,onlatest=true'], { ...DEFAULT_FLAVOR, prefix: 'a-', suffix: '-b', suffixLatest: true }],
    [['prefix=a-', 'prefix=b-'], { ...DEFAULT_FLAVOR, prefix: 'b-' }],
    [['# comment', '', ' LATEST = false '], { ...DEFAULT_FLAVOR, latest: 'false' }],
    [['prefix={{branch}}='], { ...DEFAULT_FLAVOR, prefix: '{{branch}}=' }],
  ])('%o', (lines, flavor) => {
    expect(parseFlavor(lines)).toEqual(flavor);
  });

  it.each([
    ['latest=maybe', 'flavor line "latest=maybe": latest="maybe" is not one of auto, true, false'],
    ['prefix', 'entry "prefix" is not key=value'],
    ['tag=foo', 'unknown flavor entry "tag"'],
    ['prefix=a-,onlatest=yes', 'onlatest="yes" is not true or false'],
    ['onlatest=true', 'onlatest must follow a prefix= or suffix= entry on the same line'],
    ['prefix="a', 'flavor line "prefix="a"'],
  ])('rejects %s', (line, message) => {
    expect(() => parseFlavor([line])).toThrow(MetaInputError);
    expect(() => parseFlavor([line])).toThrow(message);
  });
});
