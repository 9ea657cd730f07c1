import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { isolatedEnv, resolveGitlabCiLocalCommand } from '../../src/validate/check-gitlab-ci-local.js';

const run = promisify(execFile);

/** The job added to each CI file to learn what `workflow:rules` decide (see {@link listPipelinesForEvents}). */
export const PROBE_JOB = 'dockyard-event-probe';

/** One event's predefined variables: values to set, and predefined ones to remove (a tag pipeline has no CI_COMMIT_BRANCH). */
export interface GitlabEventVariables {
  readonly set: Readonly<Record<string, string>>;
  readonly unset: readonly string[];
}

/** A job as gitlab-ci-local's `--list-json` reports it: `when` is `never` when its rules exclude it. */
export interface ListedJob {
  readonly name: string;
  readonly when: string;
}

/**
 * The jobs gitlab-ci-local creates for a CI file under each event's variables, plus whether the pipeline would be
 * created at all. gitlab-ci-local evaluates `workflow:rules` only for their `variables` and lists every job whatever
 * they decide (src/parser.ts, `workflow?.rules` → `Utils.getRulesResult(...).variables`), so the workflow rules are
 * copied into a probe job in `.pre`, whose `when` gitlab-ci-local then computes with the same rules engine
 * (a matching rule without `when` gives `on_success`, no match `never`). `--variable` overrides predefined variables
 * (they are merged last) and `--unset-variable` removes predefined ones (src/predefined-variables.ts).
 *
 * One scratch git repository per file; one gitlab-ci-local `--list-json --no-json-schema-validation` run per event
 * (schema validation is the other suites' job and costs seconds), at most `concurrency` at a time across all
 * calls in progress (so several files can be listed at once).
 *
 * `rules:changes` are evaluated as gitlab-ci-local does: the files changed between `origin/main` (the first commit)
 * and the working tree (`git diff --name-only origin/main`, its `GitData.changedFiles`); `changed` files are committed
 * on top, so without them no file has changed.
 *
 * @param files the repository's files; `ciPath` names the CI file among them (written as `.gitlab-ci.yml`).
 * @param changed files of a second commit (path → content): the changes `rules:changes` sees.
 * @throws {Error} when gitlab-ci-local is missing or fails (its stderr in the message).
 * @see https://github.com/firecow/gitlab-ci-local/blob/master/src/parser.ts
 * @see https://github.com/firecow/gitlab-ci-local/blob/master/src/predefined-variables.ts
 * @see https://docs.gitlab.com/ci/yaml/workflow/#workflowrules
 */
export async function listPipelinesForEvents(
  files: Readonly<Record<string, string>>,
  ciPath: string,
  events: ReadonlyArray<GitlabEventVariables>,
  concurrency = 3,
  changed: Readonly<Record<string, string>> = {},
): Promise<ListedJob[][]> {
  const command = resolveGitlabCiLocalCommand();
  if (command === undefined) throw new Error('gitlab-ci-local is not installed');
  const root = mkdtempSync(join(tmpdir(), 'dockyard-event-glcl-'));
  try {
    const repo = join(root, 'repo');
    const home = join(root, 'home');
    mkdirSync(home, { recursive: true });
    const ci = parse(files[ciPath]) as Record<string, any>;
    ci[PROBE_JOB] = { stage: '.pre', needs: [], rules: ci.workflow?.rules ?? [{ when: 'always' }], script: ['true'] };
    const all = { ...files, '.gitlab-ci.yml': stringify(ci) };
    if (ciPath !== '.gitlab-ci.yml') delete (all as Record<string, string>)[ciPath];
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    const env = isolatedEnv(home);
    const git = (args: string[]) => run('git', args, { cwd: repo, env });
    await git(['init', '-q', '-b', 'main']);
    writeFileSync(join(repo, '.git', 'info', 'exclude'), '/.gitlab-ci-local/\n');
    await git(['add', '-A']);
    await git(['commit', '-q', '--no-verify', '--no-gpg-sign', '-m', 'event table']);
    await git(['remote', 'add', 'origin', 'https://gitlab.example.invalid/acme/app.git']);
    await git(['update-ref', 'refs/remotes/origin/main', 'HEAD']);
    await git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
    if (Object.keys(changed).length > 0) {
      for (const [path, text] of Object.entries(changed)) {
        mkdirSync(dirname(join(repo, path)), { recursive: true });
        writeFileSync(join(repo, path), text);
      }
      await git(['add', '-A']);
      await git(['commit', '-q', '--no-verify', '--no-gpg-sign', '-m', 'change']);
    }
    const [program, ...pre] = command as [string, ...string[]];
    const results: ListedJob[][] = new Array(events.length);
    const one = async (index: number): Promise<void> => {
      {
        const { set, unset } = events[index];
        const args = [
          ...pre,
          '--list-json',
          '--no-json-schema-validation',
          '--no-color',
          '--home',
          home,
          // Each run its own state dir: runs of one repository go in parallel.
          '--state-dir',
          `.gitlab-ci-local-${index}`,
          '--ignore-predefined-vars',
          Object.keys(set).join(','),
          ...Object.entries(set).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
          ...unset.flatMap((k) => ['--unset-variable', k]),
        ];
        try {
          const { stdout } = await withSlot(concurrency, () =>
            run(program, args, { cwd: repo, env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }),
          );
          results[index] = (JSON.parse(stdout) as ListedJob[]).map(({ name, when }) => ({ name, when }));
        } catch (error) {
          throw new Error(
            `gitlab-ci-local --list-json failed for ${JSON.stringify(set)}: ${(error as { stderr?: string }).stderr ?? String(error)}`,
          );
        }
      }
    };
    await Promise.all(events.map((_, i) => one(i)));
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

let running = 0;
const waiting: Array<() => void> = [];

/** Run `task` when fewer than `limit` gitlab-ci-local processes run (across every file being listed at once). */
async function withSlot<T>(limit: number, task: () => Promise<T>): Promise<T> {
  while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
