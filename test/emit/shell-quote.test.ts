import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteShellWord } from '../../src/emit/shell-quote.js';
import { listSources } from '../support/import-graph.js';
import { ROOT } from '../support/paths.js';

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

  it('is the only code that writes a quote inside single quotes', () => {
    // The sh idiom '\'' in TypeScript source is "'\\''": a second quoter in the usual spelling would show here.
    const writers = listSources(join(ROOT, 'src'))
      .filter((file) => readFileSync(file, 'utf8').includes(`"'\\\\''"`))
      .map((file) => relative(ROOT, file).replaceAll('\\', '/'));
    expect(writers).toEqual(['src/emit/shell-quote.ts']);
  });
});
