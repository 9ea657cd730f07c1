import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnvFile } from '../../io/read-env-file.js';
import { readRepoMetadata } from '../../io/read-repo-metadata.js';
import { metaInputsForCi } from '../../synth/meta-inputs.js';
import { computeMeta, type MetaInputs, type MetaResult } from '../../tags/compute-meta.js';
import type { EventContext } from '../../tags/event-context.js';
import { formatExplain } from '../../tags/explain.js';
import { contextFromGithub, readMetaOptionsFromEnv, type GithubRepoData } from '../../tags/github-context.js';
import { contextFromGitlab } from '../../tags/gitlab-context.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import { UsageError } from '../usage-error.js';
import type { MetaOptions } from './meta-args.js';

export type { MetaOptions };

interface CaseFile {
  env?: Record<string, string>;
  event?: object;
  inputs?: Partial<Record<keyof Omit<MetaInputs, 'shortShaLength' | 'annotationLevels'>, string[]>>;
  clock?: string;
  repo?: GithubRepoData;
}

/**
 * `dockyard meta`: preview the version, tags, labels and annotations a pipeline computes, for a case file
 * (`--input`) or for the current CI environment with the project's tag strategy (`--ci github|gitlab`).
 *
 * @returns 0, or 1 for bad input (an unknown tag type, a semver rule without pattern, a malformed env file…).
 * @throws {UsageError} when neither or both of --input and --ci are given, or --ci is not github or gitlab.
 * @see https://github.com/docker/metadata-action#outputs
 */
export async function runMeta(
  options: MetaOptions,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): Promise<number> {
  if (Boolean(options.input) === Boolean(options.ci))
    throw new UsageError('give either --input FILE or --ci github|gitlab');
  if (options.ci && options.ci !== 'github' && options.ci !== 'gitlab')
    throw new UsageError(`--ci must be github or gitlab, got "${options.ci}"`);
  const dir = resolve(options.dir ?? '.');
  let inputs: MetaInputs;
  let context: EventContext;
  let clock: Date;
  try {
    if (options.input) {
      const file = JSON.parse(readFileSync(resolve(options.input), 'utf8')) as CaseFile;
      const caseEnv = file.env ?? {};
      inputs = {
        images: [],
        tags: [],
        flavor: [],
        labels: [],
        annotations: [],
        ...file.inputs,
        ...readMetaOptionsFromEnv(caseEnv),
      };
      context = contextFromGithub(caseEnv, file.event ?? {}, file.repo ?? readRepoMetadata(dir));
      clock = file.clock ? new Date(file.clock) : now();
      if (Number.isNaN(clock.getTime())) throw new Error(`clock "${file.clock}" is not an ISO 8601 timestamp`);
    } else {
      const vars = options['event-env'] ? readEnvFile(resolve(options['event-env'])) : stringEnv(env);
      const loaded = await loadValidatedConfig(dir, options.config, output);
      if (!loaded) return 1;
      const ci = options.ci as 'github' | 'gitlab';
      inputs = { ...metaInputsForCi(loaded.config, ci, vars), ...readMetaOptionsFromEnv(vars) };
      context = ci === 'gitlab' ? contextFromGitlab(vars) : contextFromGithub(vars, readEventPayload(vars), undefined);
      clock = now();
    }
    print(computeMeta(inputs, context, clock), options, output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    output.err(`dockyard meta: ${(error as Error).message}`);
    return 1;
  }
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The GitHub event payload named by GITHUB_EVENT_PATH, or `{}`. */
function readEventPayload(vars: Record<string, string>): object {
  const path = vars.GITHUB_EVENT_PATH;
  if (!path) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

function print(result: MetaResult, options: MetaOptions, output: Output): void {
  if (options.json) {
    const { version, tags, labels, annotations, json } = result;
    output.out(JSON.stringify({ version, tags, labels, annotations, json }, null, 2));
    if (options.explain) for (const line of formatExplain(result.explain)) output.err(line);
  } else {
    const section = (title: string, items: readonly string[]) => [
      title,
      ...(items.length > 0 ? items.map((i) => `  ${i}`) : ['  (none)']),
    ];
    const { version } = result;
    const lines = [
      `version: ${version.main ?? '(none)'}${version.partial.length > 0 ? ` (also ${version.partial.join(', ')})` : ''}${version.latest ? ', latest' : ''}`,
      ...section('tags:', result.tags),
      ...section('labels:', result.labels),
      ...section('annotations:', result.annotations),
      ...(options.explain ? ['explain:', ...formatExplain(result.explain).map((l) => `  ${l}`)] : []),
    ];
    for (const line of lines) output.out(line);
  }
  for (const warning of result.warnings) output.err(`${output.color.yellow('warning')} ${warning}`);
}
