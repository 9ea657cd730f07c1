/**
 * Convert a branch/tag glob (as GitHub filter patterns: `*` within a path segment, `**` across segments,
 * `?` one character) into the RE2 regular expression GitLab `rules:if` compares with `=~`. Every `/` is
 * escaped, as GitLab's `/…/` regex literals require.
 *
 * @see https://docs.gitlab.com/ci/jobs/job_rules/#compare-a-variable-to-a-regular-expression
 */
export function globToGitlabRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') {
      out += '[^\\/]*';
    } else if (ch === '?') {
      out += '[^\\/]';
    } else if (/[.+\\/]/.test(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return `^${out}$`;
}

/** `$VAR =~ /^(a|b)$/` for a list of globs, or undefined for an empty list. */
export function matchAnyGlob(variable: string, globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  const alternatives = globs.map((g) => globToGitlabRegex(g).slice(1, -1));
  return `${variable} =~ /^(${alternatives.join('|')})$/`;
}
