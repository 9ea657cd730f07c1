import { dirname, resolve } from 'node:path';
import { PLATFORM_IDS, type PlatformId } from '../../config/schema/primitives.js';
import { readStepScripts } from '../../io/read-step-scripts.js';
import { readGitEvent } from '../../io/read-git-event.js';
import { detectLocalTools, runLocalPipeline, type RunCommand } from '../../io/run-local-pipeline.js';
import { planPipeline } from '../../model/plan-pipeline.js';
import { LocalRunError, localTarget } from '../../targets/local/index.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import { UsageError } from '../usage-error.js';
import type { RunOptions } from './run-args.js';

export type { RunOptions };

/**
 * `dockyard run`: execute the pipeline of the config on this machine (the local target, docs/local-run.md): build
 * each selected platform's candidate with buildah, run the test and the gates whose tools are installed on that exact
 * image, and with `--push` publish by digest to `--registry-override` and merge the index under the engine's tags.
 * The tags are computed for a push of the checked-out branch at `HEAD` (git at the config's directory).
 *
 * @returns 0 when every job that ran passed (jobs that could not run are listed "not run"); 1 for an invalid config or
 *   a failed job.
 * @throws {UsageError} for `--push` without `--registry-override`, an unknown `--platform`, or one the config does not
 *   build.
 */
export async function runRun(
  options: RunOptions,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
  run?: RunCommand,
): Promise<number> {
  if (options.push && !options['registry-override'])
    throw new UsageError('--push needs --registry-override HOST: dockyard run never pushes to the config’s registries');
  for (const platform of options.platforms ?? []) {
    if (!(PLATFORM_IDS as readonly string[]).includes(platform))
      throw new UsageError(
        `--platform: unknown platform; expected one of ${PLATFORM_IDS.join(', ')}, got "${platform}"`,
      );
  }
  const loaded = await loadValidatedConfig(resolve(options.dir ?? '.'), options.config, output);
  if (!loaded) return 1;
  const project = dirname(loaded.path);
  const event = await readGitEvent(project, new Date());
  for (const note of event.notes) output.err(`dockyard run: ${note}`);
  try {
    const plan = localTarget.planRun(planPipeline(loaded.config), readStepScripts(), {
      platforms: (options.platforms ?? []) as PlatformId[],
      push: options.push ?? false,
      ...(options['registry-override'] ? { registryOverride: options['registry-override'] } : {}),
      tools: detectLocalTools(env.PATH),
      context: event.context,
      clock: event.clock,
    });
    output.err(`dockyard run: tags ${plan.tags.join(' ') || '(none)'}`);
    return runLocalPipeline(plan, project, output, env, run).exitCode;
  } catch (error) {
    if (error instanceof LocalRunError) throw new UsageError(error.message);
    throw error;
  }
}
