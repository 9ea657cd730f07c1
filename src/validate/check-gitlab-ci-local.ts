/**
 * Validate a `.gitlab-ci.yml` offline with gitlab-ci-local, which checks the file against
 * GitLab's own CI JSON schema and then builds the job list (stages, needs, extends, rules).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from './finding.js';
import { findExecutable, runProcess } from './run-process.js';

/**
 * Options of {@link checkWithGitlabCiLocal}; every field is optional.
 * @see https://docs.gitlab.com/ci/yaml/#includelocal
 */
export interface GitlabCiLocalOptions {
  /**
   * More files for the temporary repository, path (relative, `/`-separated) to content, e.g.
   * files named by `include: local:`. They are committed with the CI file. Default: none.
   */
  extraFiles?: Record<string, string>;
  /** Time limit of the gitlab-ci-local run in ms. Default: 60 000. */
  timeoutMs?: number;
}

/** Remote URL of the scratch repository; `.invalid` never resolves (RFC 2606). */
const FAKE_REMOTE = 'https://gitlab.example.invalid/dockyard/validate.git';
/** Discard port on loopback: every HTTP(S) request through this "proxy" is refused at once. */
const BLACKHOLE_PROXY = 'http://127.0.0.1:9';

/**
 * Find the gitlab-ci-local program: this package's own dependency first (run with the current
 * `node`), else a `gitlab-ci-local` on `PATH` (npm global install or the standalone binary).
 *
 * @returns the command and its leading arguments, or `undefined` when there is none. Never throws.
 * @see https://github.com/firecow/gitlab-ci-local#installation
 */
export function resolveGitlabCiLocalCommand(): string[] | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pkgJson = require.resolve('gitlab-ci-local/package.json');
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['gitlab-ci-local'];
    if (bin !== undefined) return [process.execPath, path.join(path.dirname(pkgJson), bin)];
  } catch {
    // not installed next to us
  }
  const onPath = findExecutable('gitlab-ci-local');
  return onPath === undefined ? undefined : [onPath];
}

/**
 * True when {@link checkWithGitlabCiLocal} can run: gitlab-ci-local is found (see
 * {@link resolveGitlabCiLocalCommand}) and `git` is on `PATH`. Never throws.
 * @see https://github.com/firecow/gitlab-ci-local#installation
 */
export function isGitlabCiLocalAvailable(): boolean {
  return resolveGitlabCiLocalCommand() !== undefined && findExecutable('git') !== undefined;
}

/**
 * Environment that keeps git and gitlab-ci-local away from the network and the user's config: this process's
 * environment without `GCL_*` (gitlab-ci-local's option variables) and proxies, `HOME` set to `home`, no system or
 * global git config, file-only git transport, a fixed git identity, every proxy pointed at a closed loopback port,
 * and no colours.
 *
 * @param home a fresh directory to use as `HOME`.
 * @see https://git-scm.com/docs/git#_environment_variables
 */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // GCL_* are gitlab-ci-local's option variables; *_proxy are replaced below.
    if (/^GCL_/i.test(key) || /_proxy$/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_ALLOW_PROTOCOL: 'file',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'dockyard',
    GIT_AUTHOR_EMAIL: 'dockyard@localhost',
    GIT_COMMITTER_NAME: 'dockyard',
    GIT_COMMITTER_EMAIL: 'dockyard@localhost',
    HTTP_PROXY: BLACKHOLE_PROXY,
    HTTPS_PROXY: BLACKHOLE_PROXY,
    http_proxy: BLACKHOLE_PROXY,
    https_proxy: BLACKHOLE_PROXY,
    ALL_PROXY: BLACKHOLE_PROXY,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

async function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const r = await runProcess('git', args, { cwd, env, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}) in ${cwd}: ${r.stderr.trim()}`);
}

/** Write the files and make `repo` a committed git repository with an `origin` remote. */
async function prepareRepo(repo: string, files: Record<string, string>, env: NodeJS.ProcessEnv): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const target = path.resolve(repo, rel);
    if (path.isAbsolute(rel) || !target.startsWith(repo + path.sep)) {
      throw new Error(`extraFiles path must be relative and stay inside the repository: ${rel}`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  await git(['init', '-q', '-b', 'main'], repo, env);
  await writeFile(path.join(repo, '.git', 'info', 'exclude'), '/.gitlab-ci-local/\n');
  await git(['add', '-A'], repo, env);
  await git(['commit', '-q', '--no-verify', '--no-gpg-sign', '-m', 'dockyard validate'], repo, env);
  await git(['remote', 'add', 'origin', FAKE_REMOTE], repo, env);
  await git(['update-ref', 'refs/remotes/origin/main', 'HEAD'], repo, env);
  await git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main'], repo, env);
}

/** stderr lines that are progress or environment chatter, not a verdict on the file. */
const NOISE = [
  /^parsing and downloads finished/,
  /^json schema validated/,
  /^Using fallback/,
  /^Unable to retrieve default remote branch/,
  /^Command failed with/,
  /^fatal:/,
  /^error: No such remote/,
  /^spawn \S+ ENOENT/,
  /^at /,
];

/**
 * Turn gitlab-ci-local's stderr into findings.
 *
 * Schema violations come as a block: `Invalid .gitlab-ci.yml configuration!`, then one
 * `\t• <text> at <path> [<schema path>]` per violation, then hints. Other failures (YAML syntax,
 * `stage:x not found for job`, `needs: [x] for job could not be found`, `job needs: must be an
 * array`, includes that cannot be fetched) are a single message, possibly followed by details;
 * the first meaningful line becomes the finding. Exit code 0 gives only the `WARNING:` lines, as
 * warnings. Pure; never throws. Exported for tests.
 *
 * @param stderr - gitlab-ci-local's whole stderr (colour codes are stripped).
 * @param exitCode - its exit code: 0 valid, 1 (any failure) otherwise.
 * @param fileName - used as {@link Finding.file}.
 * @see https://github.com/firecow/gitlab-ci-local#json-schema-validation
 */
export function parseGitlabCiLocalOutput(stderr: string, exitCode: number, fileName: string): Finding[] {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour escapes (ESC [ ... m)
  const lines = stderr.replace(/\x1b\[[\d;]*m/g, '').split(/\r?\n/);
  const base = { tool: 'gitlab-ci-local' as const, file: fileName };
  if (exitCode === 0) {
    return lines
      .map((l) => l.trim())
      .filter((l) => l.startsWith('WARNING:'))
      .map((l) => ({ ...base, severity: 'warning' as const, message: l.replace(/^WARNING:\s*/, '') }));
  }
  const start = lines.findIndex((l) => l.includes('Invalid .gitlab-ci.yml configuration!'));
  if (start !== -1) {
    const findings: Finding[] = [];
    for (const l of lines.slice(start + 1)) {
      if (l.startsWith('For further troubleshooting')) break;
      const m = /^\s*•\s*(.+)$/.exec(l);
      if (m?.[1] !== undefined) findings.push({ ...base, severity: 'error', message: m[1].trim() });
    }
    if (findings.length > 0) return findings;
  }
  const meaningful = lines.map((l) => l.trim()).filter((l) => l !== '' && !NOISE.some((re) => re.test(l)));
  const first = meaningful[0];
  if (first === undefined) {
    return [{ ...base, severity: 'error', message: `gitlab-ci-local exited with code ${exitCode} without a message` }];
  }
  const yamlPos = /^YAMLException: .*\((\d+):(\d+)\)$/.exec(first);
  const hint = /include could not be fetched/i.test(first)
    ? ' (validation runs offline: network access is blocked)'
    : '';
  return [
    {
      ...base,
      line: yamlPos ? Number(yamlPos[1]) : undefined,
      column: yamlPos ? Number(yamlPos[2]) : undefined,
      severity: 'error',
      message: first + hint,
    },
  ];
}

/**
 * Validate GitLab CI YAML with gitlab-ci-local (tested with 4.73.0), fully offline.
 *
 * Writes `content` as `.gitlab-ci.yml` (plus `opts.extraFiles`) into a fresh directory under
 * `os.tmpdir()`, makes it a committed git repository with a fake `origin` (gitlab-ci-local reads
 * branch, commit and remote from git, and finds `include: local` files through git), runs
 * `gitlab-ci-local --list --json-schema-validation` there, and removes the directory afterwards.
 * git and HTTP are confined: `GIT_ALLOW_PROTOCOL=file`, HTTP(S) proxies pointed at a closed
 * loopback port, global/system git config ignored, `GCL_*` variables dropped and `--home` set to
 * the scratch directory, so remote/project/template includes fail as findings instead of
 * reaching the network. Needs `git` (not rsync: that is only used to run jobs). Takes about
 * 1 s per call, most of it gitlab-ci-local compiling GitLab's schema.
 *
 * @param content - the CI YAML text.
 * @param fileName - used as {@link Finding.file} (the file on disk is always `.gitlab-ci.yml`).
 * @returns `[]` when valid; one `error` finding per schema violation (message
 *   `<text> at <path> [<schema path>]`), or a single `error` finding for other failures (with
 *   `line`/`column` for YAML syntax errors); `warning` findings for `WARNING:` lines of a run
 *   that passed.
 * @throws Error when gitlab-ci-local or git is missing, an extraFiles path escapes the
 *   directory, git fails, or gitlab-ci-local is killed by a signal or exceeds `timeoutMs`.
 * @see https://github.com/firecow/gitlab-ci-local#readme
 * @see https://docs.gitlab.com/ci/yaml/
 */
export async function checkWithGitlabCiLocal(
  content: string,
  fileName: string,
  opts: GitlabCiLocalOptions = {},
): Promise<Finding[]> {
  const result = await runGitlabCiLocal(content, ['--list', '--json-schema-validation'], opts);
  return parseGitlabCiLocalOutput(result.stderr, result.code, fileName);
}

/** One job as `gitlab-ci-local --list-json` lists it (a `parallel:matrix` job once per entry, `name: [values]`). */
export interface GitlabCiLocalJob {
  readonly name: string;
  readonly stage: string;
  /** `never` when the job's rules exclude it from the pipeline. */
  readonly when: string;
}

/**
 * The jobs gitlab-ci-local creates from a CI file (its `--list-json`, after includes, inputs and rules), in the
 * same isolated scratch repository as {@link checkWithGitlabCiLocal}. Nothing runs.
 *
 * @throws Error as {@link checkWithGitlabCiLocal}, and when gitlab-ci-local rejects the configuration (its
 *   output in the message).
 */
export async function listGitlabCiLocalJobs(
  content: string,
  opts: GitlabCiLocalOptions = {},
): Promise<GitlabCiLocalJob[]> {
  const result = await runGitlabCiLocal(content, ['--list-json'], opts);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --list-json failed: ${result.stderr.trim()}`);
  return (JSON.parse(result.stdout) as GitlabCiLocalJob[]).map(({ name, stage, when }) => ({ name, stage, when }));
}

/**
 * The configuration as gitlab-ci-local expands it (its `--preview`: includes, inputs and `extends` resolved), as
 * YAML text, in the same isolated scratch repository as {@link checkWithGitlabCiLocal}. Nothing runs.
 *
 * @throws Error as {@link listGitlabCiLocalJobs}.
 */
export async function previewGitlabCiLocal(content: string, opts: GitlabCiLocalOptions = {}): Promise<string> {
  const result = await runGitlabCiLocal(content, ['--preview'], opts);
  if (result.code !== 0) throw new Error(`gitlab-ci-local --preview failed: ${result.stderr.trim()}`);
  return result.stdout;
}

async function runGitlabCiLocal(
  content: string,
  modeArgs: readonly string[],
  opts: GitlabCiLocalOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = resolveGitlabCiLocalCommand();
  if (command === undefined) {
    throw new Error(
      'gitlab-ci-local is not installed (npm install -g gitlab-ci-local@4.73.0, or add it to the project)',
    );
  }
  if (findExecutable('git') === undefined) throw new Error('gitlab-ci-local needs git, which is not on PATH');
  const root = await mkdtemp(path.join(os.tmpdir(), 'dockyard-glcl-'));
  try {
    const repo = path.join(root, 'repo');
    const home = path.join(root, 'home');
    await mkdir(home, { recursive: true });
    await mkdir(repo, { recursive: true });
    const env = isolatedEnv(home);
    await prepareRepo(repo, { ...opts.extraFiles, '.gitlab-ci.yml': content }, env);
    const [program, ...pre] = command as [string, ...string[]];
    // gitlab-ci-local rejects an absolute --cwd; it runs in the repository instead.
    const args = [...pre, ...modeArgs, '--no-color', '--home', home];
    const result = await runProcess(program, args, { cwd: repo, env, timeoutMs: opts.timeoutMs ?? 60_000 });
    if (result.code === null) throw new Error(`gitlab-ci-local was ended by a signal: ${result.stderr.trim()}`);
    return { code: result.code, stdout: result.stdout, stderr: result.stderr };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
