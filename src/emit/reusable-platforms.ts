import { REUSABLE_PARAMETERS, type DeclaredInput, type ReusableParameter } from './reusable-parameters.js';

/**
 * The `platforms` input of reusable outputs: the subset of the config's platforms to build, comma-separated
 * (default: every configured platform). Runners, slugs and QEMU stay derived from the config per platform.
 * Declared only when the config has more than one platform. GitHub: a first `platforms` job validates the input
 * and writes each per-platform job's matrix, the gate files and the slugs as job outputs. GitLab: the spec input
 * has a regex of the configured platforms; each per-platform job starts with a guard that ends it (exit 0, no gate
 * result) for an unselected platform, and the gate summary and the manifest drop the unselected slugs.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow#using-a-matrix-strategy
 * @see https://docs.gitlab.com/ci/inputs/#input-configuration
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `platforms` input: the shared table entry with a regex accepting only comma-separated `platforms`. */
export function platformsParameter(platforms: readonly string[]): ReusableParameter {
  const alternatives = platforms.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  const shared = REUSABLE_PARAMETERS.find((p) => p.name === 'platforms')!;
  return { ...shared, regex: `^(${alternatives})(,(${alternatives}))*$` };
}

/** The slug of a platform: `/` becomes `-` (as the model computes it). */
export function toPlatformSlug(platform: string): string {
  return platform.replaceAll('/', '-');
}

/** A GitHub job as far as platform selection needs it. */
interface PlatformGithubJob {
  name: string;
  needs?: string[];
  'runs-on': string;
  strategy?: { 'fail-fast': boolean; matrix: unknown };
  steps: Array<{ env?: Record<string, string>; uses?: string; with?: unknown }>;
}

/**
 * The bash script of the GitHub `platforms` job. Reads `DOCKYARD_PLATFORMS` (the input), `DOCKYARD_CONFIGURED`
 * (comma-separated), `DOCKYARD_MATRIX_TABLE` (lines `job<TAB>platform<TAB>matrix entry as JSON`),
 * `DOCKYARD_ALL_GATE_FILES` and `DOCKYARD_ALL_SLUGS` (space-separated); writes one `<job>` output per job (a
 * `{"include":[…]}` matrix), `gate_files` and `slugs` to `$GITHUB_OUTPUT`. Exits 1 with `::error::` on an unknown
 * or empty selection, or when a job's platforms are all unselected.
 */
export const GITHUB_PLATFORMS_SCRIPT = [
  'expected="platforms: expected a comma-separated subset of ${DOCKYARD_CONFIGURED//,/, }; got \\"$DOCKYARD_PLATFORMS\\""',
  'selected=" "',
  'IFS=, read -r -a wanted <<< "$DOCKYARD_PLATFORMS"',
  'for platform in "${wanted[@]}"; do',
  '  case ",$DOCKYARD_CONFIGURED," in *",$platform,"*) selected="$selected$platform " ;; *) echo "::error::$expected"; exit 1 ;; esac',
  'done',
  'if [ "$selected" = " " ]; then echo "::error::$expected"; exit 1; fi',
  'declare -A entries=()',
  'jobs=()',
  "while IFS=$'\\t' read -r job platform entry; do",
  '  [ -n "$job" ] || continue',
  '  if [ -z "${entries[$job]+set}" ]; then jobs+=("$job"); entries[$job]=""; fi',
  '  case "$selected" in *" $platform "*) entries[$job]="${entries[$job]:+${entries[$job]},}$entry" ;; esac',
  'done <<< "$DOCKYARD_MATRIX_TABLE"',
  'for job in "${jobs[@]}"; do',
  '  if [ -z "${entries[$job]}" ]; then echo "::error::platforms: job $job runs on none of the selected platforms ($DOCKYARD_PLATFORMS)"; exit 1; fi',
  '  printf \'%s={"include":[%s]}\\n\' "$job" "${entries[$job]}" >> "$GITHUB_OUTPUT"',
  'done',
  'slugs=()',
  'for platform in $selected; do slugs+=("${platform//\\//-}"); done',
  'keep=()',
  'for name in ${DOCKYARD_ALL_GATE_FILES:-}; do',
  '  for slug in $DOCKYARD_ALL_SLUGS; do',
  '    case "$name" in *-"$slug") case " ${slugs[*]} " in *" $slug "*) ;; *) continue 2 ;; esac ;; esac',
  '  done',
  '  keep+=("$name")',
  'done',
  'echo "gate_files=${keep[*]}" >> "$GITHUB_OUTPUT"',
  'ordered=()',
  'for slug in $DOCKYARD_ALL_SLUGS; do case " ${slugs[*]} " in *" $slug "*) ordered+=("$slug") ;; esac; done',
  'echo "slugs=${ordered[*]}" >> "$GITHUB_OUTPUT"',
].join('\n');

function declare(platforms: readonly string[]): DeclaredInput[] {
  return [{ parameter: platformsParameter(platforms), default: platforms.join(',') }];
}

/** The platforms of the per-platform jobs, in first-seen order. */
function collectPlatforms(entries: Iterable<string>): string[] {
  return [...new Set(entries)];
}

/**
 * A job that runs whatever its needs did (`always()` / `!cancelled()`, e.g. the gate summary) must not run after a
 * rejected platforms input: it would summarise an empty gate list as passed. Its `if` gains
 * `needs.platforms.result == 'success'`; other conditions (also those with `!failure()`, false after a failed
 * platforms job anyway) are returned unchanged.
 */
function requireSelection(condition: unknown): unknown {
  if (typeof condition !== 'string' || !/\b(always|cancelled)\(\)/.test(condition) || condition.includes('!failure()'))
    return condition;
  const inner = condition.replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  return `\${{ (${inner}) && needs.platforms.result == 'success' }}`;
}

/**
 * The platform slug of a step that downloads one platform's artifact by name (`dockyard-candidate-<slug>`, as the
 * one push job does), or undefined.
 *
 * @see https://github.com/actions/download-artifact#inputs
 */
function downloadedSlugOf(step: { uses?: unknown; with?: unknown }, slugs: readonly string[]): string | undefined {
  if (typeof step.uses !== 'string' || !step.uses.startsWith('actions/download-artifact@') || !isObj(step.with))
    return undefined;
  const name = step.with.name;
  return typeof name === 'string' ? slugs.find((slug) => name === `dockyard-candidate-${slug}`) : undefined;
}

/**
 * GitHub: when the jobs' matrices hold more than one platform, add a first `platforms` job and make every
 * per-platform job's matrix, `DOCKYARD_GATE_FILES` and `DOCKYARD_SLUGS` come from its outputs. Pure.
 *
 * @returns the jobs (the `platforms` job first) and the declared input (none for one platform).
 */
export function selectGithubPlatforms<J extends PlatformGithubJob>(
  jobs: Record<string, J>,
): { jobs: Record<string, J>; inputs: DeclaredInput[] } {
  const matrixJobs = Object.entries(jobs).flatMap(([id, job]) => {
    const include = isObj(job.strategy?.matrix) ? (job.strategy.matrix as Obj).include : undefined;
    return Array.isArray(include) && include.every((e) => isObj(e) && typeof e.platform === 'string')
      ? [[id, include as Obj[]] as const]
      : [];
  });
  const platforms = collectPlatforms(matrixJobs.flatMap(([, include]) => include.map((e) => e.platform as string)));
  if (platforms.length < 2) return { jobs, inputs: [] };
  const matrixIds = matrixJobs.map(([id]) => id);
  const table = matrixJobs
    .flatMap(([id, include]) => include.map((e) => `${id}\t${e.platform as string}\t${JSON.stringify(e)}`))
    .join('\n');
  let allGateFiles = '';
  let allSlugs = platforms.map(toPlatformSlug).join(' ');
  const rewriteEnv = (env: Record<string, string> | undefined): { env?: Record<string, string>; uses: boolean } => {
    if (!env || !('DOCKYARD_GATE_FILES' in env || 'DOCKYARD_SLUGS' in env)) return { env, uses: false };
    const out = { ...env };
    if ('DOCKYARD_GATE_FILES' in env) {
      allGateFiles = env.DOCKYARD_GATE_FILES;
      out.DOCKYARD_GATE_FILES = '${{ needs.platforms.outputs.gate_files }}';
    }
    if ('DOCKYARD_SLUGS' in env) {
      allSlugs = env.DOCKYARD_SLUGS;
      out.DOCKYARD_SLUGS = '${{ needs.platforms.outputs.slugs }}';
    }
    return { env: out, uses: true };
  };
  const slugList = platforms.map(toPlatformSlug);
  const rewritten: Record<string, J> = {};
  for (const [id, job] of Object.entries(jobs)) {
    let uses = matrixIds.includes(id);
    const steps = job.steps.map((step) => {
      const r = rewriteEnv(step.env);
      const only = matrixIds.includes(id) ? undefined : downloadedSlugOf(step, slugList);
      uses ||= r.uses || only !== undefined;
      const withEnv = r.uses ? { ...step, env: r.env } : step;
      // The one push job downloads each platform's candidate by name: an unselected platform has none to download.
      return only !== undefined
        ? { ...withEnv, if: `\${{ contains(format(' {0} ', needs.platforms.outputs.slugs), ' ${only} ') }}` }
        : withEnv;
    });
    if (!uses) {
      rewritten[id] = job;
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...job, steps })) {
      if (key === 'needs') continue;
      out[key] =
        key === 'strategy' && matrixIds.includes(id)
          ? { ...job.strategy, matrix: `\${{ fromJSON(needs.platforms.outputs.${id}) }}` }
          : key === 'if'
            ? requireSelection(value)
            : value;
      if (key === 'name') out.needs = ['platforms', ...(job.needs ?? [])];
    }
    rewritten[id] = out as unknown as J;
  }
  const first = Object.values(jobs).find((j) => !j['runs-on'].includes('${{'));
  const platformsJob = {
    name: 'platforms',
    'runs-on': first?.['runs-on'] ?? 'ubuntu-24.04',
    permissions: { contents: 'read' },
    'timeout-minutes': 5,
    outputs: Object.fromEntries(
      [...matrixIds, 'gate_files', 'slugs'].map((o) => [o, `\${{ steps.select.outputs.${o} }}`]),
    ),
    steps: [
      {
        name: 'Select the platforms',
        id: 'select',
        shell: 'bash',
        run: GITHUB_PLATFORMS_SCRIPT,
        env: {
          DOCKYARD_PLATFORMS: '${{ inputs.platforms }}',
          DOCKYARD_CONFIGURED: platforms.join(','),
          DOCKYARD_MATRIX_TABLE: table,
          DOCKYARD_ALL_GATE_FILES: allGateFiles,
          DOCKYARD_ALL_SLUGS: allSlugs,
        },
      },
    ],
  } as unknown as J;
  return { jobs: { platforms: platformsJob, ...rewritten }, inputs: declare(platforms) };
}

/** The POSIX sh guard each GitLab per-platform job starts its `script` and `after_script` with. */
export const GITLAB_PLATFORM_GUARD =
  'case ",$DOCKYARD_PLATFORMS," in *",$DOCKYARD_PLATFORM,"*) ;; *) echo "dockyard: $DOCKYARD_PLATFORM is not in the platforms input ($DOCKYARD_PLATFORMS); skipped"; exit 0 ;; esac';

/**
 * POSIX sh: narrow `DOCKYARD_GATE_FILES` and `DOCKYARD_SLUGS` to the slugs of `DOCKYARD_PLATFORMS`
 * (`DOCKYARD_ALL_SLUGS`: every configured slug). Exits 1 when a per-platform gate job (`test-<slug>`...) keeps no
 * platform, as the GitHub `platforms` job does before anything runs.
 */
export const GITLAB_PLATFORM_FILTER = [
  "selected=\" $(printf '%s' \"$DOCKYARD_PLATFORMS\" | tr '/,' '- ') \"",
  'keep=""',
  'dropped=""',
  'for name in ${DOCKYARD_GATE_FILES:-}; do',
  '  skip=0',
  '  for slug in $DOCKYARD_ALL_SLUGS; do',
  '    case "$name" in *-"$slug") case "$selected" in *" $slug "*) ;; *) skip=1; dropped="$dropped ${name%-"$slug"}" ;; esac ;; esac',
  '  done',
  '  if [ "$skip" -eq 0 ]; then keep="$keep $name"; fi',
  'done',
  'for job in $dropped; do',
  '  case "$keep " in *" $job-"*) ;; *) echo "dockyard: platforms: job $job runs on none of the selected platforms ($DOCKYARD_PLATFORMS)" >&2; exit 1 ;; esac',
  'done',
  'DOCKYARD_GATE_FILES=${keep# }',
  'keep=""',
  'for slug in ${DOCKYARD_SLUGS:-}; do case "$selected" in *" $slug "*) keep="$keep $slug" ;; esac; done',
  'DOCKYARD_SLUGS=${keep# }',
].join('\n');

/** The platforms a job runs on: its `parallel: matrix` entries, or the one of a job per platform. */
function matrixPlatforms(job: Obj): string[] {
  const own = isObj(job.variables) ? job.variables.DOCKYARD_PLATFORM : undefined;
  if (typeof own === 'string') return [own];
  const parallel = job.parallel;
  const matrix = isObj(parallel) && Array.isArray(parallel.matrix) ? parallel.matrix : [];
  return matrix.flatMap((e: unknown) => {
    const p = isObj(e) ? e.DOCKYARD_PLATFORM : undefined;
    return typeof p === 'string' ? [p] : Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
  });
}

/**
 * GitLab: when the jobs' `parallel:matrix` (and the jobs per platform) hold more than one platform, add `DOCKYARD_PLATFORMS` (the input) and
 * `DOCKYARD_ALL_SLUGS` to the global `variables`, start each per-platform job's `script` and `after_script` with
 * {@link GITLAB_PLATFORM_GUARD} (for jobs per platform: the hidden job they extend), and each script reading `DOCKYARD_GATE_FILES` or `DOCKYARD_SLUGS` with
 * {@link GITLAB_PLATFORM_FILTER}. Matrix variables are not used in `rules:if` (gitlab-org/gitlab#581340). Pure.
 */
export function selectGitlabPlatforms(config: Obj): { config: Obj; inputs: DeclaredInput[] } {
  const isJob = (v: unknown): v is Obj => isObj(v) && 'script' in v;
  const platformJobs = Object.values(config).filter((v): v is Obj => isObj(v) && ('script' in v || 'extends' in v));
  const platforms = collectPlatforms(platformJobs.flatMap(matrixPlatforms));
  // Hidden jobs that platform jobs extend: their script is the platform jobs' script.
  const templates = new Set(
    platformJobs
      .filter((j) => matrixPlatforms(j).length > 0 && typeof j.extends === 'string')
      .map((j) => j.extends as string),
  );
  if (platforms.length < 2) return { config, inputs: [] };
  const prepend = (lines: unknown, first: string): unknown => (Array.isArray(lines) ? [first, ...lines] : lines);
  const out: Obj = {};
  for (const [id, value] of Object.entries(config)) {
    if (id === 'variables' && isObj(value)) {
      out[id] = {
        ...value,
        DOCKYARD_PLATFORMS: '$[[ inputs.platforms ]]',
        DOCKYARD_ALL_SLUGS: platforms.map(toPlatformSlug).join(' '),
      };
    } else if (isJob(value) && (matrixPlatforms(value).length > 0 || templates.has(id))) {
      out[id] = {
        ...value,
        script: prepend(value.script, GITLAB_PLATFORM_GUARD),
        ...('after_script' in value ? { after_script: prepend(value.after_script, GITLAB_PLATFORM_GUARD) } : {}),
      };
    } else if (
      isJob(value) &&
      isObj(value.variables) &&
      ('DOCKYARD_GATE_FILES' in value.variables || 'DOCKYARD_SLUGS' in value.variables)
    ) {
      out[id] = { ...value, script: prepend(value.script, GITLAB_PLATFORM_FILTER) };
    } else out[id] = value;
  }
  if (!('variables' in config)) {
    return {
      config: {
        variables: {
          DOCKYARD_PLATFORMS: '$[[ inputs.platforms ]]',
          DOCKYARD_ALL_SLUGS: platforms.map(toPlatformSlug).join(' '),
        },
        ...out,
      },
      inputs: declare(platforms),
    };
  }
  return { config: out, inputs: declare(platforms) };
}
