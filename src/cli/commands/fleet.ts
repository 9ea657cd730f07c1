import { CRON_EXPECTED, findCronProblem } from '../../config/schema/cron.js';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseMarker } from '../../emit/generated-marker.js';
import { writeFilesAtomically } from '../../io/write-files.js';
import { DEFAULT_FLEET_WORKFLOW_PATH, emitFleetWorkflow } from '../../publish/emit-fleet-workflow.js';
import { FleetFileError, parseFleetFile, type FleetEntry } from '../../publish/fleet-file.js';
import { openOrUpdatePullRequest } from '../../publish/open-or-update-pull-request.js';
import { renderFleetTable } from '../../publish/render-fleet-table.js';
import { runFleet } from '../../publish/run-fleet.js';
import { createFleetProgress } from '../fleet-progress.js';
import type { Output } from '../output.js';
import { createHostFactory, type ClientTuning, type PublishEnv } from '../publish-hosts.js';
import { UsageError } from '../usage-error.js';
import type { FleetOptions } from './fleet-args.js';
import { pullRequestOptionsOf } from './pr.js';

/**
 * How `dockyard fleet` runs: client tuning (tests) and whether stderr is a terminal (progress bar).
 *
 * @see https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export interface FleetContext {
  readonly tuning?: ClientTuning;
  readonly tty?: boolean;
  /** Directory `--repos` and `--output` are relative to; default the working directory. */
  readonly cwd?: string;
}

/**
 * `dockyard fleet`: run `dockyard pr` over every repository of a fleet file with bounded concurrency, report each
 * result (progress bar on a terminal, one line each otherwise) and a final table. With `--emit-workflow`, write the
 * scheduled GitHub Actions workflow that does the same as a matrix instead.
 *
 * @returns 0 when no repository failed, 1 when one did or the fleet file is invalid.
 * @throws {UsageError} without `--repos`, for a bad `--concurrency`, or an `--only` entry not in the file.
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export async function runFleetCommand(
  options: FleetOptions,
  output: Output,
  env: PublishEnv,
  context: FleetContext = {},
): Promise<number> {
  if (!options.repos)
    throw new UsageError(
      '--repos FILE is required: a fleet file with one OWNER/REPO (or gitlab:GROUP/PROJECT) per line',
    );
  const concurrency = options.concurrency === undefined ? 4 : Number(options.concurrency);
  if (!/^\d+$/.test(options.concurrency ?? '4') || concurrency < 1 || concurrency > 32) {
    throw new UsageError(`--concurrency: expected an integer from 1 to 32, got "${options.concurrency}"`);
  }
  const cwd = context.cwd ?? process.cwd();
  const file = resolve(cwd, options.repos);
  let entries: FleetEntry[];
  try {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new FleetFileError(`${options.repos}: cannot read the fleet file (${error.code ?? error.message})`);
    });
    entries = parseFleetFile(text, options.repos);
  } catch (error) {
    output.err(`dockyard: ${(error as Error).message}`);
    return 1;
  }
  const perRepo = pullRequestOptionsOf(options);
  if (options['emit-workflow'])
    return emitWorkflow(options, entries, concurrency, cwd, relative(cwd, file).split('\\').join('/'), output);
  if (options.only !== undefined) {
    const wanted = options.only.includes(':') ? options.only : `github:${options.only}`;
    entries = entries.filter((e) => e.id === wanted);
    if (entries.length === 0) throw new UsageError(`--only: "${options.only}" is not in ${options.repos}`);
  }
  const hosts = createHostFactory(
    env,
    { github: options['github-api-url'], gitlab: options['gitlab-url'] },
    context.tuning,
  );
  const progress = createFleetProgress(output, entries.length, context.tty ?? false);
  const results = await runFleet(
    entries,
    (entry) => openOrUpdatePullRequest(hosts.host(entry.platform, entry.path), { ...perRepo, base: entry.base }),
    {
      concurrency,
      onStart: (entry) => progress.start(entry),
      onResult: (entry, result) => progress.done(entry, result),
    },
  );
  progress.stop();
  output.out('');
  for (const line of renderFleetTable(results)) output.out(line);
  if (perRepo.dryRun) output.out('dry run: nothing was changed');
  return results.some((r) => r.outcome === 'failed') ? 1 : 0;
}

async function emitWorkflow(
  options: FleetOptions,
  entries: FleetEntry[],
  concurrency: number,
  cwd: string,
  fleetFile: string,
  output: Output,
): Promise<number> {
  const path = options.output ?? DEFAULT_FLEET_WORKFLOW_PATH;
  const cronProblem = options.cron === undefined ? undefined : findCronProblem(options.cron);
  if (cronProblem !== undefined) {
    throw new UsageError(
      `--cron: not a valid cron expression: ${cronProblem}; expected ${CRON_EXPECTED}, got "${options.cron}"`,
    );
  }
  const passFlags = [
    ...(options.branch ? ['--branch', options.branch] : []),
    ...(options.draft ? ['--draft'] : []),
    ...(options.labels ?? []).flatMap((l) => ['--label', l]),
    ...(options.force ? ['--force'] : []),
    ...(options.title ? ['--title', options.title] : []),
    ...(options.message ? ['--message', options.message] : []),
    ...(options['github-api-url'] ? ['--github-api-url', options['github-api-url']] : []),
    ...(options['gitlab-url'] ? ['--gitlab-url', options['gitlab-url']] : []),
  ];
  const command = `npx dockyard fleet --repos ${fleetFile} --emit-workflow${options.output ? ` --output ${options.output}` : ''}`;
  const content = emitFleetWorkflow({
    entries,
    fleetFile,
    concurrency,
    cron: options.cron?.trim(),
    command,
    passFlags,
  });
  const existing = await readFile(resolve(cwd, path), 'utf8').catch(() => undefined);
  if (existing === content) {
    output.out(`unchanged ${path}`);
    return 0;
  }
  const marker = existing === undefined ? undefined : parseMarker(existing);
  if (existing !== undefined && (!marker || marker.recorded !== marker.actual) && !options.force) {
    output.err(
      `refused ${path}: ${marker ? 'edited by hand (checksum mismatch)' : 'exists but was not generated by dockyard'}; re-run with --force to overwrite`,
    );
    return 1;
  }
  await writeFilesAtomically(cwd, [{ path, content }]);
  output.out(
    `wrote ${path} (${entries.length} repositories, max-parallel ${concurrency}; secrets: ${[...new Set(entries.map((e) => (e.platform === 'github' ? 'DOCKYARD_GITHUB_TOKEN' : 'DOCKYARD_GITLAB_TOKEN')))].join(', ')})`,
  );
  return 0;
}
