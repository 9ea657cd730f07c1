/**
 * The one shell quoter of the generated scripts: a literal becomes one POSIX sh word. Words of characters sh gives
 * no meaning to (letters, digits and `_ . / : = , @ % + -`) stay as they are; anything else, the empty string
 * included, is single-quoted, with each `'` written as `'\''`.
 *
 * @param value the literal.
 * @returns a shell word that expands to exactly `value`.
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_02 (single quotes)
 */
export function quoteShellWord(value: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
