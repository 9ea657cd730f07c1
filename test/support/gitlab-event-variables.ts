import type { EventRow } from './event-table.js';
import type { EventRefs } from './github-event-context.js';
import type { GitlabEventVariables } from './gitlab-event-pipeline.js';

/** gitlab-ci-local's CI_PROJECT_ID (src/predefined-variables.ts); a fork's merge request comes from another project. */
const PROJECT_ID = '1217';
const FORK_PROJECT_ID = '4242';

/**
 * GitLab's predefined variables for a row. Push pipelines: `CI_COMMIT_BRANCH` or (tags) `CI_COMMIT_TAG` without
 * `CI_COMMIT_BRANCH`; merge request pipelines: `CI_MERGE_REQUEST_*`, no `CI_COMMIT_BRANCH`, an unprotected ref;
 * `web` (Run pipeline), `trigger` (trigger token) and `schedule` pipelines carry the branch like a push.
 * `CI_COMMIT_REF_PROTECTED` is true exactly for configured refs (dockyard's setup protects them).
 *
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/#predefined-variables-for-merge-request-pipelines
 * @see https://docs.gitlab.com/ci/jobs/job_rules/#ci_pipeline_source-predefined-variable
 */
export function gitlabEventVariables(row: EventRow, refs: EventRefs, refProtected: boolean): GitlabEventVariables {
  const set: Record<string, string> = {
    CI_PIPELINE_SOURCE: row.gitlabSource,
    CI_DEFAULT_BRANCH: refs.defaultBranch,
    CI_PROJECT_ID: PROJECT_ID,
  };
  const unset: string[] = [];
  const branch = (name: string) =>
    Object.assign(set, { CI_COMMIT_BRANCH: name, CI_COMMIT_REF_NAME: name, CI_COMMIT_REF_SLUG: slug(name) });
  switch (row.ref) {
    case 'branch':
      branch(refs.branch);
      break;
    case 'other-branch':
      branch(refs.otherBranch);
      break;
    case 'default-branch':
      branch(refs.defaultBranch);
      break;
    case 'tag':
    case 'other-tag': {
      const tag = row.ref === 'tag' ? refs.tag : refs.otherTag;
      Object.assign(set, { CI_COMMIT_TAG: tag, CI_COMMIT_REF_NAME: tag, CI_COMMIT_REF_SLUG: slug(tag) });
      unset.push('CI_COMMIT_BRANCH');
      break;
    }
    case 'pull': {
      const source = row.pull === 'dependabot' ? 'dependabot/npm_and_yarn/lodash-4.17.21' : 'feature/event-table';
      Object.assign(set, {
        CI_MERGE_REQUEST_IID: '7',
        CI_MERGE_REQUEST_ID: '70007',
        CI_MERGE_REQUEST_EVENT_TYPE: 'detached',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: refs.branch,
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: source,
        CI_MERGE_REQUEST_PROJECT_ID: PROJECT_ID,
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: row.pull === 'fork' ? FORK_PROJECT_ID : PROJECT_ID,
        CI_COMMIT_REF_NAME: source,
        CI_COMMIT_REF_SLUG: slug(source),
      });
      unset.push('CI_COMMIT_BRANCH');
      break;
    }
  }
  set.CI_COMMIT_REF_PROTECTED = String(refProtected);
  if (row.push !== undefined) set.DOCKYARD_PUSH = String(row.push);
  return { set, unset };
}

/** `CI_COMMIT_REF_SLUG`: lower-cased, non-alphanumerics to `-`, at most 63 characters, no leading/trailing `-`. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-/, '')
    .slice(0, 63)
    .replace(/-$/, '');
}

/** A stable key of a variable set, to run gitlab-ci-local once for rows GitLab cannot tell apart (a re-run). */
export function variablesKey(v: GitlabEventVariables): string {
  return JSON.stringify([Object.entries(v.set).sort(), [...v.unset].sort()]);
}
