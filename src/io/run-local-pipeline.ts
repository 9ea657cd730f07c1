import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Output } from '../cli/output.js';
import {
  LOCAL_TOOLS,
  LOCAL_WORK_DIR,
  type LocalCommand,
  type LocalJobRun,
  type LocalRunPlan,
  type LocalTool,
} from '../targets/local/index.js';
import { findExecutable } from '../validate/run-process.js';

/** The outcome of one job instance of a local run. */
export interface LocalJobResult {
  readonly job: LocalJobRun;
  readonly result: 'passed' | 'failed' | 'not run';
  /** Why it failed or did not run; empty when it passed. */
  readonly reason: string;
}

/** How the rim runs a command: `spawnSync` with inherited output (tests pass a fake). */
export type RunCommand = (
  command: LocalCommand,
  cwd: string,
  env: NodeJS.ProcessEnv,
) => Pick<SpawnSyncReturns<unknown>, 'status' | 'error'>;

/** Run one command with its output on the terminal: an argv directly, an sh script by `sh -c`. */
export const spawnLocalCommand: RunCommand = (command, cwd, env) =>
  command.kind === 'argv'
    ? spawnSync(command.argv[0]!, command.argv.slice(1), { cwd, env: { ...env, ...command.env }, stdio: 'inherit' })
    : spawnSync('sh', ['-c', command.script], { cwd, env: { ...env, ...command.env }, stdio: 'inherit' });

/** The tools of `LOCAL_TOOLS` found on `PATH`. */
export function detectLocalTools(envPath: string | undefined = process.env.PATH): Set<LocalTool> {
  return new Set(LOCAL_TOOLS.filter((tool) => findExecutable(tool, envPath) !== undefined));
}

/**
 * Run a local plan in `cwd` (the project directory; the work directory is `cwd/dockyard/`): each job instance's
 * commands in order, stopping the job at its first failing command and the run at the first failed job (later jobs
 * are "not run"); commands marked `always` (gate result writers) run whatever happened, with `DOCKYARD_JOB_STATUS`
 * `success` or `failed`. A job whose work cannot run here is "not run" with the reason, never passed. Prints one
 * line per job instance, `job [platform]: passed|failed|not run (reason)`, and the gate summary's path.
 *
 * @returns each instance's result, in order, and the exit code: 1 when a job failed, a verify job did not run here
 *   (a missing tool) or a publish job was held back by one; else 0.
 * @see ../../docs/local-run.md
 */
export function runLocalPipeline(
  plan: LocalRunPlan,
  cwd: string,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
  run: RunCommand = spawnLocalCommand,
): { results: LocalJobResult[]; exitCode: number } {
  const results: LocalJobResult[] = [];
  let stopped: string | undefined;
  for (const job of plan.jobs) {
    const name = `${job.job}${job.platform ? ` [${job.platform}]` : ''}`;
    if (stopped) {
      results.push({ job, result: 'not run', reason: stopped });
      continue;
    }
    output.err(`dockyard run: ${name}`);
    for (const note of job.notRun.filter((n) => !n.blocking)) output.err(`  ${note.step} not run: ${note.reason}`);
    const blocking = job.notRun.find((n) => n.blocking);
    let failure: string | undefined;
    for (const command of job.commands) {
      if (command.always) continue;
      if (failure || blocking) break;
      const done = run(command, cwd, env);
      if (done.error) failure = `${command.step}: ${done.error.message}`;
      else if (done.status !== 0) failure = `${command.step} exited with status ${done.status ?? 'signal'}`;
    }
    const status = failure ? 'failed' : 'success';
    for (const command of job.commands.filter((c) => c.always)) {
      run(command, cwd, { ...env, DOCKYARD_JOB_STATUS: status });
    }
    if (failure) {
      results.push({ job, result: 'failed', reason: failure });
      stopped = `${name} failed`;
    } else if (blocking) {
      results.push({
        job,
        result: 'not run',
        reason: `${blocking.gate ? `${blocking.gate}: ` : ''}${blocking.reason}`,
      });
    } else {
      results.push({ job, result: 'passed', reason: '' });
    }
  }
  output.out('');
  for (const r of results) {
    const name = `${r.job.job}${r.job.platform ? ` [${r.job.platform}]` : ''}`;
    output.out(`${name}: ${r.result}${r.reason ? ` (${r.reason})` : ''}`);
  }
  if (existsSync(join(cwd, LOCAL_WORK_DIR, 'gates.md'))) output.out(`gate summary: ${LOCAL_WORK_DIR}/gates.md`);
  // A run passes only when every verify job ran and passed: a gate that could not run here is a gap, never a pass, and
  // a publish job held back by one fails the run too (--push asked for it, nothing was published). Publish jobs
  // without --push, and the CI-only sign, deploy and notify, are "not run" without failing it.
  const unverified = results.filter((r) => r.result === 'not run' && (r.job.stage === 'verify' || r.job.held));
  const anyFailed = results.some((r) => r.result === 'failed');
  const failed = anyFailed || unverified.length > 0;
  if (!anyFailed && unverified.length > 0)
    output.out(`not verified here: ${unverified.length} job(s) did not run (install the tools named above)`);
  return { results, exitCode: failed ? 1 : 0 };
}
