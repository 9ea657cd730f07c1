import { resolve } from 'node:path';
import { createGithubClient, DEFAULT_GITHUB_API_URL } from '../../publish/github/create-github-client.js';
import { dispatchGithubRepository } from '../../publish/github/dispatch-github-repository.js';
import { dispatchGithubWorkflow } from '../../publish/github/dispatch-github-workflow.js';
import { parseGithubRepo, type GithubRepoRef } from '../../publish/github/github-repo-ref.js';
import { readGithubDefaultBranch } from '../../publish/github/read-github-default-branch.js';
import { DEFAULT_GITLAB_URL } from '../../publish/gitlab/create-gitlab-client.js';
import { parseGitlabProject } from '../../publish/gitlab/create-gitlab-host.js';
import { triggerGitlabPipeline } from '../../publish/gitlab/trigger-gitlab-pipeline.js';
import { PublishError } from '../../publish/repository-host.js';
import { planTrigger, TriggerPlanError, type TriggerPlan } from '../../trigger/plan-trigger.js';
import { describeTriggerTargets } from '../../model/trigger-targets.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import type { ClientTuning, PublishEnv } from '../publish-hosts.js';
import { UsageError } from '../usage-error.js';
import type { TriggerOptions } from './trigger-args.js';

/**
 * Environment variables `dockyard trigger` reads.
 *
 * @see https://docs.gitlab.com/ci/triggers/
 */
export interface TriggerEnv extends PublishEnv {
  /** A GitLab pipeline trigger token (Settings > CI/CD > Pipeline trigger tokens). */
  readonly GITLAB_TRIGGER_TOKEN?: string;
}

/**
 * The web root of a GitHub API root: `https://api.github.com` → `https://github.com`, `https://HOST/api/v3` →
 * `https://HOST`. Pure.
 *
 * @see https://docs.github.com/enterprise-server/rest/quickstart
 */
export function githubWebRootOf(apiUrl: string): string {
  const url = apiUrl.replace(/\/+$/, '');
  if (url === DEFAULT_GITHUB_API_URL) return 'https://github.com';
  return url.replace(/\/api\/v3$/, '');
}

async function startGithub(
  plan: Exclude<TriggerPlan, { kind: 'gitlab-trigger' }>,
  repo: GithubRepoRef,
  env: TriggerEnv,
  apiUrl: string,
  tuning: ClientTuning,
): Promise<string> {
  const full = `${repo.owner}/${repo.repo}`;
  const what = plan.kind === 'github-workflow' ? 'Actions: write' : 'Contents: write';
  if (!env.GITHUB_TOKEN)
    throw new PublishError(
      `GITHUB_TOKEN: not set; expected a token with ${what} on ${full} (or the classic repo scope), got nothing`,
    );
  const octokit = createGithubClient({ ...tuning.github, token: env.GITHUB_TOKEN, baseUrl: apiUrl });
  const web = `${githubWebRootOf(apiUrl)}/${full}`;
  if (plan.kind === 'github-dispatch') {
    await dispatchGithubRepository(octokit, repo, plan.eventType, plan.clientPayload);
    return `sent repository_dispatch ${plan.eventType} to github:${full}; runs on the default branch: ${web}/actions?query=event%3Arepository_dispatch`;
  }
  const ref = plan.ref ?? (await readGithubDefaultBranch(octokit, repo));
  const run = await dispatchGithubWorkflow(octokit, repo, plan.workflowFile, ref, plan.inputs);
  if (run.htmlUrl) return `started github:${full} ${plan.workflowFile} on ${ref}: ${run.htmlUrl}`;
  return `started github:${full} ${plan.workflowFile} on ${ref} (this server returns no run URL): ${web}/actions/workflows/${plan.workflowFile}`;
}

/**
 * `dockyard trigger`: start a build of the project's pipeline on GitHub (`workflow_dispatch`, or `repository_dispatch`
 * with `--dispatch`; token in `GITHUB_TOKEN`) or GitLab (a pipeline trigger token in `GITLAB_TRIGGER_TOKEN`), and
 * print the run's URL. The config in `--dir` says what may be triggered and which inputs exist.
 *
 * @returns 0 when started; 1 when the config is invalid or the API refused (bad token, unknown ref, missing workflow).
 * @throws {UsageError} for flags the plan rejects (unknown input, malformed ref, missing `--ref`/`--host`/`--repo`).
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export async function runTrigger(
  options: TriggerOptions,
  output: Output,
  env: TriggerEnv,
  tuning: ClientTuning = {},
): Promise<number> {
  if (options.host !== undefined && options.host !== 'github' && options.host !== 'gitlab')
    throw new UsageError(`--host: unknown CI system; expected github or gitlab, got "${options.host}"`);
  const loaded = await loadValidatedConfig(resolve(options.dir ?? '.'), options.config, output);
  if (!loaded) return 1;
  let plan: TriggerPlan;
  try {
    plan = planTrigger(describeTriggerTargets(loaded.config), loaded.config.ci, {
      host: options.host as 'github' | 'gitlab' | undefined,
      dispatch: options.dispatch ?? false,
      ref: options.ref,
      inputs: options.inputs ?? [],
    });
  } catch (error) {
    if (error instanceof TriggerPlanError) throw new UsageError(error.message);
    throw error;
  }
  try {
    if (plan.kind === 'gitlab-trigger') {
      if (options.project === undefined)
        throw new UsageError('--project: required on GitLab; expected GROUP/PROJECT or a project id, got nothing');
      const project = /^\d+$/.test(options.project) ? options.project : parseGitlabProject(options.project);
      if (!env.GITLAB_TRIGGER_TOKEN)
        throw new PublishError(
          `GITLAB_TRIGGER_TOKEN: not set; expected a pipeline trigger token of ${project} (Settings > CI/CD > Pipeline trigger tokens), got nothing`,
        );
      const url = options['api-url'] ?? env.CI_API_V4_URL ?? env.GITLAB_URL ?? DEFAULT_GITLAB_URL;
      const pipeline = await triggerGitlabPipeline({
        url,
        project,
        token: env.GITLAB_TRIGGER_TOKEN,
        ref: plan.ref,
        variables: plan.variables,
        queryTimeoutMs: tuning.gitlab?.queryTimeoutMs,
      });
      output.out(`started gitlab:${project} pipeline ${pipeline.id} on ${plan.ref}: ${pipeline.webUrl}`);
      return 0;
    }
    if (options.repo === undefined)
      throw new UsageError('--repo: required on GitHub; expected OWNER/REPO, got nothing');
    const repo = parseGithubRepo(options.repo);
    output.out(
      await startGithub(plan, repo, env, options['api-url'] ?? env.GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL, tuning),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    if (/^--(repo|project):/.test(error.message)) throw new UsageError(error.message);
    output.err(`dockyard trigger: ${error.message}`);
    return 1;
  }
}
