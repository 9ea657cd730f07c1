import { concurrencyRoleOf } from '../../model/concurrency.js';
import type { Job, Pipeline, TriggerSpec } from '../../model/pipeline.js';
import { PUSH_INPUT } from '../../model/trigger-targets.js';
import type { GitlabAutoCancel, GitlabPipelineVariable } from './gitlab-ci-types.js';
import type { GitlabJob } from './gitlab-types.js';

/**
 * `workflow:auto_cancel`: with `cancelSuperseded`, a pipeline for a newer commit of the same branch cancels the
 * older pipeline's interruptible jobs only (`interruptible`), so running and waiting publish jobs carry on; without
 * it, nothing is cancelled (`none`). The project setting "Auto-cancel redundant pipelines" must stay on (the default).
 *
 * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit
 * @see https://docs.gitlab.com/ci/pipelines/settings/#auto-cancel-redundant-pipelines
 */
export function gitlabAutoCancel(pipeline: Pipeline): GitlabAutoCancel {
  return { on_new_commit: pipeline.concurrency.cancelSuperseded ? 'interruptible' : 'none' };
}

/**
 * A job's concurrency keys: verify jobs `interruptible: true` (with `cancelSuperseded`), publish jobs
 * `interruptible: false`, and the manifest job the per-ref `resource_group` (jobs of one resource group run one at a
 * time across pipelines; waiting jobs queue, none is dropped).
 *
 * @see https://docs.gitlab.com/ci/yaml/#interruptible
 * @see https://docs.gitlab.com/ci/resource_groups/
 */
export function gitlabJobConcurrency(
  pipeline: Pipeline,
  job: Job,
): Pick<GitlabJob, 'interruptible' | 'resource_group'> {
  switch (concurrencyRoleOf(pipeline, job)) {
    case 'cancellable':
      return { interruptible: true };
    case 'locked':
      return { interruptible: false, resource_group: 'dockyard-publish-$CI_COMMIT_REF_SLUG' };
    case 'never':
      return job.stage === 'publish' ? { interruptible: false } : {};
  }
}

/**
 * Top-level `variables:` with manual runs: `DOCKYARD_PUSH`, prefilled `"true"` in the "Run pipeline" form with the
 * options `"true"` and `"false"`. Trigger calls pass it as `variables[DOCKYARD_PUSH]`. Undefined without manual runs.
 *
 * @see https://docs.gitlab.com/ci/variables/#prefill-variables-in-manual-pipelines
 */
export function gitlabPipelineVariables(triggers: TriggerSpec): Record<string, GitlabPipelineVariable> | undefined {
  if (!triggers.manual) return undefined;
  return {
    [PUSH_INPUT.gitlabVariable]: {
      value: String(PUSH_INPUT.default),
      options: ['true', 'false'],
      description: PUSH_INPUT.description,
    },
  };
}
