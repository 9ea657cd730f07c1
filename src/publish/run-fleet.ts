import pLimit from 'p-limit';
import type { FleetEntry } from './fleet-file.js';
import type { PullRequestResult } from './open-or-update-pull-request.js';

/**
 * Options of {@link runFleet}.
 *
 * @see https://github.com/sindresorhus/p-limit
 */
export interface FleetRunOptions {
  /** Repositories worked on at once; 1..32. */
  readonly concurrency: number;
  /** Called when a repository starts. */
  readonly onStart?: (entry: FleetEntry) => void;
  /** Called with each result as it comes. */
  readonly onResult?: (entry: FleetEntry, result: PullRequestResult) => void;
}

/**
 * Largest accepted `concurrency`.
 *
 * @see https://github.com/sindresorhus/p-limit
 */
export const MAX_FLEET_CONCURRENCY = 32;

/**
 * Run `update` for every entry with at most `concurrency` in flight (p-limit). A repository whose update throws
 * becomes a `failed` result with the error's message; the others go on. Results are in the entries' order.
 *
 * @throws {RangeError} when `concurrency` is not an integer in 1..{@link MAX_FLEET_CONCURRENCY}.
 * @see https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 */
export async function runFleet(
  entries: readonly FleetEntry[],
  update: (entry: FleetEntry) => Promise<PullRequestResult>,
  options: FleetRunOptions,
): Promise<PullRequestResult[]> {
  const { concurrency } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_FLEET_CONCURRENCY) {
    throw new RangeError(`--concurrency: expected an integer from 1 to ${MAX_FLEET_CONCURRENCY}, got ${concurrency}`);
  }
  const limit = pLimit(concurrency);
  return Promise.all(
    entries.map((entry) =>
      limit(async () => {
        options.onStart?.(entry);
        let result: PullRequestResult;
        try {
          result = await update(entry);
        } catch (error) {
          result = {
            repository: entry.path,
            platform: entry.platform,
            outcome: 'failed',
            reason: (error as Error).message,
          };
        }
        options.onResult?.(entry, result);
        return result;
      }),
    ),
  );
}
