import { stripVTControlCharacters } from 'node:util';
import { defineCommand, renderUsage, runCommand, type ArgsDef, type CommandDef } from 'citty';
import { ConfigLoadError } from '../io/load-config.js';
import { UnsafeWritePathError } from '../io/write-files.js';
import { CLI_VERSION } from './cli-version.js';
import { synthArgs } from './commands/synth-args.js';
import { validateArgs } from './commands/validate-args.js';
import { metaArgs } from './commands/meta-args.js';
import { commitArgs } from './commands/commit-args.js';
import { prArgs } from './commands/pr-args.js';
import { fleetArgs } from './commands/fleet-args.js';
import { initArgs } from './commands/init-args.js';
import { doctorArgs } from './commands/doctor-args.js';
import { collectInputs, triggerArgs } from './commands/trigger-args.js';
import { planArgs } from './commands/plan-args.js';
import { runArgs } from './commands/run-args.js';
import { collectRepeated } from './collect-repeated.js';
import { createProcessOutput, type Output } from './output.js';
import { checkFlags, UsageError } from './usage-error.js';
import { describeFileSystemError } from './describe-file-system-error.js';
import type { InitPrompts } from '../init/init-prompts.js';

export { CLI_VERSION };

/** Print a command's usage, without colours unless the output wants them. */
async function printUsage(output: Output, cmd: CommandDef<ArgsDef>, parent?: CommandDef<ArgsDef>): Promise<void> {
  const text = await renderUsage(cmd, parent);
  output.out(output.color.isColorSupported ? text : stripVTControlCharacters(text));
}

function commands(
  output: Output,
  setExit: (code: number) => void,
  initPrompts?: InitPrompts,
): Record<string, CommandDef<ArgsDef>> {
  const synth = defineCommand({
    meta: { name: 'synth', description: 'Render the pipeline files from the config' },
    args: synthArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, synthArgs);
      const { runSynth } = await import('./commands/synth.js');
      setExit(await runSynth(args, output));
    },
  });
  const validate = defineCommand({
    meta: { name: 'validate', description: 'Check the committed pipeline files with GitHub/GitLab validators' },
    args: validateArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, validateArgs);
      const { runValidate } = await import('./commands/validate.js');
      setExit(await runValidate(args, output));
    },
  });
  const meta = defineCommand({
    meta: { name: 'meta', description: 'Preview the version, tags, labels and annotations a pipeline computes' },
    args: metaArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, metaArgs);
      const { runMeta } = await import('./commands/meta.js');
      setExit(await runMeta(args, output));
    },
  });
  const commit = defineCommand({
    meta: {
      name: 'commit',
      description: 'Synthesise and commit exactly the generated files in the local git repository',
    },
    args: commitArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, commitArgs);
      const { runCommit } = await import('./commands/commit.js');
      setExit(await runCommit(args, output));
    },
  });
  const pr = defineCommand({
    meta: {
      name: 'pr',
      description: 'Open or update the pull/merge request that regenerates a remote repository’s pipelines',
    },
    args: prArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, prArgs);
      const { runPr } = await import('./commands/pr.js');
      setExit(await runPr({ ...args, labels: collectRepeated(rawArgs, 'label') }, output, process.env));
    },
  });
  const fleet = defineCommand({
    meta: { name: 'fleet', description: 'Run `dockyard pr` over a list of repositories, or emit a workflow that does' },
    args: fleetArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, fleetArgs);
      const { runFleetCommand } = await import('./commands/fleet.js');
      setExit(
        await runFleetCommand({ ...args, labels: collectRepeated(rawArgs, 'label') }, output, process.env, {
          tty: Boolean(process.stderr.isTTY),
        }),
      );
    },
  });
  const init = defineCommand({
    meta: {
      name: 'init',
      description:
        'Detect the Dockerfile, remote and language; write dockyard.config.ts (and a Dockerfile from a template), then synth',
    },
    args: initArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, initArgs);
      const { runInit } = await import('./commands/init.js');
      const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const prompts = tty ? (await import('./clack-prompts.js')).createClackPrompts() : undefined;
      setExit(await runInit(args, output, { prompts: initPrompts ?? prompts }));
    },
  });
  const doctor = defineCommand({
    meta: { name: 'doctor', description: 'Report what in the Dockerfile and config weakens the pipeline, with fixes' },
    args: doctorArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, doctorArgs);
      const { runDoctor } = await import('./commands/doctor.js');
      setExit(await runDoctor(args, output));
    },
  });
  const trigger = defineCommand({
    meta: {
      name: 'trigger',
      description:
        'Start a build on GitHub (workflow_dispatch / repository_dispatch) or GitLab (pipeline trigger token) and print its URL',
    },
    args: triggerArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, triggerArgs);
      const { runTrigger } = await import('./commands/trigger.js');
      setExit(await runTrigger({ ...args, inputs: collectInputs(rawArgs) }, output, process.env));
    },
  });
  const plan = defineCommand({
    meta: {
      name: 'plan',
      description: 'Show the jobs, runners, gates and tags of the pipeline, as text, JSON or a Mermaid graph',
    },
    args: planArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, planArgs);
      const { runPlan } = await import('./commands/plan.js');
      setExit(await runPlan(args, output));
    },
  });
  const run = defineCommand({
    meta: {
      name: 'run',
      description:
        'Run the pipeline on this machine: build, test and gate each candidate with buildah; --push publishes to --registry-override',
    },
    args: runArgs,
    async run({ args, rawArgs }) {
      checkFlags(rawArgs, runArgs);
      const { runRun } = await import('./commands/run.js');
      setExit(await runRun({ ...args, platforms: collectRepeated(rawArgs, 'platform') }, output, process.env));
    },
  });
  return { init, doctor, synth, validate, meta, plan, run, commit, pr, fleet, trigger } as unknown as Record<
    string,
    CommandDef<ArgsDef>
  >;
}

/**
 * Run the dockyard CLI in-process.
 *
 * @param argv arguments after the program name, e.g. `['synth', '--check']`.
 * @param initPrompts the prompts `dockyard init` asks (tests inject scripted ones); default: @clack/prompts on a TTY, none otherwise.
 * @returns the exit code: 0 ok, 1 validation failure, drift or a file-system error (printed as one line: path,
 *   problem, code; see {@link describeFileSystemError}), 2 usage error.
 */
export async function runCli(
  argv: readonly string[],
  output: Output = createProcessOutput(),
  initPrompts?: InitPrompts,
): Promise<number> {
  let exit = 0;
  const sub = commands(output, (code) => (exit = code), initPrompts);
  const main = defineCommand({
    meta: {
      name: 'dockyard',
      version: CLI_VERSION,
      description: 'Container-image pipelines for GitHub Actions and GitLab CI from one typed config',
    },
    subCommands: sub,
  });
  const rawArgs = [...argv];
  if (rawArgs.length === 0 || rawArgs[0] === '--help' || rawArgs[0] === '-h') {
    await printUsage(output, main as CommandDef<ArgsDef>);
    return rawArgs.length === 0 ? 2 : 0;
  }
  if (rawArgs[0] === '--version') {
    output.out(CLI_VERSION);
    return 0;
  }
  const name = rawArgs[0];
  if (sub[name] && (rawArgs.includes('--help') || rawArgs.includes('-h'))) {
    await printUsage(output, sub[name], main as CommandDef<ArgsDef>);
    return 0;
  }
  try {
    await runCommand(main, { rawArgs });
    return exit;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('E_')) {
      output.err(`dockyard: ${(error as Error).message}`);
      output.err('Run `dockyard --help` for usage.');
      return 2;
    }
    if (error instanceof ConfigLoadError) {
      output.err(`dockyard: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof UnsafeWritePathError) {
      output.err(`dockyard: ${error.message}`);
      return 1;
    }
    const fileProblem = describeFileSystemError(error, process.cwd());
    if (fileProblem) {
      output.err(`dockyard: ${fileProblem}`);
      return 1;
    }
    output.err(`dockyard: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
