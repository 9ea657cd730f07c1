import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readRenderAssets } from '../../io/read-assets.js';
import { GitError, runGit, tryGit } from '../../io/run-git.js';
import { writeFilesAtomically } from '../../io/write-files.js';
import { DEFAULT_COMMIT_SUBJECT } from '../../publish/bot-commit.js';
import { gitBlobShaOf } from '../../publish/git-blob-sha.js';
import { planLocalCommit } from '../../publish/plan-local-commit.js';
import { compareFiles } from '../../synth/compare-files.js';
import { renderPipelineFiles } from '../../synth/render-pipeline-files.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import { UsageError } from '../usage-error.js';
import type { CommitOptions } from './commit-args.js';

/**
 * `dockyard commit`: synthesise, write the files that changed, then stage and commit exactly the generated files in
 * the local git repository (`git add -- PATHS`, `git commit -m MESSAGE -- PATHS`, so other staged files stay out).
 * No commit when HEAD already has them. Refuses (writing nothing) for hand-edited or foreign files (unless
 * `--force`) and when a generated file has unrelated staged changes. The commit uses the user's git identity and
 * runs their hooks.
 *
 * @returns 0 committed or nothing to do; 1 invalid config, refused, or a git failure (git's message is printed).
 * @throws {UsageError} for an empty `--message`.
 * @throws {import('../../io/load-config.js').ConfigLoadError} when the config is missing or unloadable.
 * @see https://git-scm.com/docs/git-commit
 */
export async function runCommit(
  options: CommitOptions,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (options.message !== undefined && options.message.trim() === '')
    throw new UsageError('--message: expected a non-empty commit message, got ""');
  const dir = resolve(options.dir ?? '.');
  try {
    await runGit(dir, ['rev-parse', '--show-toplevel'], env);
  } catch (error) {
    output.err(
      `dockyard: ${dir} is not inside a git work tree (${(error as GitError).stderr.trim() || (error as Error).message})`,
    );
    return 1;
  }
  const loaded = await loadValidatedConfig(dir, options.config, output);
  if (!loaded) return 1;
  const command = `npx dockyard synth${options.config ? ` --config ${loaded.relativePath}` : ''}`;
  const files = renderPipelineFiles(loaded.config, { configFile: loaded.relativePath, command }, readRenderAssets());
  const onDisk = new Map<string, string | undefined>();
  for (const file of files)
    onDisk.set(file.path, await readFile(resolve(dir, file.path), 'utf8').catch(() => undefined));
  const comparisons = compareFiles(files, onDisk);
  const hasHead = (await tryGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD'], env)) !== undefined;
  const head = new Map<string, string | undefined>();
  const index = new Map<string, string | undefined>();
  const worktree = new Map<string, string | undefined>();
  for (const file of files) {
    head.set(
      file.path,
      hasHead
        ? (await tryGit(dir, ['rev-parse', '--verify', '--quiet', `HEAD:./${file.path}`], env))?.trim()
        : undefined,
    );
    const staged = (await runGit(dir, ['ls-files', '--stage', '--', file.path], env)).trim();
    index.set(file.path, staged ? staged.split(/\s+/)[1] : undefined);
    const content = onDisk.get(file.path);
    worktree.set(file.path, content === undefined ? undefined : gitBlobShaOf(content));
  }
  const plan = planLocalCommit(comparisons, { head, index, worktree }, options.force);
  if (plan.action === 'refuse') {
    for (const problem of plan.problems) output.err(`${output.color.red('refused')} ${problem}`);
    output.err('Nothing was written or committed.');
    return 1;
  }
  if (plan.action === 'nothing') {
    if (!options['dry-run']) await writeFilesAtomically(dir, plan.write);
    for (const file of plan.write)
      output.out(`${options['dry-run'] ? 'would restore' : 'restored'} ${file.path} (as in HEAD)`);
    output.out(`nothing to commit: ${plan.reason}`);
    return 0;
  }
  const message = options.message ?? DEFAULT_COMMIT_SUBJECT;
  if (options['dry-run']) {
    for (const file of plan.write) output.out(`would write ${file.path}`);
    output.out(`would commit ${plan.paths.join(', ')}: "${message.split('\n')[0]}"`);
    output.out('dry run: nothing was changed');
    return 0;
  }
  await writeFilesAtomically(dir, plan.write);
  try {
    await runGit(dir, ['add', '--', ...plan.paths], env);
    await runGit(dir, ['commit', '--quiet', '-m', message, '--', ...plan.paths], env);
  } catch (error) {
    output.err(`dockyard: ${(error as Error).message}`);
    // Leave the index as it was (best effort): the files stay written, nothing is staged by this run.
    await tryGit(
      dir,
      hasHead ? ['reset', '--quiet', '--', ...plan.paths] : ['rm', '--cached', '--quiet', '--', ...plan.paths],
      env,
    ).catch(() => undefined);
    output.err(
      'The files were written but not committed (and were unstaged); fix the problem and run `dockyard commit` again.',
    );
    return 1;
  }
  const sha = (await runGit(dir, ['rev-parse', '--short=12', 'HEAD'], env)).trim();
  for (const file of plan.write) output.out(`wrote ${file.path}`);
  output.out(`committed ${sha}: ${plan.paths.join(', ')}`);
  return 0;
}
