/**
 * Small process helpers shared by the checkers that run external programs
 * (shellcheck, gitlab-ci-local). Internal to `src/validate/`.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What {@link runProcess} resolves to once the child has exited.
 * @see https://nodejs.org/docs/latest-v20.x/api/child_process.html#event-close
 */
export interface ProcessResult {
  /** Exit code; `null` when the child was ended by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Options of {@link runProcess}; every field is optional.
 * @see https://nodejs.org/docs/latest-v20.x/api/child_process.html#child_processspawncommand-args-options
 */
export interface RunProcessOptions {
  /** Text written to the child's stdin, which is then closed. Default: stdin closed at once. */
  input?: string;
  cwd?: string;
  /** Full environment of the child. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGKILL, by its pid) and reject after this many ms. Default: 60 000. */
  timeoutMs?: number;
}

/**
 * Run a program without a shell and collect its output.
 *
 * @returns the exit code and the whole stdout/stderr (UTF-8), whatever the exit code.
 * @throws Error with `code: 'ENOENT'` when the program does not exist, and an Error naming the
 *   command when it ran longer than `timeoutMs`.
 * @see https://nodejs.org/docs/latest-v20.x/api/child_process.html#child_processspawncommand-args-options
 */
export function runProcess(
  command: string,
  args: readonly string[],
  opts: RunProcessOptions = {},
): Promise<ProcessResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // The child may exit before reading all of stdin (EPIPE); its exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms and was killed`));
        return;
      }
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Find an executable file named `name` on `PATH` (like `command -v`), without running it.
 *
 * @param envPath - the search path. Default: `process.env.PATH`.
 * @returns its absolute path, or `undefined` when there is none. Never throws.
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/utilities/command.html
 */
export function findExecutable(name: string, envPath: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Run async `work` over `items` with at most `limit` (at least 1) in flight; the results keep
 * the input order. Rejects with the first error thrown by `work` (items already started finish).
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Promise/all
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
