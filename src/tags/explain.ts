/**
 * What became of one tag rule (or of the `latest` flavor).
 *
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export type ExplainOutcome = 'main' | 'partial' | 'duplicate' | 'latest' | 'skipped' | 'disabled';

/**
 * Why one tag rule produced a tag or not, in processing (priority) order.
 *
 * @example
 * { rule: 'type=semver,pattern={{major}}', priority: 900, outcome: 'duplicate', tag: '1.0.0-rc.1',
 *   reason: 'an earlier rule already produced this tag (pre-release 1.0.0-rc.1 only gets {{version}}, and no latest)' }
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export interface ExplainEntry {
  /** The rule as written (`type=ref,event=branch`), or `flavor latest=auto` for the `latest` tag. */
  readonly rule: string;
  /** Effective priority of the rule (absent for the `latest` entry). */
  readonly priority?: number;
  /**
   * `main`: the rule gave the version (first tag); `partial`: it added a tag; `duplicate`: its tag was already
   * there; `latest`: the `latest` tag was added; `skipped`: the rule did not apply; `disabled`: `enable` was false.
   */
  readonly outcome: ExplainOutcome;
  /** The tag produced (for `main`, `partial`, `duplicate`, `latest`). */
  readonly tag?: string;
  /** Why, in one sentence. */
  readonly reason: string;
}

/**
 * Render explain entries as aligned text lines, one per rule (`+ main    dev   type=ref,event=branch: …`).
 *
 * @see https://github.com/docker/metadata-action#priority-attribute
 */
export function formatExplain(entries: readonly ExplainEntry[]): string[] {
  const marks: Record<ExplainOutcome, string> = {
    main: '+',
    partial: '+',
    latest: '+',
    duplicate: '=',
    skipped: '-',
    disabled: '-',
  };
  const width = Math.max(0, ...entries.map((entry) => entry.outcome.length));
  return entries.map((entry) => {
    const tag = entry.tag === undefined ? '' : ` ${entry.tag}`;
    return `${marks[entry.outcome]} ${entry.outcome.padEnd(width)}${tag}  ${entry.rule}: ${entry.reason}`;
  });
}
