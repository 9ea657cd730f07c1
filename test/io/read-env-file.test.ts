import { describe, expect, it } from 'vitest';
import { EnvFileError, parseEnvText } from '../../src/io/read-env-file.js';
import { expandVariables } from '../../src/synth/meta-inputs.js';

describe('parseEnvText', () => {
  it('reads KEY=VALUE lines, export prefixes, quotes, comments and blank lines', () => {
    const text = [
      '# GitLab job',
      'CI_COMMIT_TAG=v1.2.3',
      '',
      'export CI_PROJECT_NAME=api',
      'A="two\\nlines"',
      "B='kept \\n'",
      'EMPTY=',
      'EQ=a=b',
    ].join('\n');
    expect(parseEnvText(text, 'x.env')).toEqual({
      CI_COMMIT_TAG: 'v1.2.3',
      CI_PROJECT_NAME: 'api',
      A: 'two\nlines',
      B: 'kept \\n',
      EMPTY: '',
      EQ: 'a=b',
    });
  });

  it.each([
    ['no equals sign', 'x.env:1: expected KEY=VALUE'],
    ['1BAD=x', 'x.env:1: expected KEY=VALUE'],
    ['OK=1\nA="open', 'x.env:2: unterminated quote in the value of A'],
  ])('rejects %j', (text, message) => {
    expect(() => parseEnvText(text, 'x.env')).toThrow(EnvFileError);
    expect(() => parseEnvText(text, 'x.env')).toThrow(message);
  });
});

describe('expandVariables', () => {
  it.each([
    ['$CI_REGISTRY_IMAGE', 'registry.example/acme/api'],
    ['${CI_REGISTRY}/acme/api', 'registry.example/acme/api'],
    ['$UNSET/x', '/x'],
    ['plain', 'plain'],
  ])('%s', (input, output) => {
    expect(
      expandVariables(input, { CI_REGISTRY_IMAGE: 'registry.example/acme/api', CI_REGISTRY: 'registry.example' }),
    ).toBe(output);
  });
});
