import { readRenderAssets } from '../../io/read-assets.js';
import { parseGithubRepo } from '../../publish/github/github-repo-ref.js';
import { parseGitlabProject } from '../../publish/gitlab/create-gitlab-host.js';
import {
  openOrUpdatePullRequest,
  type PullRequestOptions,
  type PullRequestResult,
} from '../../publish/open-or-update-pull-request.js';
import { DEFAULT_BOT_IDENTITY } from '../../publish/remote-state.js';
import { PublishError } from '../../publish/repository-host.js';
import { CLI_VERSION } from '../cli-version.js';
import type { Output } from '../output.js';
import { printPullRequestResult } from '../print-publish-result.js';
import { createHostFactory, type ClientTuning, type PublishEnv } from '../publish-hosts.js';
import { UsageError } from '../usage-error.js';
import type { PrOptions } from './pr-args.js';

/**
 * The per-repository options shared by `pr` and `fleet`, from parsed flags.
 *
 * @throws {UsageError} for an empty `--title`/`--message` or a `--branch` that is not a valid branch name.
 * @see https://docs.github.com/rest/pulls/pulls#create-a-pull-request
 */
export function pullRequestOptionsOf(
  options: Omit<PrOptions, 'repo' | 'project' | 'api-url'>,
): Omit<PullRequestOptions, 'base'> {
  if (options.branch !== undefined && !/^(?!\/)(?!.*\/\/)(?!.*\.\.)[^\s~^:?*[\\]+(?<![/.])$/.test(options.branch)) {
    throw new UsageError(`--branch: expected a git branch name like dockyard/pipelines, got "${options.branch}"`);
  }
  if (options.title !== undefined && options.title.trim() === '')
    throw new UsageError('--title: expected a non-empty title, got ""');
  if (options.message !== undefined && options.message.trim() === '')
    throw new UsageError('--message: expected a non-empty commit subject, got ""');
  return {
    branch: options.branch,
    draft: options.draft,
    labels: options.labels ?? [],
    dryRun: options['dry-run'],
    force: options.force,
    title: options.title,
    commitSubject: options.message,
    identity: DEFAULT_BOT_IDENTITY,
    assets: readRenderAssets(),
    version: CLI_VERSION,
  };
}

/**
 * `dockyard pr`: open or update the pull request (GitHub, `--repo`) or merge request (GitLab, `--project`) that
 * brings one repository's generated pipeline files up to date with its own config.
 *
 * @param env token and URL variables (`process.env` in the CLI).
 * @param tuning client retry/spacing overrides (tests).
 * @returns 0 when opened, updated, unchanged, skipped or planned; 1 when it failed.
 * @throws {UsageError} without exactly one of `--repo`/`--project`, or for a malformed value.
 * @see https://docs.github.com/rest/pulls/pulls
 * @see https://docs.gitlab.com/api/merge_requests/
 */
export async function runPr(
  options: PrOptions,
  output: Output,
  env: PublishEnv,
  tuning: ClientTuning = {},
): Promise<number> {
  if ((options.repo === undefined) === (options.project === undefined)) {
    throw new UsageError('expected exactly one of --repo OWNER/REPO (GitHub) or --project GROUP/PROJECT (GitLab)');
  }
  const platform = options.repo !== undefined ? 'github' : 'gitlab';
  let path: string;
  try {
    const ref = platform === 'github' ? parseGithubRepo(options.repo!) : undefined;
    path = ref ? `${ref.owner}/${ref.repo}` : parseGitlabProject(options.project!);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const perRepo = pullRequestOptionsOf(options);
  let result: PullRequestResult;
  try {
    const hosts = createHostFactory(env, { [platform]: options['api-url'] }, tuning);
    result = await openOrUpdatePullRequest(hosts.host(platform, path), { ...perRepo, base: options.base });
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    result = { repository: path, platform, outcome: 'failed', reason: (error as Error).message };
  }
  printPullRequestResult(output, result, perRepo.dryRun ?? false);
  return result.outcome === 'failed' ? 1 : 0;
}
