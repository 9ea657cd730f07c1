import { describe, expect, it } from 'vitest';
import { fixOciTag, isValidOciTag, OCI_TAG_MAX_LENGTH, sanitizeTag } from '../../src/tags/oci-tag.js';

describe('sanitizeTag', () => {
  it.each([
    ['my/feature#1245', 'my-feature-1245'],
    ['feat/@@/x', 'feat-x'],
    ['v1.2.3_beta-1', 'v1.2.3_beta-1'],
    ['ünïcode', '-n-code'],
  ])('%s → %s', (input, output) => {
    expect(sanitizeTag(input)).toBe(output);
  });
});

describe('fixOciTag', () => {
  const long = `release-${'x'.repeat(200)}`;

  it.each([
    ['1.2.3', '1.2.3', 0],
    ['_internal', '_internal', 0],
    ['my/feature', 'my-feature', 1],
    ['-foo', 'foo', 1],
    ['.hidden', 'hidden', 1],
    ['/feature', 'feature', 2],
    ['-..-rc', 'rc', 1],
    [long, long.slice(0, OCI_TAG_MAX_LENGTH), 1],
  ])('%s → %s', (input, tag, changeCount) => {
    const fixed = fixOciTag(input);
    expect(fixed.tag).toBe(tag);
    expect(fixed.changes).toHaveLength(changeCount);
    expect(isValidOciTag(fixed.tag!)).toBe(true);
  });

  it.each(['-', '...', '/', '-./'])('drops %s, which has nothing a tag can start with', (input) => {
    const fixed = fixOciTag(input);
    expect(fixed.tag).toBeUndefined();
    expect(fixed.changes.at(-1)).toContain('dropped');
  });

  it('says what it cut', () => {
    expect(fixOciTag(long).changes[0]).toContain(`is ${long.length} characters long; cut to the first 128`);
  });
});

describe('isValidOciTag', () => {
  it.each([
    ['latest', true],
    ['v1.0.0', true],
    ['_x', true],
    ['-x', false],
    ['.x', false],
    ['', false],
    ['a:b', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
  ])('%s → %s', (tag, valid) => {
    expect(isValidOciTag(tag)).toBe(valid);
  });
});
