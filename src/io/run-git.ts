import { execFile } from 'node:child_process';

/**
 * A git command that exited non-zero; `stderr` is git's own explanation.
 *
 * @see https://git-scm.com/docs/git
 */
export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Run `git -C dir ARGS...` (no shell; `LC_ALL=C` so messages are stable; no terminal prompts) and return its stdout.
 *
 * @throws {GitError} naming the command, exit code and git's stderr when it exits non-zero, or when git is missing.
 * @see https://git-scm.com/docs/git
 */
export function runGit(dir: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      { env: { ...env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return done(stdout);
        const code = typeof error.code === 'number' ? error.code : undefined;
        const why = error.code === 'ENOENT' ? 'git is not installed or not on PATH' : stderr.trim() || error.message;
        fail(new GitError(`git ${args.join(' ')}: ${why}`, code, stderr));
      },
    );
  });
}

/**
 * Like {@link runGit}, but `undefined` instead of an error when git exits non-zero (e.g. an absent object).
 *
 * @see https://git-scm.com/docs/git
 */
export async function tryGit(
  dir: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  try {
    return await runGit(dir, args, env);
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== undefined) return undefined;
    throw error;
  }
}
