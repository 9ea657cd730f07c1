/**
 * The one shell quoter of the generated scripts: a literal becomes one POSIX sh word. Words of characters sh gives
 * no meaning to (letters, digits and `_ . / : = , @ % + -`) stay as they are; anything else, the empty string
 * included, is single-quoted, with each `'` written as `'\''`. POSIX sh 2.2 Quoting lists `=` and `%` among the
 * characters that are special only in some places: `=` in a word before the command name (an assignment), `%` in
 * a job id; so the result is for argument positions, never the command word. (The other quoters in the sources
 * are not shell quoters: `describe-drift.ts` quotes a line for a message as JSON, `tag-rule.ts` a CSV field.)
 *
 * @param value the literal.
 * @returns a shell word that expands to exactly `value`.
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_02 (POSIX.1-2024,
 *   2.2.2 Single-Quotes: "preserve the literal value of each character"; a single-quote cannot occur inside)
 */
export function quoteShellWord(value: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
