import { describe, expect, it } from 'vitest';
import { parseImages, selectImageNames } from '../../src/tags/images.js';
import { MetaInputError } from '../../src/tags/meta-error.js';

describe('parseImages', () => {
  it.each([
    [[], []],
    [['user/app'], [{ name: 'user/app', enable: true }]],
    [
      ['user/app', 'ghcr.io/user/app'],
      [
        { name: 'user/app', enable: true },
        { name: 'ghcr.io/user/app', enable: true },
      ],
    ],
    // Backward compatibility: one line of comma-separated names.
    [
      ['user/app,ghcr.io/user/app'],
      [
        { name: 'user/app', enable: true },
        { name: 'ghcr.io/user/app', enable: true },
      ],
    ],
    [
      ['name=user/app,enable=false', 'ghcr.io/user/app'],
      [
        { name: 'user/app', enable: false },
        { name: 'ghcr.io/user/app', enable: true },
      ],
    ],
    [['name=user/app'], [{ name: 'user/app', enable: true }]],
    [['# registries', 'user/app', ''], [{ name: 'user/app', enable: true }]],
  ])('%o', (lines, images) => {
    expect(parseImages(lines)).toEqual(images);
  });

  it.each([
    [['name=user/app,enable=yes'], 'images line "name=user/app,enable=yes": enable="yes" is not true or false'],
    [['name=user/app,tag=x'], 'unknown image attribute "tag"'],
    [['name=,enable=true'], 'image name is empty'],
    [['a,,b'], 'empty image name in the list'],
  ])('rejects %o', (lines, message) => {
    expect(() => parseImages(lines)).toThrow(MetaInputError);
    expect(() => parseImages(lines)).toThrow(message);
  });
});

describe('selectImageNames', () => {
  it('keeps enabled images, lower-cased', () => {
    const images = parseImages(['name=ghcr.io/MyUSER/MyApp', 'name=docker.io/Org/Off,enable=false']);
    expect(selectImageNames(images)).toEqual(['ghcr.io/myuser/myapp']);
  });
});
