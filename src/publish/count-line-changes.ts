/**
 * Lines added and removed between two texts.
 *
 * @see https://git-scm.com/docs/git-diff#Documentation/git-diff.txt---numstat
 */
export interface LineChanges {
  readonly added: number;
  readonly removed: number;
}

/**
 * Count the lines added and removed to turn `before` into `after` (a longest-common-subsequence line diff, the
 * figures `git diff --stat` shows). A missing `before` counts every line of `after` as added. Pure; quadratic in
 * the line counts, which is fine for pipeline files (a few hundred lines).
 *
 * @see https://git-scm.com/docs/git-diff#Documentation/git-diff.txt---stat
 */
export function countLineChanges(before: string | undefined, after: string): LineChanges {
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const common = lcsLength(a.slice(start, endA), b.slice(start, endB));
  return { added: endB - start - common, removed: endA - start - common };
}

/** Lines as git compares them: a last line without a newline differs from the same text with one. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else lines[lines.length - 1] += '\0no newline at end of file';
  return lines;
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    previous = current;
  }
  return previous[b.length];
}
