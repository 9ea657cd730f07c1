/**
 * Whether a branch or tag name matches a GitHub filter pattern: `*` any characters but `/`, `**` any characters,
 * `?` zero or one of the preceding character, `+` one or more of it (the characters dockyard's ref patterns allow).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 */
export function matchesGithubFilter(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    // a quantifier with nothing (or another wildcard) to repeat is taken literally
    else if ((ch === '?' || ch === '+') && i > 0 && !'*?+'.includes(pattern[i - 1])) source += ch;
    else if (ch === '?' || ch === '+') source += `\\${ch}`;
    else source += ch.replace(/[.\\/-]/g, (c) => `\\${c}`);
  }
  return new RegExp(`^${source}$`).test(name);
}
