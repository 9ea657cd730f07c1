import { describe, expect, it } from 'vitest';
import { stepScriptBody } from '../../src/emit/step-scripts.js';

describe('stepScriptBody', () => {
  it.each([
    ['an sh file', '#!/bin/sh\n# Does x.\n# shellcheck disable=SC2154\n\necho a\n  echo b\n', 'echo a\n  echo b'],
    [
      'a body starting with a comment',
      '# Header.\n\n# shellcheck disable=SC2016\necho "$x"\n',
      '# shellcheck disable=SC2016\necho "$x"',
    ],
    ['a .cjs program', '// Measures.\n\nconst a = 1;\nconsole.log(a);\n', 'const a = 1;\nconsole.log(a);'],
  ])('keeps the body of %s', (_, text, body) => {
    expect(stepScriptBody('x.sh', text)).toBe(body);
  });

  it.each([
    ['no header', 'echo a\n', 'needs a header of comment lines ended by one empty line'],
    ['a header not ended by an empty line', '# x\necho a\n', 'needs a header of comment lines ended by one empty line'],
    ['no body', '# x\n\n', 'needs a non-empty body ending with exactly one newline'],
    ['no final newline', '# x\n\necho a', 'needs a non-empty body ending with exactly one newline'],
    ['two final newlines', '# x\n\necho a\n\n', 'needs a non-empty body ending with exactly one newline'],
    ['CRLF line ends', '# x\r\n\r\necho a\r\n', 'has \\r line ends; use \\n'],
  ])('rejects %s', (_, text, message) => {
    expect(() => stepScriptBody('bad.sh', text)).toThrow(`templates/steps/bad.sh: ${message}`);
  });
});
