/**
 * Make a config-supplied string literal in a GitHub workflow: GitHub evaluates `${{ … }}` in step names,
 * `with:` and `env:` values, so an occurrence in a build arg, path or test command is rewritten as the
 * expression `${{ '${{' }}`, which renders the two characters back.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#literals
 */
export function githubLiteral(value: string): string {
  return value.replaceAll('${{', "${{ '${{' }}");
}
