/**
 * Pull the shell scripts out of parsed pipeline objects so that they can be linted
 * (see check-shellcheck.ts). Pure functions: no I/O, inputs are not changed.
 *
 * @module
 */

/**
 * Shell dialect a script is checked as (`--shell` of shellcheck).
 * @see https://www.shellcheck.net/wiki/SC2148
 */
export type ScriptShell = 'bash' | 'sh';

/**
 * One shell script found in a pipeline file.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsrun
 * @see https://docs.gitlab.com/ci/yaml/#script
 */
export interface ExtractedScript {
  /** Dotted path of the script in the file, e.g. `jobs.build.steps[3].run` or `build.script`. */
  location: string;
  /** Dialect the script runs under. */
  shell: ScriptShell;
  /** The script text; GitLab line arrays are joined with `\n`. */
  script: string;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function runShellOf(holder: unknown): unknown {
  if (!isObject(holder) || !isObject(holder.defaults) || !isObject(holder.defaults.run)) return undefined;
  return holder.defaults.run.shell;
}

/**
 * Map a GitHub `shell:` value to a lintable dialect.
 *
 * `bash`, `sh` and custom commands starting with them (`bash -e {0}`, `/bin/sh -eu {0}`) map to
 * `bash`/`sh`; `dash`/`ash`/`busybox sh`-style POSIX shells map to `sh`. Anything else
 * (`pwsh`, `powershell`, `python`, `cmd`, an expression) returns `undefined`: not a POSIX shell
 * script, or not knowable before run time.
 *
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
 */
export function resolveGithubShell(shell: string): ScriptShell | undefined {
  if (shell.includes('${{')) return undefined;
  const words = shell.trim().split(/\s+/);
  const base = (w: string | undefined): string => (w ?? '').split('/').pop() ?? '';
  let cmd = base(words[0]);
  if (cmd === 'env' || cmd === 'busybox') cmd = base(words[1]);
  if (cmd === 'bash') return 'bash';
  if (cmd === 'sh' || cmd === 'dash' || cmd === 'ash') return 'sh';
  return undefined;
}

/** True when a `runs-on` value names a Windows runner (whose default shell is pwsh). */
function isWindowsRunner(runsOn: unknown): boolean {
  const labels: unknown[] = Array.isArray(runsOn)
    ? runsOn
    : isObject(runsOn)
      ? Array.isArray(runsOn.labels)
        ? runsOn.labels
        : [runsOn.labels]
      : [runsOn];
  return labels.some((l) => typeof l === 'string' && /windows/i.test(l));
}

/**
 * Every `run:` script of every step of every job in a parsed GitHub Actions workflow.
 *
 * The shell of a step is, in order: the step's `shell:`, the job's `defaults.run.shell`, the
 * workflow's `defaults.run.shell`, else the runner default: bash, or pwsh when `runs-on` names a
 * Windows runner. Steps whose shell is not bash/sh (see {@link resolveGithubShell}) are left
 * out, as are steps without a string `run:` (`uses:` steps) and jobs without `steps`
 * (reusable-workflow calls). Input that is not an object yields `[]`; never throws.
 *
 * @param workflow - the workflow as parsed from YAML (e.g. `YAML.parse(text)`).
 * @returns scripts in document order, located as `jobs.<job_id>.steps[<index>].run`.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsrun
 */
export function extractGithubScripts(workflow: unknown): ExtractedScript[] {
  if (!isObject(workflow) || !isObject(workflow.jobs)) return [];
  const out: ExtractedScript[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (!isObject(job) || !Array.isArray(job.steps)) continue;
    const defaultShell = runShellOf(job) ?? runShellOf(workflow) ?? (isWindowsRunner(job['runs-on']) ? 'pwsh' : 'bash');
    job.steps.forEach((step: unknown, index: number) => {
      if (!isObject(step) || typeof step.run !== 'string') return;
      const shellValue = step.shell ?? defaultShell;
      const shell = typeof shellValue === 'string' ? resolveGithubShell(shellValue) : undefined;
      if (shell === undefined) return;
      out.push({ location: `jobs.${jobId}.steps[${index}].run`, shell, script: step.run });
    });
  }
  return out;
}

/** Top-level GitLab CI keys that are not jobs. */
const GITLAB_GLOBAL_KEYS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

const GITLAB_SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;

/** Flatten a GitLab script value (string, or array nested up to 10 levels) to its lines. */
function gitlabScriptLines(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).flat(10).filter((line): line is string => typeof line === 'string');
}

function pushGitlabScripts(
  out: ExtractedScript[],
  prefix: string,
  holder: Obj,
  keys: readonly string[] = GITLAB_SCRIPT_KEYS,
): void {
  for (const key of keys) {
    const lines = gitlabScriptLines(holder[key]);
    if (lines.length === 0) continue;
    out.push({ location: prefix === '' ? key : `${prefix}.${key}`, shell: 'sh', script: lines.join('\n') });
  }
}

/**
 * Every `before_script`, `script` and `after_script` in a parsed `.gitlab-ci.yml`: the deprecated
 * global ones, those under `default:`, and those of every job, hidden jobs (`.name`) included.
 *
 * Array values are flattened (YAML anchors make nested arrays, which GitLab flattens) and joined
 * with `\n`; items that are not strings (for example unresolved `!reference` tags) are skipped.
 * All scripts are `sh` (our runner images run POSIX sh). Input that is not an object yields `[]`;
 * never throws.
 *
 * @param ci - the CI configuration as parsed from YAML.
 * @returns scripts in document order, located as `<job>.<key>`, `default.<key>` or `<key>`.
 * @see https://docs.gitlab.com/ci/yaml/#script
 */
export function extractGitlabScripts(ci: unknown): ExtractedScript[] {
  if (!isObject(ci)) return [];
  const out: ExtractedScript[] = [];
  pushGitlabScripts(out, '', ci, ['before_script', 'after_script']);
  if (isObject(ci.default)) pushGitlabScripts(out, 'default', ci.default);
  for (const [name, job] of Object.entries(ci)) {
    if (GITLAB_GLOBAL_KEYS.has(name) || !isObject(job)) continue;
    pushGitlabScripts(out, name, job);
  }
  return out;
}
