import { PublishError } from '../repository-host.js';
import type { GithubClient } from './create-github-client.js';
import { describeGithubError } from './describe-github-error.js';
import type { GithubRepoRef } from './github-repo-ref.js';

/**
 * What a workflow dispatch answered: the run's web URL when the server returns run details (api.github.com since
 * February 2026), else undefined (GitHub Enterprise Server versions that answer 204 only).
 *
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 */
export interface DispatchedRun {
  readonly runId: number | undefined;
  readonly htmlUrl: string | undefined;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number; response?: unknown }).response !== undefined
    ? (error as { status?: number }).status
    : undefined;
}

function messageOf(error: unknown): string {
  return (
    (error as { response?: { data?: { message?: string } } }).response?.data?.message ?? (error as Error).message ?? ''
  );
}

/**
 * Start a `workflow_dispatch` run (`POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches`) with
 * `return_run_details: true`; a server that rejects that key (older GitHub Enterprise Server, 400/422 naming it)
 * is asked once more without it. Needs a token with Actions: write (fine-grained) or the classic `repo` scope.
 *
 * @param workflowFile the workflow file name, e.g. `dockyard.yml`.
 * @param ref branch or tag to run on.
 * @param inputs `workflow_dispatch` inputs (strings, as the API takes them).
 * @throws {PublishError} 404: workflow file not found (or no access); 422 `No ref found`: unknown ref; 422
 *   without a `workflow_dispatch` trigger; 422 `Unexpected inputs provided`: the committed workflow predates an input; 401/403 and others as {@link describeGithubError} words them.
 * @see https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
 * @see https://github.blog/changelog/2026-02-19-workflow-dispatch-api-now-returns-run-ids
 */
export async function dispatchGithubWorkflow(
  octokit: GithubClient,
  repo: GithubRepoRef,
  workflowFile: string,
  ref: string,
  inputs: Readonly<Record<string, string>>,
): Promise<DispatchedRun> {
  const full = `${repo.owner}/${repo.repo}`;
  const request = (details: boolean) =>
    octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: workflowFile,
      ref,
      inputs: { ...inputs },
      ...(details ? { return_run_details: true } : {}),
    });
  try {
    let response;
    try {
      response = await request(true);
    } catch (error) {
      if (!((status(error) === 400 || status(error) === 422) && /return_run_details/.test(messageOf(error))))
        throw error;
      response = await request(false);
    }
    const data =
      (response.status as number) === 200
        ? (response.data as { workflow_run_id?: number; html_url?: string })
        : undefined;
    return { runId: data?.workflow_run_id, htmlUrl: data?.html_url };
  } catch (error) {
    const message = messageOf(error);
    if (status(error) === 404) {
      throw new PublishError(
        `GitHub workflow ${workflowFile} (${full}): not found; expected .github/workflows/${workflowFile} on the default branch (run dockyard synth and commit it) and a token that can see ${full}, got 404 ${message}`,
        404,
      );
    }
    if (status(error) === 422 && /unexpected inputs/i.test(message)) {
      throw new PublishError(
        `--input (${full}): the committed ${workflowFile} on ${ref} does not declare these inputs; expected a workflow rendered by this dockyard version (run dockyard synth and commit it), got 422 ${message}`,
        422,
      );
    }
    if (status(error) === 422 && /no ref found/i.test(message)) {
      throw new PublishError(
        `--ref ${ref} (${full}): unknown ref; expected an existing branch or tag, got 422 ${message}`,
        422,
      );
    }
    if (status(error) === 422 && /workflow_dispatch/.test(message)) {
      throw new PublishError(
        `GitHub workflow ${workflowFile} (${full}): no manual trigger on ${ref}; expected on.workflow_dispatch in the committed file (set triggers.manual, run dockyard synth and commit), got 422 ${message}`,
        422,
      );
    }
    throw describeGithubError(error, `start workflow ${workflowFile}`, full);
  }
}
