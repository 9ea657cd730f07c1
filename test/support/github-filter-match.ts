/**
 * GitHub's branch and tag filter patterns, implemented for the tests from the docs' cheat sheet alone (a backtracking
 * matcher, independent of src/targets/github/github-ref-gate.ts, which compiles the same rules to a regex):
 * `*` zero or more characters but `/`; `**` zero or more of any character (`**` plus slash also matches no
 * directory at all); `?` zero or one and `+` one or more of the
 * preceding character; `!` at the start negates; anything else literal. Brackets are not needed (the config schema
 * rejects them).
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore
 *   (a later matching pattern overrides an earlier one; `!` patterns exclude)
 */
type Token =
  { kind: 'star' } | { kind: 'globstar' } | { kind: 'dirs' } | { kind: 'char'; ch: string; min: number; max: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*' && pattern[i + 2] === '/') {
      // `**/README.md` matches README.md in every directory, the top one included.
      tokens.push({ kind: 'dirs' });
      i += 2;
    } else if (ch === '*' && pattern[i + 1] === '*') {
      tokens.push({ kind: 'globstar' });
      i++;
    } else if (ch === '*') tokens.push({ kind: 'star' });
    else if ((ch === '?' || ch === '+') && tokens.length > 0 && tokens.at(-1)!.kind === 'char') {
      const last = tokens.at(-1) as { kind: 'char'; ch: string; min: number; max: number };
      if (ch === '?') last.min = 0;
      else last.max = Infinity;
    } else tokens.push({ kind: 'char', ch, min: 1, max: 1 });
  }
  return tokens;
}

function matchFrom(tokens: readonly Token[], t: number, name: string, n: number): boolean {
  if (t === tokens.length) return n === name.length;
  const token = tokens[t];
  if (token.kind === 'globstar') {
    for (let end = name.length; end >= n; end--) if (matchFrom(tokens, t + 1, name, end)) return true;
    return false;
  }
  if (token.kind === 'dirs') {
    if (matchFrom(tokens, t + 1, name, n)) return true;
    for (let end = name.length; end > n; end--)
      if (name[end - 1] === '/' && matchFrom(tokens, t + 1, name, end)) return true;
    return false;
  }
  if (token.kind === 'star') {
    let limit = n;
    while (limit < name.length && name[limit] !== '/') limit++;
    for (let end = limit; end >= n; end--) if (matchFrom(tokens, t + 1, name, end)) return true;
    return false;
  }
  let count = 0;
  while (count < token.max && name[n + count] === token.ch) count++;
  for (let k = count; k >= token.min; k--) if (matchFrom(tokens, t + 1, name, n + k)) return true;
  return false;
}

/** Whether `name` (a branch or tag name, without `refs/...`) matches one filter pattern. */
export function matchesGithubPattern(pattern: string, name: string): boolean {
  return matchFrom(tokenize(pattern), 0, name, 0);
}

/**
 * Whether a branches/tags filter list selects `name`: the last matching pattern decides (`!` excludes), no match
 * excludes. An absent list is handled by the caller.
 */
export function githubFilterSelects(patterns: readonly string[], name: string): boolean {
  let selected = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (matchesGithubPattern(p.slice(1), name)) selected = false;
    } else if (matchesGithubPattern(p, name)) selected = true;
  }
  return selected;
}

/**
 * A name that the pattern matches: `**` → `a/b`, `*` → `x1`, a `?`/`+` quantifier takes the character once.
 * For building the "configured branch/tag" refs of the event table.
 */
export function instantiateGithubPattern(pattern: string): string {
  return pattern
    .replace(/\*\*/g, 'a/b')
    .replace(/\*/g, 'x1')
    .replace(/(?<=.)[?+]/g, '');
}
