import { createColors } from 'picocolors';

/** Where the CLI writes: injectable so commands can be run and checked in-process. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  readonly color: ReturnType<typeof createColors>;
}

/**
 * Colours are on only for a TTY, outside CI, and without NO_COLOR (any value).
 *
 * @see https://no-color.org/
 */
export function shouldUseColor(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  return isTty && !env.CI && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** Output to the process's stdout/stderr. */
export function createProcessOutput(): Output {
  const color = createColors(shouldUseColor(process.env, Boolean(process.stdout.isTTY)));
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color,
  };
}
