import { PublishError } from '../repository-host.js';
import type { GitlabRetryPolicy } from './gitlab-retry-policy.js';
import { describeGitlabError, isOutcomeUnknown } from './describe-gitlab-error.js';

/**
 * What {@link retryGitlabPost} runs.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export interface GitlabPostStep<T> {
  /** Words for messages, e.g. `commit to dockyard/pipelines`. */
  readonly step: string;
  readonly project: string;
  readonly policy: GitlabRetryPolicy;
  /** Send the POST once (the request layer already retries a 429, which GitLab refuses before running). */
  readonly post: () => Promise<T>;
  /** Read back whether the POST took effect after all; its result, or undefined when it did not. */
  readonly landed: () => Promise<T | undefined>;
  /** Sleep (tests). Default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Send a POST that must not take effect twice (create a commit, open a merge request). A 5xx, a timeout or a lost
 * answer does not say whether GitLab ran it, so before each retry `landed()` reads the state back: if the change is
 * there, its result is returned and nothing is sent again; if not, the POST is retried after
 * `backoffMs * 2 ** retry`, at most `policy.retries` times. Any other failure (4xx, including a 429 after the
 * request layer's own retries) is thrown at once.
 *
 * @throws {PublishError} with the last answer, saying that it was checked and retried.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 * @see https://docs.gitlab.com/api/rest/troubleshooting/
 */
export async function retryGitlabPost<T>(input: GitlabPostStep<T>): Promise<T> {
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let retries = 0; ; retries += 1) {
    try {
      return await input.post();
    } catch (error) {
      if (!isOutcomeUnknown(error)) throw describeGitlabError(error, input.step, input.project);
      const found = await input.landed();
      if (found !== undefined) return found;
      if (retries >= input.policy.retries) {
        const described = describeGitlabError(error, input.step, input.project);
        throw new PublishError(
          `${described.message} (it had not taken effect; sent ${retries + 1} times)`,
          described.status,
        );
      }
      await sleep(input.policy.backoffMs * 2 ** retries);
    }
  }
}
