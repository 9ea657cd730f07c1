/**
 * Convert one branch or tag filter pattern into an anchored regular expression with GitHub's own filter semantics,
 * which dockyard applies on every CI system (GitHub's `on.push` filters, its publish check, GitLab `rules:if`):
 * `*` any characters but `/`, `**` any characters (`**\/` any leading directories, or none), `?` zero or one and
 * `+` one or more of the preceding character (a leading `?`/`+` is literal), everything else literal. The
 * result is a POSIX extended regular expression (`grep -E`) and a JavaScript `RegExp` source alike (the schema
 * allows only letters, digits, `. _ - /` and the wildcards, so no bracket expressions occur).
 *
 * @param pattern a `triggers.branches` / `triggers.tags` entry, e.g. `release/**` or `v*.*.*`.
 * @returns the anchored expression, e.g. `^v[^/]*\.[^/]*\.[^/]*$` for `v*.*.*`.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 * @see https://github.com/nektos/act/blob/master/pkg/workflowpattern/workflow_pattern.go (PatternToRegex, the same rules)
 */
export function filterPatternToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*' && pattern[i + 2] === '/') {
      out += '(.+/)?';
      i += 2;
    } else if (ch === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') {
      out += '[^/]*';
    } else if ((ch === '?' || ch === '+') && i > 0) {
      out += ch;
    } else if (/[.+?\\]/.test(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return `^${out}$`;
}
