import { pinCommentFor, useAction } from '../targets/github/action-pins.js';
import { addMarker } from '../emit/generated-marker.js';
import { renderYaml } from '../emit/render-yaml.js';
import type { FleetEntry } from './fleet-file.js';
import { quoteShellWord } from '../emit/shell-quote.js';

/**
 * Where `dockyard fleet --emit-workflow` writes by default.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-how-your-workflow-runs/running-variations-of-jobs-in-a-workflow
 */
export const DEFAULT_FLEET_WORKFLOW_PATH = '.github/workflows/dockyard-fleet.yml';

/**
 * GitHub's limit on jobs one matrix creates.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-how-your-workflow-runs/running-variations-of-jobs-in-a-workflow
 */
export const MAX_MATRIX_JOBS = 256;

/**
 * Options of {@link emitFleetWorkflow}.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-how-your-workflow-runs/running-variations-of-jobs-in-a-workflow
 */
export interface FleetWorkflowOptions {
  readonly entries: readonly FleetEntry[];
  /** The fleet file, relative to the repository the workflow lives in, e.g. `repos.txt`. */
  readonly fleetFile: string;
  /** Matrix jobs at once (`max-parallel`). */
  readonly concurrency: number;
  /** Cron (UTC); default Monday 06:00. */
  readonly cron?: string;
  /** The regenerate command written into the marker. */
  readonly command: string;
  /** Extra flags passed to every update, e.g. `['--draft', '--label', 'ci']`. */
  readonly passFlags?: readonly string[];
}

/**
 * The scheduled GitHub Actions workflow that runs `dockyard fleet --only ENTRY` as a matrix over the fleet file's
 * repositories (one job each, `fail-fast: false`, `max-parallel` = concurrency), in the repository that holds the
 * fleet file and a package.json with dockyard. Built from objects and rendered with `renderYaml` and the generated
 * marker. Least privilege: `permissions: {}` at the top and `contents: read` for the job (checkout); the
 * repositories are written with the tokens in the `DOCKYARD_GITHUB_TOKEN` / `DOCKYARD_GITLAB_TOKEN` secrets.
 * Matrix values reach the shell only through `env`. Pure.
 *
 * @throws {RangeError} with more than {@link MAX_MATRIX_JOBS} repositories (split the fleet file).
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions
 */
export function emitFleetWorkflow(options: FleetWorkflowOptions): string {
  const { entries } = options;
  if (entries.length > MAX_MATRIX_JOBS) {
    throw new RangeError(
      `--emit-workflow: a matrix holds at most ${MAX_MATRIX_JOBS} jobs, got ${entries.length} repositories; split ${options.fleetFile}`,
    );
  }
  const env: Record<string, string> = { ENTRY: '${{ matrix.repository }}', FLEET_FILE: options.fleetFile };
  if (entries.some((e) => e.platform === 'github')) env.GITHUB_TOKEN = '${{ secrets.DOCKYARD_GITHUB_TOKEN }}';
  if (entries.some((e) => e.platform === 'gitlab')) env.GITLAB_TOKEN = '${{ secrets.DOCKYARD_GITLAB_TOKEN }}';
  const flags = (options.passFlags ?? []).map(quoteShellWord).join(' ');
  const workflow = {
    name: 'dockyard fleet',
    on: { schedule: [{ cron: options.cron ?? '0 6 * * 1' }], workflow_dispatch: {} },
    permissions: {},
    concurrency: { group: 'dockyard-fleet', 'cancel-in-progress': false },
    jobs: {
      update: {
        name: 'update ${{ matrix.repository }}',
        'runs-on': 'ubuntu-24.04',
        permissions: { contents: 'read' },
        'timeout-minutes': 15,
        strategy: {
          'fail-fast': false,
          'max-parallel': options.concurrency,
          matrix: { repository: entries.map((e) => e.id) },
        },
        steps: [
          useAction('checkout', 'Check out the fleet file and the pinned dockyard', { 'persist-credentials': false }),
          { name: 'Install dockyard', run: 'npm ci' },
          {
            name: 'Open or update the pull/merge request',
            env,
            run: `npx dockyard fleet --repos "$FLEET_FILE" --only "$ENTRY"${flags ? ` ${flags}` : ''}`,
          },
        ],
      },
    },
  };
  return addMarker(renderYaml(workflow, { usesComment: pinCommentFor }), {
    configFile: options.fleetFile,
    command: options.command,
  });
}
