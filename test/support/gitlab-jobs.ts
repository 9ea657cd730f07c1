import { gitlabJobIdOf } from '../../src/targets/gitlab/gitlab-platform-jobs.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A job as GitLab runs it: a job that `extends` a hidden job gets that job's keys, its own keys win and the
 * `variables` hashes merge (arrays are replaced, as GitLab merges `extends`).
 *
 * @see https://docs.gitlab.com/ci/yaml/yaml_optimization/#merge-details
 */
export function resolveGitlabJob(ci: object, job: Obj): Obj {
  const base = typeof job.extends === 'string' ? (ci as Obj)[job.extends] : undefined;
  if (!isObj(base)) return job;
  const { extends: _extends, ...own } = job;
  const variables =
    isObj(base.variables) || isObj(own.variables)
      ? { variables: { ...(base.variables as Obj), ...(own.variables as Obj) } }
      : {};
  return { ...base, ...own, ...variables };
}

/**
 * A GitLab CI configuration with every job per platform (`scan: [linux/amd64]`, ...) resolved against the hidden
 * job it extends, and also reachable under its job id (`scan`: the first platform's job), for tests that look at
 * what every platform's job shares. The real keys stay as they are.
 */
export function gitlabJobsById<T extends object>(ci: T): T {
  const out: Obj = { ...(ci as Obj) };
  for (const [name, job] of Object.entries(ci as Obj)) {
    if (!isObj(job) || typeof job.extends !== 'string') continue;
    out[name] = resolveGitlabJob(ci, job);
    const id = gitlabJobIdOf(name);
    if (id !== name && !(id in out)) out[id] = out[name];
  }
  return out as T;
}

/** The platform jobs of one job id, in file order, resolved against the hidden job they extend: `[name, job]`. */
export function gitlabPlatformJobsOf(ci: object, id: string): Array<[string, Obj]> {
  return Object.entries(ci as Obj)
    .filter(([name]) => name !== id && !name.startsWith('.') && gitlabJobIdOf(name) === id)
    .map(([name, job]) => [name, resolveGitlabJob(ci, job as Obj)]);
}

/** The job ids a `needs:` list names (a job per platform and `needs:parallel:matrix` by their job id), unique, in order. */
export function gitlabNeedIds(needs: unknown): string[] {
  const names = (Array.isArray(needs) ? needs : []).map((n: unknown) =>
    typeof n === 'string' ? n : (n as { job: string }).job,
  );
  return [...new Set(names.map(gitlabJobIdOf))];
}

/**
 * The job names of job ids in a GitLab CI configuration, for running them by name (gitlab-ci-local takes names):
 * an id that is a job (or a `parallel: matrix` job) stays, an id written per platform becomes its platform jobs.
 */
export function gitlabJobNamesOf(ci: object, ids: readonly string[]): string[] {
  return ids.flatMap((id) =>
    id in ci
      ? [id]
      : Object.keys(ci).filter((name) => !name.startsWith('.') && name !== id && gitlabJobIdOf(name) === id),
  );
}
