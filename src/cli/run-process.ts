import { CLI_VERSION } from './cli-version.js';

/**
 * The exit status after a closed pipe: 128 + SIGPIPE (13), what a shell reports for git, cat or grep killed by
 * SIGPIPE when the reader (`| head -1`) exits early. Node.js ignores SIGPIPE and reports `EPIPE` on the write
 * instead, so dockyard exits with this status itself, quietly.
 *
 * @see https://nodejs.org/api/process.html#signal-events (SIGPIPE is ignored by default)
 * @see https://www.gnu.org/software/bash/manual/html_node/Exit-Status.html (128+N for a fatal signal N)
 */
export const BROKEN_PIPE_EXIT = 141;

/**
 * Exit quietly with {@link BROKEN_PIPE_EXIT} when `stream` reports `EPIPE` (its reader went away); other stream errors
 * are rethrown. Without a handler Node.js turns the `error` event into an uncaught exception with a stack trace.
 *
 * @param exit the process's exit, injectable for tests.
 * @see https://nodejs.org/api/stream.html#event-error
 */
export function exitOnBrokenPipe(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return exit(BROKEN_PIPE_EXIT);
    throw error;
  });
}

/**
 * The `dockyard` executable: handle a closed stdout/stderr once for every command, run the CLI on `argv` and set
 * the process's exit code (0 ok, 1 failure, 2 usage error, 141 the output pipe was closed).
 *
 * `--version` is answered here, before the command table (citty, every command's flags) is loaded; the commands
 * themselves load their code only when they run (see `main.ts`), so each pays only for what it uses.
 */
export async function runProcess(argv: readonly string[]): Promise<void> {
  exitOnBrokenPipe(process.stdout);
  exitOnBrokenPipe(process.stderr);
  if (argv[0] === '--version') {
    process.stdout.write(`${CLI_VERSION}\n`);
    process.exitCode = 0;
    return;
  }
  const { runCli } = await import('./main.js');
  process.exitCode = await runCli(argv);
}
