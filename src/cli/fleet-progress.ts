import cliProgress from 'cli-progress';
import type { FleetEntry } from '../publish/fleet-file.js';
import type { PullRequestResult } from '../publish/open-or-update-pull-request.js';
import type { Output } from './output.js';
import { formatResultLine } from './print-publish-result.js';

/**
 * Reports fleet progress as repositories start and finish.
 *
 * @see https://github.com/npkgz/cli-progress
 */
export interface FleetProgress {
  start(entry: FleetEntry): void;
  done(entry: FleetEntry, result: PullRequestResult): void;
  stop(): void;
}

/**
 * On a terminal, a progress bar on stderr (cli-progress) naming the last repository finished; elsewhere (CI, pipes,
 * tests), one line per repository as it finishes (`formatResultLine`), to stdout or, for failures, stderr.
 *
 * @param tty whether stderr is a terminal.
 * @see https://github.com/npkgz/cli-progress
 */
export function createFleetProgress(output: Output, total: number, tty: boolean): FleetProgress {
  if (!tty) {
    return {
      start: () => {},
      done: (_, result) =>
        result.outcome === 'failed' ? output.err(formatResultLine(result)) : output.out(formatResultLine(result)),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'dockyard fleet [{bar}] {value}/{total} {last}',
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { last: '' });
  return {
    start: () => {},
    done: (entry, result) => bar.increment({ last: `${result.outcome} ${entry.id}` }),
    stop: () => bar.stop(),
  };
}
