import { describe, expect, it } from 'vitest';
import { applyAnnotationLevels, convertLabelsToObject, mergeKeyValues } from '../../src/tags/labels.js';

describe('mergeKeyValues', () => {
  it('lets a later entry override by key, keeps "=" in values, drops entries without "=" and sorts by key', () => {
    expect(
      mergeKeyValues([
        'org.opencontainers.image.title=app',
        'org.opencontainers.image.version=1.0.0',
        'org.opencontainers.image.title=My=Title',
        'invalid',
        'com.example.empty=',
        'Maintainer=Ops',
      ]),
    ).toEqual({
      merged: [
        'com.example.empty=',
        'Maintainer=Ops',
        'org.opencontainers.image.title=My=Title',
        'org.opencontainers.image.version=1.0.0',
      ],
      dropped: ['invalid'],
    });
  });
});

describe('convertLabelsToObject', () => {
  it('splits at the first "="', () => {
    expect(convertLabelsToObject(['a=b=c', 'd='])).toEqual({ a: 'b=c', d: '' });
  });
});

describe('applyAnnotationLevels', () => {
  it('prefixes every annotation, level by level', () => {
    expect(applyAnnotationLevels(['a=1', 'b=2'], ['manifest', 'index'])).toEqual([
      'manifest:a=1',
      'manifest:b=2',
      'index:a=1',
      'index:b=2',
    ]);
  });
});
