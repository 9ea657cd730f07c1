import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteShellWord } from '../../src/emit/shell-quote.js';

describe('quoteShellWord', () => {
  it.each([
    ['pass', 'pass'],
    ['linux/arm64', 'linux/arm64'],
    ['id=npmrc,env=NPM_TOKEN', 'id=npmrc,env=NPM_TOKEN'],
    ['50%', '50%'],
    ['', "''"],
    ['two words', "'two words'"],
    ['$HOME', "'$HOME'"],
    ["it's", "'it'\\''s'"],
    ['a*b', "'a*b'"],
    ['~root', "'~root'"],
  ])('%j → %s', (value, word) => {
    expect(quoteShellWord(value)).toBe(word);
  });

  it.each(['dash', 'bash'])('%s reads every word back as the literal', (shell) => {
    const values = [
      'plain',
      '',
      'two  spaces',
      "quote ' inside",
      '$(id) `id` $HOME',
      'tab\there',
      'new\nline',
      '*?[a]',
      '#!~&|;<>(){}\\',
    ];
    for (const value of values) {
      const run = spawnSync(shell, ['-c', `printf '%s' ${quoteShellWord(value)}`], { encoding: 'utf8' });
      expect(run.stdout, JSON.stringify(value)).toBe(value);
    }
  });
});
