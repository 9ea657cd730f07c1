import { filterPatternToRegex } from '../../model/filter-pattern.js';

/**
 * Convert a branch/tag glob into the RE2 regular expression GitLab `rules:if` compares with `=~`, with the same
 * semantics as on GitHub ({@link filterPatternToRegex}: `*` within a path segment, `**` across segments, `?` zero
 * or one and `+` one or more of the preceding character), so one config matches the same refs on both CI systems.
 * Every `/` is escaped, as GitLab's `/…/` regex literals require.
 *
 * @see https://docs.gitlab.com/ci/jobs/job_rules/#compare-a-variable-to-a-regular-expression
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 */
export function globToGitlabRegex(glob: string): string {
  return filterPatternToRegex(glob).replaceAll('/', '\\/');
}

/** `$VAR =~ /^(a|b)$/` for a list of globs, or undefined for an empty list. */
export function matchAnyGlob(variable: string, globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  const alternatives = globs.map((g) => globToGitlabRegex(g).slice(1, -1));
  return `${variable} =~ /^(${alternatives.join('|')})$/`;
}
