/**
 * Convert a docker/metadata-action conformance case (GitHub env + event payload) to the GitLab CI variables of
 * the equivalent pipeline, following the mapping documented in docs/tags.md.
 */
export interface GithubCase {
  env: Record<string, string>;
  event: {
    base_ref?: string | null;
    number?: number;
    repository?: { default_branch?: string };
    head_commit?: { id?: string; timestamp?: string };
    pull_request?: { number?: number; head?: { sha?: string; ref?: string }; base?: { ref?: string } };
  };
}

export interface RepoFixture {
  name: string;
  full_name: string;
  description: string;
  html_url: string;
  default_branch: string;
  license: string;
}

export function convertCaseToGitlab(testCase: GithubCase, repo: RepoFixture): Record<string, string> {
  const { env, event } = testCase;
  const vars: Record<string, string> = {
    CI_PROJECT_NAME: repo.name,
    CI_PROJECT_PATH: repo.full_name,
    CI_PROJECT_DESCRIPTION: repo.description,
    CI_PROJECT_URL: repo.html_url,
    DOCKYARD_PROJECT_LICENSE: repo.license,
    CI_DEFAULT_BRANCH: event.repository?.default_branch ?? repo.default_branch,
  };
  for (const [key, value] of Object.entries(env)) if (key.startsWith('DOCKER_METADATA_')) vars[key] = value;
  const name = env.GITHUB_EVENT_NAME;
  const ref = env.GITHUB_REF ?? '';
  if (env.GITHUB_SHA) vars.CI_COMMIT_SHA = env.GITHUB_SHA;
  if (event.head_commit?.timestamp) vars.CI_COMMIT_TIMESTAMP = event.head_commit.timestamp;
  if (name === undefined) return vars;
  if (name.startsWith('pull_request')) {
    const pr = event.pull_request ?? {};
    vars.CI_PIPELINE_SOURCE = 'merge_request_event';
    vars.CI_MERGE_REQUEST_IID = String(pr.number ?? event.number);
    if (pr.head?.ref) vars.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME = pr.head.ref;
    if (pr.head?.sha) vars.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA = pr.head.sha;
    vars.CI_MERGE_REQUEST_TARGET_BRANCH_NAME = pr.base?.ref ?? env.GITHUB_BASE_REF;
    vars.CI_COMMIT_REF_NAME = vars.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? '';
    return vars;
  }
  // GitHub `release` events are tag pipelines on GitLab; `workflow_dispatch` is a "Run pipeline" (web) run.
  vars.CI_PIPELINE_SOURCE = name === 'schedule' ? 'schedule' : name === 'workflow_dispatch' ? 'web' : 'push';
  if (ref.startsWith('refs/tags/')) {
    vars.CI_COMMIT_TAG = ref.slice('refs/tags/'.length);
    vars.CI_COMMIT_REF_NAME = vars.CI_COMMIT_TAG;
    if (event.base_ref) vars.DOCKYARD_BASE_REF = event.base_ref.replace(/^refs\/heads\//, '');
  } else if (ref.startsWith('refs/heads/')) {
    vars.CI_COMMIT_BRANCH = ref.slice('refs/heads/'.length);
    vars.CI_COMMIT_REF_NAME = vars.CI_COMMIT_BRANCH;
  }
  return vars;
}
