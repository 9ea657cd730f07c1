import { platformsOf, type Job, type JobKind, type Pipeline, type PlatformTarget } from '../../model/pipeline.js';
import { gitlabPlatformRunner } from './gitlab-platform-runners.js';
import { NOT_THE_CANDIDATE } from '../../model/verify-gates.js';
import type { GitlabJob, GitlabJobVariables, GitlabMatrixEntry, GitlabNeed } from './gitlab-types.js';
import { usesGitlabRunnerTags } from './gitlab-runners.js';

/**
 * One job per platform on GitLab CI, and how the other jobs name them.
 *
 * The build job is a `parallel: matrix` job. Every later per-platform job (test, scan, smoke, size, sbom, push) is
 * written as one job per platform instead, because within one `parallel: matrix` job `needs:` is the same for every
 * instance: `needs: [build]` makes each instance wait for, and download the artifacts of, every build instance
 * (with the artifact handoff: every platform's image archive). A job of its own per platform can name exactly its
 * platform's build instance with `needs:parallel:matrix` (GitLab 16.3+), which lists every matrix variable of that
 * instance. The `$[[ matrix.X ]]` expressions that would do this inside one matrix job are Beta since GitLab 18.6
 * and break under a `spec:` header (gitlab-org/gitlab#578853), which our CI/CD component has, so they are not used.
 *
 * What the platform jobs share is written once, in a hidden job `.<id>` they `extends`; each platform job adds only
 * its `needs`, its platform variables and its runner tag. The jobs are named `<id>: [<platform>]` (`test:
 * [linux/amd64, does not test the candidate]` for a test that does not test the candidate): GitLab groups jobs
 * whose names end in `: [...]` under `<id>` in the pipeline graph, as it does a matrix job's instances.
 *
 * @see https://docs.gitlab.com/ci/yaml/#needsparallelmatrix
 * @see https://docs.gitlab.com/ci/yaml/matrix_expressions/
 * @see https://docs.gitlab.com/ci/jobs/#group-similar-jobs-together-in-pipeline-views (the group-name pattern
 *   `([\b\s:]+((\[.*\])|(\d+[\s:\/\\]+\d+))){1,3}\s*\z`, gitlab-org/gitlab app/models/commit_status.rb)
 */

/** The job that stays a `parallel: matrix` job: it needs only jobs that run once. */
export const GITLAB_MATRIX_JOB: JobKind = 'build';

/** Whether a job is written as one job per platform (every per-platform job but the build). */
export function isGitlabPlatformJobs(job: Job): boolean {
  return job.perPlatform && job.id !== GITLAB_MATRIX_JOB;
}

/** The name of one platform's job, e.g. `scan: [linux/arm64]`. */
export function gitlabPlatformJobName(pipeline: Pipeline, job: Job, platform: PlatformTarget): string {
  const caveat = job.id === 'test' && pipeline.test.from === 'source' ? `, ${NOT_THE_CANDIDATE}` : '';
  return `${job.id}: [${platform.platform}${caveat}]`;
}

/**
 * The job id a GitLab job name belongs to: the name without a trailing `: [...]` (`scan: [linux/amd64]` →
 * `scan`) or the leading dot of the hidden job its platform jobs extend (`.scan` → `scan`); other names unchanged.
 */
export function gitlabJobIdOf(name: string): string {
  return name.replace(/: \[.*\]$/, '').replace(/^\./, '');
}

/** The `parallel: matrix` entry of the build job for one platform: the variables that name its instance. */
export function gitlabMatrixEntry(pipeline: Pipeline, job: Job, platform: PlatformTarget): GitlabMatrixEntry {
  return {
    DOCKYARD_PLATFORM: platform.platform,
    DOCKYARD_SLUG: platform.slug,
    ...(usesGitlabRunnerTags(pipeline, job) ? { DOCKYARD_RUNNER_TAG: gitlabPlatformRunner(platform).runner } : {}),
  };
}

/** The `needs:` entry type lives in gitlab-types.ts; re-exported for the modules that import it from here. */
export type { GitlabNeed } from './gitlab-types.js';

/**
 * The `needs:` of one job: a job written per platform is named by each of its platform jobs; for one platform's
 * job (`platform` given), the build is its own platform's build instance only.
 */
export function gitlabNeedsOf(pipeline: Pipeline, job: Job, platform?: PlatformTarget): GitlabNeed[] {
  const jobs = new Map(pipeline.jobs.map((j) => [j.id, j]));
  return job.needs.flatMap((id): GitlabNeed[] => {
    const needed = jobs.get(id);
    if (needed === undefined) return [id];
    if (needed.id === GITLAB_MATRIX_JOB && needed.perPlatform && platform !== undefined) {
      return [{ job: id, parallel: { matrix: [gitlabMatrixEntry(pipeline, needed, platform)] } }];
    }
    if (isGitlabPlatformJobs(needed))
      return platformsOf(pipeline, needed).map((p) => gitlabPlatformJobName(pipeline, needed, p));
    return [id];
  });
}

/** The hidden job (`.scan`) a job's platform jobs extend: everything they share. */
export function gitlabTemplateName(job: Job): string {
  return `.${job.id}`;
}

/**
 * One job per platform from a job's shared body: a hidden job `.<id>` holds what they share (`stage`, the body,
 * the job's own `variables`, then `tail`), and each platform's job extends it with its `needs`, its
 * `DOCKYARD_PLATFORM` and `DOCKYARD_SLUG` (GitLab merges the `variables` hashes of `extends`; the platform job's
 * keys are added to the hidden job's) and its runner tag where the job selects one.
 *
 * @param body the job without `stage`, `needs`, `variables` and `tags`.
 * @param variables the job's own variables.
 * @param tail keys that follow (rules, concurrency, timeout), in order.
 * @see https://docs.gitlab.com/ci/yaml/#extends
 * @see https://docs.gitlab.com/ci/yaml/yaml_optimization/#merge-details (hashes merge, arrays are replaced)
 */
export function emitGitlabPlatformJobs(
  pipeline: Pipeline,
  job: Job,
  body: GitlabJob,
  variables: GitlabJobVariables | undefined,
  tail: GitlabJob,
): Record<string, GitlabJob> {
  const useTags = usesGitlabRunnerTags(pipeline, job);
  const template = gitlabTemplateName(job);
  return {
    [template]: { stage: job.id, ...body, ...(variables ? { variables } : {}), ...tail },
    ...Object.fromEntries(
      platformsOf(pipeline, job).map((p) => [
        gitlabPlatformJobName(pipeline, job, p),
        {
          extends: template,
          needs: gitlabNeedsOf(pipeline, job, p),
          variables: { DOCKYARD_PLATFORM: p.platform, DOCKYARD_SLUG: p.slug },
          ...(useTags ? { tags: [gitlabPlatformRunner(p).runner] } : {}),
        },
      ]),
    ),
  };
}
