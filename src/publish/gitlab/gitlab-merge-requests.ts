import type { OpenChangeRequest } from '../remote-state.js';
import type { ChangeRequestInput } from '../repository-host.js';
import { retryPolicyOf, type GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';
import { retryGitlabPost } from './retry-gitlab-post.js';

/** The fields of a merge request dockyard reads. */
interface MergeRequestLike {
  readonly iid: number;
  readonly web_url: string;
  readonly title: string;
  readonly description?: string | null;
  readonly draft?: boolean;
  readonly labels?: readonly unknown[];
}

/**
 * Map a GitLab merge request to the host-neutral shape. Pure.
 *
 * @see https://docs.gitlab.com/api/merge_requests/
 */
export function toOpenMergeRequest(mr: MergeRequestLike): OpenChangeRequest {
  return {
    number: mr.iid,
    url: mr.web_url,
    title: mr.title,
    body: mr.description ?? '',
    draft: mr.draft ?? false,
    labels: (mr.labels ?? [])
      .map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name ?? '')))
      .filter(Boolean),
  };
}

/**
 * A merge request title: GitLab marks drafts with a `Draft: ` prefix. Pure.
 *
 * @see https://docs.gitlab.com/api/merge_requests/
 */
export function gitlabTitleOf(input: Pick<ChangeRequestInput, 'title' | 'draft'>): string {
  return input.draft ? `Draft: ${input.title}` : input.title;
}

/**
 * The open merge request from `branch` into `base` (`GET /projects/:id/merge_requests?state=opened&source_branch=…&target_branch=…`).
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests
 */
export async function findGitlabMergeRequest(
  gitlab: GitlabClient,
  project: string,
  branch: string,
  base: string,
): Promise<OpenChangeRequest | undefined> {
  const data = await callGitlab(`list merge requests from ${branch}`, project, () =>
    gitlab.MergeRequests.all({
      projectId: project,
      state: 'opened',
      sourceBranch: branch,
      targetBranch: base,
      perPage: 10,
      maxPages: 1,
    }),
  );
  const found = (data as unknown as MergeRequestLike[])[0];
  return found ? toOpenMergeRequest(found) : undefined;
}

/**
 * Open a merge request (`POST /projects/:id/merge_requests`) with description and labels; the source branch is
 * removed when it is merged. After a 5xx or lost answer the open merge request from `branch` into `base` is looked
 * up first and returned if GitLab created it after all; only otherwise is the POST sent again (`retryGitlabPost`).
 *
 * @throws {import('../repository-host.js').PublishError} on any API error (409: one already exists).
 * @see https://docs.gitlab.com/api/merge_requests/#create-mr
 */
export async function openGitlabMergeRequest(
  gitlab: GitlabClient,
  project: string,
  input: ChangeRequestInput,
): Promise<OpenChangeRequest> {
  return retryGitlabPost({
    step: 'open the merge request',
    project,
    policy: retryPolicyOf(gitlab),
    post: async () => {
      const data = await gitlab.MergeRequests.create(project, input.branch, input.base, gitlabTitleOf(input), {
        description: input.body,
        removeSourceBranch: true,
        ...(input.labels.length > 0 ? { labels: input.labels.join(',') } : {}),
      });
      return toOpenMergeRequest(data as unknown as MergeRequestLike);
    },
    landed: () => findGitlabMergeRequest(gitlab, project, input.branch, input.base),
  });
}

/**
 * Update an open merge request's title and description and add missing labels
 * (`PUT /projects/:id/merge_requests/:merge_request_iid`). A draft a person marked ready stays ready.
 *
 * @throws {import('../repository-host.js').PublishError} on any API error.
 * @see https://docs.gitlab.com/api/merge_requests/#update-mr
 */
export async function updateGitlabMergeRequest(
  gitlab: GitlabClient,
  project: string,
  current: OpenChangeRequest,
  input: ChangeRequestInput,
): Promise<OpenChangeRequest> {
  const missing = input.labels.filter((l) => !current.labels.includes(l));
  const data = await callGitlab(`update merge request !${current.number}`, project, () =>
    gitlab.MergeRequests.edit(project, current.number, {
      title: current.draft ? gitlabTitleOf({ title: input.title, draft: true }) : input.title,
      description: input.body,
      ...(missing.length > 0 ? { addLabels: missing.join(',') } : {}),
    }),
  );
  return toOpenMergeRequest(data as unknown as MergeRequestLike);
}
