import { describe, expect, it } from 'vitest';
import { collectRepeated } from '../../src/cli/collect-repeated.js';

describe('collectRepeated', () => {
  it.each([
    [
      'every --label, with = and commas, once each, none after --',
      ['--label', 'ci', '--draft', '--label=deps,ci', '--label', ' bot ', '--', '--label', 'x'],
      ['ci', 'deps', 'bot'],
    ],
    ['a trailing --label without a value', ['--label'], []],
    ['another flag of a similar name', ['--labels', 'a', '--label-x=b'], []],
  ])('%s', (_name, rawArgs, expected) => {
    expect(collectRepeated(rawArgs, 'label')).toEqual(expected);
  });
});
