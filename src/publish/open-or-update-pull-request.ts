import { formatIssue } from '../config/format-issues.js';
import { CONFIG_FILE_NAMES } from '../io/load-config.js';
import { compareFiles } from '../synth/compare-files.js';
import type { GeneratedFile, RenderAssets } from '../synth/render-pipeline-files.js';
import { botCommitMessage, DEFAULT_COMMIT_SUBJECT } from './bot-commit.js';
import { planPullRequest, type PullRequestPlan } from './plan-pull-request.js';
import { DEFAULT_PULL_REQUEST_TITLE, renderPullRequestBody } from './pull-request-body.js';
import { gitBlobShaOf } from './git-blob-sha.js';
import type { BotIdentity, RemoteBotBranch, RemoteFile, RemoteFiles } from './remote-state.js';
import { PublishError, type ChangeRequestInput, type RepositoryHost } from './repository-host.js';
import { summarizePipeline } from './summarize-pipeline.js';
import { synthesizeConfigSource } from './synthesize-config-source.js';

/**
 * Default bot branch.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export const DEFAULT_BRANCH = 'dockyard/pipelines';

/**
 * Options of {@link openOrUpdatePullRequest}.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export interface PullRequestOptions {
  /** Base branch; default: the repository's default branch. */
  readonly base?: string;
  /** Bot branch; default {@link DEFAULT_BRANCH}. */
  readonly branch?: string;
  readonly draft?: boolean;
  readonly labels?: readonly string[];
  /** Plan only; make no mutating request. */
  readonly dryRun?: boolean;
  /** Overwrite hand-edited or foreign files on the base. */
  readonly force?: boolean;
  readonly identity: BotIdentity;
  readonly title?: string;
  readonly commitSubject?: string;
  readonly assets: RenderAssets;
  /** dockyard's version, for the PR body. */
  readonly version: string;
}

/**
 * What happened to one repository. `planned` only for dry runs that would push or open.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export type PullRequestOutcome = 'opened' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'planned';

/**
 * The result of {@link openOrUpdatePullRequest}.
 *
 * @see https://docs.github.com/rest/pulls/pulls
 */
export interface PullRequestResult {
  readonly repository: string;
  readonly platform: 'github' | 'gitlab';
  readonly outcome: PullRequestOutcome;
  readonly reason: string;
  readonly url?: string;
  readonly title?: string;
  readonly plan?: PullRequestPlan;
  /** Config warnings and errors, formatted. */
  readonly issues?: readonly string[];
}

/**
 * `dockyard pr` for one repository: read the base's own config at the repository root, validate and render it in
 * memory, compare with the base and the bot branch (`planPullRequest`), then push at most one commit and open or
 * update the PR/MR. With `dryRun` only GET requests are made.
 *
 * Reads go through the host's per-run cache, and only what the decision needs is read: the base as one snapshot
 * (`readBranchFiles`), the config's text, the text of a generated file only where its blob id differs from the
 * rendered file's, and the base's commit and the bot branch only when some file differs (or for a dry run). An
 * up-to-date repository therefore costs at most 4 reads and no write on either host (docs/publishing.md, "Requests
 * per repository").
 *
 * A repository without a config, an invalid config, refused files and a foreign commit on the bot branch are
 * reported as `failed`/`skipped` results (never thrown). If the PR/MR cannot be opened after the branch was
 * pushed, the next run finds the branch holding the right files and opens it without pushing again. When nothing
 * needs pushing but the open PR/MR lacks a requested label, only the PR/MR is updated.
 *
 * @throws {PublishError} when an API request fails (after the client's own retries): bad token, missing
 *   permission, unknown repository or branch, protected branch, network error, rate limit.
 * @see https://docs.github.com/rest/git
 * @see https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
 */
export async function openOrUpdatePullRequest(
  host: RepositoryHost,
  options: PullRequestOptions,
): Promise<PullRequestResult> {
  const result = (
    outcome: PullRequestOutcome,
    reason: string,
    extra: Partial<PullRequestResult> = {},
  ): PullRequestResult => ({
    repository: host.repository,
    platform: host.platform,
    outcome,
    reason,
    ...extra,
  });
  const baseName = options.base ?? (await host.readDefaultBranch());
  const branch = options.branch ?? DEFAULT_BRANCH;
  if (branch === baseName)
    throw new PublishError(`--branch: expected a branch other than the base "${baseName}", got "${branch}"`);
  const configs = await host.readBranchFiles(baseName, CONFIG_FILE_NAMES);
  if (!configs) throw new PublishError(`${host.repository}: base branch "${baseName}" not found`, 404);
  const present = CONFIG_FILE_NAMES.filter((name) => configs.get(name) !== undefined);
  // Two configs are refused as in a local run (findConfigFile): a .ts config must never take over silently.
  if (present.length > 1)
    return result('failed', `found ${present.join(' and ')} at the root of ${baseName}; keep one`);
  const configFile = present[0];
  if (!configFile)
    return result(
      'failed',
      `no dockyard config at the root of ${baseName}: expected one of ${CONFIG_FILE_NAMES.join(', ')}`,
    );
  const source = await host.readBranchContent(baseName, configFile, configs.get(configFile)!.blobSha);
  let synthesis;
  try {
    synthesis = await synthesizeConfigSource(configFile, source, options.assets);
  } catch (error) {
    return result('failed', `${configFile} on ${baseName}: ${(error as Error).message}`);
  }
  const warnings = synthesis.warnings.map((w) => `warning ${configFile}: ${formatIssue(w)}`);
  if (!synthesis.ok) {
    const errors = synthesis.errors.map((e) => `error ${configFile}: ${formatIssue(e)}`);
    return result(
      'failed',
      `${configFile} on ${baseName} is invalid: ${synthesis.errors.length} error(s), first: ${formatIssue(synthesis.errors[0])}`,
      { issues: [...warnings, ...errors] },
    );
  }
  const baseFiles = await readBaseFiles(host, baseName, synthesis.files);
  const current = compareFiles(
    synthesis.files,
    new Map([...baseFiles].map(([path, file]) => [path, file?.content])),
  ).every((c) => c.state === 'current');
  // An up-to-date base needs neither its commit id nor the bot branch (docs/publishing.md, "Requests per repository").
  const baseSha = current && !options.dryRun ? undefined : await host.readBranchCommit(baseName);
  const botBranch = current
    ? undefined
    : await readBotBranch(
        host,
        branch,
        synthesis.files.map((f) => f.path),
      );
  const openRequest = await host.findOpenRequest(branch, baseName);
  const botCommitter = botBranch ? await host.readBotCommitter(options.identity) : undefined;
  const plan = planPullRequest({
    base: { name: baseName, sha: baseSha },
    branch,
    rendered: synthesis.files,
    baseFiles,
    botBranch,
    openRequest,
    force: options.force,
    identity: options.identity,
    botCommitter,
  });
  const title = options.title ?? DEFAULT_PULL_REQUEST_TITLE;
  const extra = { plan, title, issues: warnings, url: openRequest?.url };
  const missingLabels = (options.labels ?? []).filter((l) => !openRequest?.labels.includes(l));
  const relabel =
    plan.action === 'keep' && plan.request === 'none' && openRequest !== undefined && missingLabels.length > 0;
  if (plan.action === 'up-to-date' || (plan.action === 'keep' && plan.request === 'none' && !relabel))
    return result('unchanged', plan.reason, extra);
  if (plan.action === 'refused' || plan.action === 'skip') return result('skipped', plan.reason, extra);
  if (options.dryRun) return result('planned', plan.reason, extra);
  if (plan.action === 'push') {
    await host.pushCommit({
      branch,
      baseBranch: baseName,
      baseSha: baseSha!,
      files: plan.changes.map((c) => ({
        path: c.path,
        content: c.content,
        existsOnBase: baseFiles.get(c.path) !== undefined,
      })),
      message: botCommitMessage(options.commitSubject ?? DEFAULT_COMMIT_SUBJECT),
      identity: options.identity,
      createBranch: plan.createBranch,
      expectedHeadSha: plan.expectedHeadSha,
    });
  }
  const request: ChangeRequestInput = {
    branch,
    base: baseName,
    title,
    body: renderPullRequestBody({
      configFile,
      changes: plan.changes,
      summary: summarizePipeline(synthesis.config),
      version: options.version,
    }),
    draft: options.draft ?? false,
    labels: options.labels ?? [],
  };
  if (openRequest) {
    const updated = await host.updateRequest(openRequest.number, request);
    const reason = relabel ? `${plan.reason}; added label(s) ${missingLabels.join(', ')}` : plan.reason;
    return result('updated', reason, { ...extra, url: updated.url });
  }
  const opened = await host.openRequest(request);
  return result('opened', plan.reason, { ...extra, url: opened.url });
}

/**
 * The base's copies of the rendered files: blob ids from the base snapshot, and the text only of those whose blob
 * differs from the rendered file's (`gitBlobShaOf`): an equal blob id is equal bytes, so the rendered text stands in.
 */
async function readBaseFiles(
  host: RepositoryHost,
  baseName: string,
  rendered: readonly GeneratedFile[],
): Promise<RemoteFiles> {
  const blobs =
    (await host.readBranchFiles(
      baseName,
      rendered.map((f) => f.path),
    )) ?? new Map<string, RemoteFile | undefined>();
  const files = new Map<string, RemoteFile | undefined>();
  for (const file of rendered) {
    const remote = blobs.get(file.path);
    if (!remote) files.set(file.path, undefined);
    else if (remote.blobSha === gitBlobShaOf(file.content))
      files.set(file.path, { blobSha: remote.blobSha, content: file.content });
    else
      files.set(file.path, {
        blobSha: remote.blobSha,
        content: await host.readBranchContent(baseName, file.path, remote.blobSha),
      });
  }
  return files;
}

async function readBotBranch(
  host: RepositoryHost,
  branch: string,
  paths: readonly string[],
): Promise<RemoteBotBranch | undefined> {
  const sha = await host.readBranchHead(branch);
  if (!sha) return undefined;
  const head = await host.readCommit(sha);
  const files = await host.readFiles(sha, paths);
  const parentFiles = head.parents.length === 1 ? await host.readFiles(head.parents[0], paths) : undefined;
  return { head, files, parentFiles };
}
