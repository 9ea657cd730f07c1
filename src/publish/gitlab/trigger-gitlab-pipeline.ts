import { Gitlab } from '@gitbeaker/rest';
import { PublishError } from '../repository-host.js';
import { DEFAULT_GITLAB_URL, gitlabHostOf } from './create-gitlab-client.js';
import { describeGitlabError } from './describe-gitlab-error.js';
import { createGitlabRequesterFn } from './gitlab-request-handler.js';
import { DEFAULT_GITLAB_RETRY_POLICY } from './gitlab-retry-policy.js';

/**
 * A pipeline GitLab created.
 *
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export interface TriggeredPipeline {
  readonly id: number;
  readonly webUrl: string;
}

/**
 * Options of {@link triggerGitlabPipeline}.
 *
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 */
export interface TriggerGitlabPipelineOptions {
  /** Instance or API root; default {@link DEFAULT_GITLAB_URL}. */
  readonly url?: string;
  /** `group/project` path or numeric id. */
  readonly project: string;
  /** A pipeline trigger token (Settings > CI/CD > Pipeline trigger tokens; created by a Maintainer). */
  readonly token: string;
  readonly ref: string;
  /** CI/CD variables of the pipeline (`variables[KEY]=value`). */
  readonly variables: Readonly<Record<string, string>>;
  /** Per-request timeout in ms. Default 30 000. */
  readonly queryTimeoutMs?: number;
}

/**
 * Create a pipeline with a pipeline trigger token (`POST /projects/:id/trigger/pipeline`, `token` and `ref`, variables
 * as `variables[KEY]`), through gitbeaker. The client sends no `PRIVATE-TOKEN`: the trigger token authenticates
 * alone and runs the pipeline as the token's owner. Requests go through dockyard's retry policy: a 429 waits
 * `Retry-After` and is retried; a 5xx is not (the pipeline may have been created, and there is nothing to read back
 * with a trigger token alone), so it fails rather than risking a second pipeline.
 *
 * @throws {PublishError} 400 `Reference not found`: unknown ref; 404: unknown project or wrong trigger token; 401/403
 *   and others as {@link describeGitlabError} words them.
 * @see https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
 * @see https://docs.gitlab.com/ci/triggers/
 */
export async function triggerGitlabPipeline(options: TriggerGitlabPipelineOptions): Promise<TriggeredPipeline> {
  const requesterFn = createGitlabRequesterFn({
    policy: DEFAULT_GITLAB_RETRY_POLICY,
    attemptTimeoutMs: options.queryTimeoutMs ?? 30_000,
  });
  const gitlab = new Gitlab({
    host: gitlabHostOf(options.url ?? DEFAULT_GITLAB_URL),
    queryTimeout: 0,
    requesterFn,
  } as ConstructorParameters<typeof Gitlab>[0]);
  const variables = Object.keys(options.variables).length > 0 ? { variables: { ...options.variables } } : {};
  try {
    const data = await gitlab.PipelineTriggerTokens.trigger(options.project, options.ref, options.token, variables);
    return { id: Number(data.id), webUrl: String(data.web_url) };
  } catch (error) {
    const e = error as { cause?: { response?: { status?: number }; description?: string } };
    const status = e.cause?.response?.status;
    const description = e.cause?.description ?? '';
    if (status === 400 && /reference not found/i.test(description)) {
      throw new PublishError(
        `--ref ${options.ref} (${options.project}): unknown ref; expected an existing branch or tag, got 400 ${description}`,
        400,
      );
    }
    if (status === 404) {
      throw new PublishError(
        `GitLab trigger (${options.project}): not found; expected an existing project and a valid pipeline trigger token in GITLAB_TRIGGER_TOKEN, got 404 ${description}`,
        404,
      );
    }
    if (status === 401 || status === 403) {
      throw new PublishError(
        `GitLab trigger (${options.project}): refused; expected a pipeline trigger token in GITLAB_TRIGGER_TOKEN whose owner may run pipelines on ${options.ref}, got ${status} ${description}`,
        status,
      );
    }
    throw describeGitlabError(error, 'trigger a pipeline', options.project);
  }
}
