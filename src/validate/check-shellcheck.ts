/**
 * Lint the shell scripts of a pipeline file with the `shellcheck` binary.
 *
 * @module
 */
import type { ExtractedScript } from './extract-scripts.js';
import type { Finding } from './finding.js';
import { findExecutable, mapWithLimit, runProcess } from './run-process.js';

/**
 * shellcheck's own severity levels, most severe first.
 * @see https://www.shellcheck.net/wiki/Severity
 */
export type ShellcheckLevel = 'error' | 'warning' | 'info' | 'style';

/**
 * Options of {@link checkWithShellcheck}; every field is optional.
 * @see https://github.com/koalaman/shellcheck/blob/master/shellcheck.1.md#options
 */
export interface ShellcheckOptions {
  /** Lowest level reported (shellcheck `--severity`). Default: `'style'` (everything). */
  severity?: ShellcheckLevel;
  /** Check codes to ignore, e.g. `['SC2034']` (shellcheck `--exclude`). Default: none. */
  exclude?: readonly string[];
  /** The shellcheck program. Default: `shellcheck` found on `PATH`. */
  command?: string;
  /** Scripts checked at the same time. Default: 4. */
  concurrency?: number;
  /** Per-script time limit in ms. Default: 30 000. */
  timeoutMs?: number;
}

/** One entry of `comments` in shellcheck's `--format=json1` output. */
interface ShellcheckComment {
  line: number;
  column: number;
  level: ShellcheckLevel;
  code: number;
  message: string;
}

const NOT_INSTALLED =
  'shellcheck is not installed or not on PATH; install it (Debian/Ubuntu: apt-get install shellcheck, ' +
  'macOS: brew install shellcheck; see https://github.com/koalaman/shellcheck#installing)';

/**
 * True when a `shellcheck` executable is on `PATH`. Never throws.
 * @see https://github.com/koalaman/shellcheck#installing
 */
export function isShellcheckAvailable(): boolean {
  return findExecutable('shellcheck') !== undefined;
}

/**
 * Replace template expressions that are not shell (GitHub `${{ … }}`, GitLab `$[[ … ]]`) with
 * underscores of the same length, keeping line breaks, so shellcheck sees plain words and
 * reports unchanged lines and columns (actionlint does the same).
 *
 * Pure; never throws.
 *
 * @example maskTemplateExpressions('echo "${{ github.sha }}"') // => 'echo "_________________"'
 * @see https://github.com/rhysd/actionlint/blob/main/docs/checks.md#check-shellcheck-integ
 */
export function maskTemplateExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}|\$\[\[[\s\S]*?\]\]/g, (m) => m.replace(/[^\n]/g, '_'));
}

/**
 * Run shellcheck on each script, as if it were a file starting with `#!/bin/bash` or `#!/bin/sh`
 * (by `script.shell`; also passed as `--shell`). Runs
 * `shellcheck --format=json1 --norc --shell=<shell> --severity=<level> [--exclude=…] -` with the
 * script on stdin, so no temp files and no `.shellcheckrc` of the caller's tree are involved.
 * Template expressions are masked first (see {@link maskTemplateExpressions}).
 *
 * Findings carry no `line`/`column` in the YAML file (the scripts come from a parsed object);
 * the place is in the message instead:
 * `<location>:<line>:<col>: SC<code> (<level>): <text>`, with line/col inside the script
 * (1 = its first line). shellcheck `error` maps to severity `error`; `warning`, `info` and
 * `style` map to `warning`.
 *
 * @param scripts - from `extractGithubScripts` / `extractGitlabScripts`.
 * @param fileName - the pipeline file, used as {@link Finding.file}.
 * @returns findings in script order, then shellcheck's order; `[]` when all scripts are clean.
 * @throws Error "shellcheck is not installed or not on PATH …" when the program is missing
 *   (the caller decides whether that is fatal); Error with shellcheck's stderr when it exits
 *   with a code other than 0 (clean) or 1 (comments found), or prints something not JSON.
 * @see https://www.shellcheck.net/wiki/
 * @see https://github.com/koalaman/shellcheck/blob/master/shellcheck.1.md
 */
export async function checkWithShellcheck(
  scripts: readonly ExtractedScript[],
  fileName: string,
  opts: ShellcheckOptions = {},
): Promise<Finding[]> {
  const command = opts.command ?? findExecutable('shellcheck');
  if (command === undefined) throw new Error(NOT_INSTALLED);
  const perScript = await mapWithLimit(scripts, opts.concurrency ?? 4, (s) => lintOne(command, s, fileName, opts));
  return perScript.flat();
}

async function lintOne(
  command: string,
  s: ExtractedScript,
  fileName: string,
  opts: ShellcheckOptions,
): Promise<Finding[]> {
  const args = ['--format=json1', '--norc', `--shell=${s.shell}`, `--severity=${opts.severity ?? 'style'}`];
  if (opts.exclude !== undefined && opts.exclude.length > 0) args.push(`--exclude=${opts.exclude.join(',')}`);
  args.push('-');
  const body = maskTemplateExpressions(s.script);
  const input = `#!/bin/${s.shell}\n${body}${body.endsWith('\n') ? '' : '\n'}`;
  let result;
  try {
    result = await runProcess(command, args, { input, timeoutMs: opts.timeoutMs ?? 30_000 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${NOT_INSTALLED} (tried: ${command})`);
    throw err;
  }
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`shellcheck exited with code ${result.code} on ${fileName} ${s.location}: ${result.stderr.trim()}`);
  }
  let comments: ShellcheckComment[];
  try {
    comments = (JSON.parse(result.stdout) as { comments: ShellcheckComment[] }).comments;
  } catch {
    throw new Error(
      `shellcheck printed output that is not json1 on ${fileName} ${s.location}: ${result.stdout.slice(0, 200)}`,
    );
  }
  return comments.map((c) => ({
    tool: 'shellcheck' as const,
    file: fileName,
    severity: c.level === 'error' ? ('error' as const) : ('warning' as const),
    // Line 1 of the input is the shebang we added.
    message: `${s.location}:${c.line - 1}:${c.column}: SC${c.code} (${c.level}): ${c.message}`,
  }));
}
