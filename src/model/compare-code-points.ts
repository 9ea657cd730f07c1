/**
 * Order two strings by Unicode code point, the same on every machine: unlike `localeCompare` (which follows the
 * ICU default locale Node derives from `LC_ALL`/`LC_MESSAGES`/`LANG`, so `ı`, `å` or `a_b` vs `aB` sort
 * differently under `tr_TR`, `sv_SE` or `C`), and unlike `Array.prototype.sort()` without a comparator (UTF-16 code
 * units, which put astral characters before U+E000–U+FFFF). Use it for every order that reaches a generated file.
 *
 * @returns a negative number when `a` comes first, positive when `b` does, 0 when they are equal.
 * @see https://tc39.es/ecma262/#sec-string.prototype.localecompare (implementation-defined, locale-sensitive)
 * @see https://nodejs.org/api/intl.html (Node's default locale comes from the environment)
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const diff = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}

/**
 * A copy of `record` with its keys in {@link compareCodePoints} order (YAML mappings keep insertion order).
 *
 * @returns a new object; the input is not changed.
 */
export function sortRecordByKey<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodePoints(a, b)));
}
