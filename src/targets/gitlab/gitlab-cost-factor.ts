/**
 * GitLab-hosted runner cost factors by machine size (Linux x86-64 and Arm64 alike).
 *
 * @see https://docs.gitlab.com/ci/pipelines/compute_minutes/#cost-factors-for-gitlab-hosted-runners
 */
const GITLAB_COST_FACTORS: Readonly<Record<string, number>> = {
  small: 1,
  medium: 2,
  large: 3,
  xlarge: 6,
  '2xlarge': 12,
};

/**
 * The cost factor of a GitLab job's runner tags: the `saas-linux-<size>-<arch>` tag's size, else 1 (untagged jobs run
 * on GitLab.com's default small Linux runner; a self-managed runner's factor is the administrator's choice).
 */
export function gitlabCostFactorOf(tags: readonly string[]): number {
  for (const tag of tags) {
    const size = /^saas-linux-([a-z0-9]+)-(amd64|arm64)$/.exec(tag)?.[1];
    if (size !== undefined && GITLAB_COST_FACTORS[size] !== undefined) return GITLAB_COST_FACTORS[size];
  }
  return 1;
}
