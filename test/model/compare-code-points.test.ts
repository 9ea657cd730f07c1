import { describe, expect, it } from 'vitest';
import { compareCodePoints, sortRecordByKey } from '../../src/model/compare-code-points.js';

describe('compareCodePoints', () => {
  it.each([
    ['aB', 'a_b', -1],
    ['Z', 'a', -1],
    ['I', 'i', -1],
    ['a', 'ab', -1],
    ['', 'a', -1],
    ['same', 'same', 0],
    // U+1D538 (astral, a surrogate pair in UTF-16) comes after U+FB00; plain sort() puts it first.
    ['\u{FB00}', '\u{1D538}', -1],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
    expect(Math.sign(compareCodePoints(b, a)) || 0).toBe(-sign || 0);
  });

  it('sorts record keys and leaves the input alone', () => {
    const input = { b: '1', B: '2', a_b: '3', aB: '4' };
    expect(Object.keys(sortRecordByKey(input))).toEqual(['B', 'aB', 'a_b', 'b']);
    expect(Object.keys(input)).toEqual(['b', 'B', 'a_b', 'aB']);
  });
});
