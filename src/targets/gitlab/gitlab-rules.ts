import type { TriggerSpec } from '../../model/pipeline.js';
import { PUSH_INPUT } from '../../model/trigger-targets.js';
import { matchAnyGlob } from './gitlab-refs.js';
import type { GitlabWorkflowRule } from './gitlab-ci-types.js';
import type { GitlabRule } from './gitlab-types.js';

/** The `rules:` entry type lives in gitlab-types.ts; re-exported for the modules that import it from here. */
export type { GitlabRule } from './gitlab-types.js';

/**
 * `workflow:rules` for the triggers: merge requests targeting the branches (and no duplicate branch
 * pipeline while an MR is open), pushes of matching branches and tags, schedules, manual ("Run pipeline", source
 * `web`) runs and, with `dispatch`, pipelines started with a trigger token (source `trigger`). Pipeline schedules and
 * trigger tokens themselves are created in the project settings.
 *
 * @see https://docs.gitlab.com/ci/yaml/workflow/#switch-between-branch-pipelines-and-merge-request-pipelines
 * @see https://docs.gitlab.com/ci/triggers/
 */
export function emitGitlabWorkflowRules(triggers: TriggerSpec): GitlabWorkflowRule[] {
  const rules: GitlabWorkflowRule[] = [];
  // Only branch pushes and merge requests look at changed files; tag, scheduled, web and trigger pipelines always run.
  const changes = triggers.paths.length > 0 ? { changes: { paths: [...triggers.paths] } } : {};
  const branches = matchAnyGlob('$CI_COMMIT_BRANCH', triggers.branches);
  if (triggers.pullRequests) {
    const target = matchAnyGlob('$CI_MERGE_REQUEST_TARGET_BRANCH_NAME', triggers.branches);
    rules.push({ if: `$CI_PIPELINE_SOURCE == "merge_request_event"${target ? ` && ${target}` : ''}`, ...changes });
    rules.push({ if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == "push"', when: 'never' });
  }
  const tags = matchAnyGlob('$CI_COMMIT_TAG', triggers.tags);
  if (tags) rules.push({ if: `$CI_PIPELINE_SOURCE == "push" && ${tags}` });
  if (branches) rules.push({ if: `$CI_PIPELINE_SOURCE == "push" && ${branches}`, ...changes });
  if (triggers.schedules.length > 0) rules.push({ if: '$CI_PIPELINE_SOURCE == "schedule"' });
  if (triggers.manual) rules.push({ if: '$CI_PIPELINE_SOURCE == "web"' });
  if (triggers.dispatch) rules.push({ if: '$CI_PIPELINE_SOURCE == "trigger"' });
  return rules;
}

/**
 * Rules of publish jobs: never in merge request pipelines, never when a manual or triggered pipeline set
 * `DOCKYARD_PUSH` to `false` (with `manual` or `dispatch`), and only on protected branches and tags, where protected
 * CI/CD variables (registry credentials) are available.
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (CI_COMMIT_REF_PROTECTED)
 */
export function publishRulesFor(triggers: TriggerSpec): GitlabRule[] {
  return [
    { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
    ...(triggers.manual || triggers.dispatch
      ? [{ if: `$${PUSH_INPUT.gitlabVariable} == "false"`, when: 'never' as const }]
      : []),
    { if: '$CI_COMMIT_REF_PROTECTED == "true"' },
  ];
}
