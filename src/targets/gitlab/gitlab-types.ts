/**
 * The GitLab CI job keywords dockyard emits, typed as GitLab spells them, so a misspelt keyword or a wrong shape in
 * an emitter is a type error. Each shape is the subset of GitLab's own CI JSON Schema (`ci.json`, the file the
 * validators use: `../shared/schemas/gitlab-ci.json`, `definitions.job_template`) that dockyard writes; the
 * top-level keywords are in gitlab-ci-types.ts.
 *
 * @see https://docs.gitlab.com/ci/yaml/
 * @see https://gitlab.com/gitlab-org/gitlab/-/blob/master/app/assets/javascripts/editor/schema/ci.json
 */

/**
 * When a job (or rule) runs; `delayed` needs `start_in`, which dockyard does not write (schema `definitions.when`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#when
 */
export type GitlabWhen = 'on_success' | 'on_failure' | 'always' | 'never' | 'manual' | 'delayed';

/**
 * The image a job runs in: a reference, or an object whose `entrypoint` overrides the image's (`[""]`: none, so the
 * runner's shell starts; schema `definitions.image`, `entrypoint` at least one item).
 *
 * @see https://docs.gitlab.com/ci/yaml/#image
 * @see https://docs.gitlab.com/ci/yaml/#imageentrypoint
 */
export type GitlabImage =
  | string
  | {
      /** The image reference. @see https://docs.gitlab.com/ci/yaml/#imagename */
      name: string;
      /** Replaces the image's entrypoint; `['']` runs no entrypoint. @see https://docs.gitlab.com/ci/yaml/#imageentrypoint */
      entrypoint?: [string, ...string[]];
      /** When the runner pulls the image. @see https://docs.gitlab.com/ci/yaml/#imagepull_policy */
      pull_policy?: 'always' | 'never' | 'if-not-present';
    };

/**
 * A service container beside the job: a reference or an object (schema `definitions.services`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#services
 */
export type GitlabService =
  | string
  | {
      /** The service image. @see https://docs.gitlab.com/ci/yaml/#servicesname */
      name: string;
      /** The host name the job reaches it by. @see https://docs.gitlab.com/ci/services/#available-settings-for-services */
      alias?: string;
      /** Replaces the image's entrypoint. @see https://docs.gitlab.com/ci/yaml/#servicesentrypoint */
      entrypoint?: [string, ...string[]];
      /** Replaces the image's command. @see https://docs.gitlab.com/ci/yaml/#servicescommand */
      command?: string[];
    };

/**
 * A job variable: a string, or `{ value, expand: false }` for a value the runner must not expand (`$` kept as is;
 * schema `definitions.jobVariables`). dockyard writes every value as a string.
 *
 * @see https://docs.gitlab.com/ci/yaml/#variables
 * @see https://docs.gitlab.com/ci/yaml/#variablesexpand
 */
export type GitlabVariable = string | { value: string; expand?: boolean };

/** A job's `variables:`, by name. @see https://docs.gitlab.com/ci/yaml/#variables */
export type GitlabJobVariables = Record<string, GitlabVariable>;

/**
 * One `parallel: matrix` entry (or the entry a `needs:parallel:matrix` names): a value, or a list that expands into
 * one instance per item (schema `definitions.parallel_matrix`; at most 200 entries).
 *
 * @see https://docs.gitlab.com/ci/yaml/#parallelmatrix
 */
export type GitlabMatrixEntry = Record<string, string | string[]>;

/**
 * A `needs:` entry: a job name, or a job with options (schema `job_template.properties.needs`, the same-pipeline
 * form; `parallel.matrix` names instances of a `parallel: matrix` job, GitLab 16.3+).
 *
 * @see https://docs.gitlab.com/ci/yaml/#needs
 * @see https://docs.gitlab.com/ci/yaml/#needsparallelmatrix
 */
export type GitlabNeed =
  | string
  | {
      /** The job needed. @see https://docs.gitlab.com/ci/yaml/#needs */
      job: string;
      /** Whether its artifacts are downloaded (default true). @see https://docs.gitlab.com/ci/yaml/#needsartifacts */
      artifacts?: boolean;
      /** Whether a missing job is allowed. @see https://docs.gitlab.com/ci/yaml/#needsoptional */
      optional?: boolean;
      /** The instances of a matrix job needed. @see https://docs.gitlab.com/ci/yaml/#needsparallelmatrix */
      parallel?: { matrix: GitlabMatrixEntry[] };
    };

/**
 * One entry of a job's `rules:` list; the first whose `if` matches decides (schema `definitions.rules`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#rules
 */
export interface GitlabRule {
  /** The condition; a rule without one always matches (a final catch-all). @see https://docs.gitlab.com/ci/yaml/#rulesif */
  if?: string;
  /** What a match does (default `on_success`). @see https://docs.gitlab.com/ci/yaml/#when */
  when?: 'never' | 'always' | 'on_success' | 'on_failure' | 'manual';
  /** Whether the job may fail without failing the pipeline. @see https://docs.gitlab.com/ci/yaml/#rulesallow_failure */
  allow_failure?: boolean;
  /** Variables the match sets. @see https://docs.gitlab.com/ci/yaml/#rulesvariables */
  variables?: Record<string, string>;
}

/**
 * The reports GitLab reads from a job's artifacts (schema `definitions.artifacts.properties.reports`).
 *
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/
 */
export interface GitlabArtifactReports {
  /** A dotenv file whose variables reach later jobs. @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv */
  dotenv?: string | string[];
  /** Container scanning report. @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscontainer_scanning */
  container_scanning?: string | string[];
  /** CycloneDX SBOMs. @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscyclonedx */
  cyclonedx?: string | string[];
  /** JUnit test reports. @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsjunit */
  junit?: string | string[];
  /** A coverage report shown in merge requests. @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportscoverage_report */
  coverage_report?: { coverage_format: 'cobertura' | 'jacoco'; path: string };
}

/**
 * A job's artifacts (schema `definitions.artifacts`; `paths` and `exclude` at least one item each).
 *
 * @see https://docs.gitlab.com/ci/yaml/#artifacts
 */
export interface GitlabArtifacts {
  /** Files and directories kept (relative to the project directory). @see https://docs.gitlab.com/ci/yaml/#artifactspaths */
  paths?: string[];
  /** Paths left out of `paths`. @see https://docs.gitlab.com/ci/yaml/#artifactsexclude */
  exclude?: string[];
  /** When they are uploaded (default `on_success`). @see https://docs.gitlab.com/ci/yaml/#artifactswhen */
  when?: 'on_success' | 'on_failure' | 'always';
  /** How long they are kept, e.g. `7 day` (default: the instance's, 30 days on GitLab.com). @see https://docs.gitlab.com/ci/yaml/#artifactsexpire_in */
  expire_in?: string;
  /** Reports GitLab reads. @see https://docs.gitlab.com/ci/yaml/#artifactsreports */
  reports?: GitlabArtifactReports;
  /** The archive's name. @see https://docs.gitlab.com/ci/yaml/#artifactsname */
  name?: string;
}

/**
 * A job's cache (schema `definitions.cache_item`; a string key has no `/` and is not `.` or `..`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#cache
 */
export interface GitlabCache {
  /** The cache's key. @see https://docs.gitlab.com/ci/yaml/#cachekey */
  key: string;
  /** Files and directories cached. @see https://docs.gitlab.com/ci/yaml/#cachepaths */
  paths: string[];
  /** Whether the job downloads, uploads or both (default `pull-push`). @see https://docs.gitlab.com/ci/yaml/#cachepolicy */
  policy?: 'pull-push' | 'pull' | 'push';
  /** When it is saved (default `on_success`). @see https://docs.gitlab.com/ci/yaml/#cachewhen */
  when?: 'on_success' | 'on_failure' | 'always';
}

/**
 * A deployment environment (schema `job_template.properties.environment`; `url` is `http(s)://…` or a variable).
 *
 * @see https://docs.gitlab.com/ci/yaml/#environment
 */
export interface GitlabEnvironment {
  /** The environment's name. @see https://docs.gitlab.com/ci/yaml/#environmentname */
  name: string;
  /** Where it is reached. @see https://docs.gitlab.com/ci/yaml/#environmenturl */
  url?: string;
  /** What the job does to it (default `start`). @see https://docs.gitlab.com/ci/yaml/#environmentaction */
  action?: 'start' | 'prepare' | 'stop' | 'verify' | 'access';
}

/**
 * An OIDC ID token the job gets as a CI/CD variable of this name (schema `definitions.id_tokens`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#id_tokens
 */
export interface GitlabIdToken {
  /** The token's audience (`aud` claim). @see https://docs.gitlab.com/ci/yaml/#id_tokens */
  aud: string | string[];
}

/**
 * A GitLab CI job (or a hidden job `.name` others extend), keys as GitLab spells them and in the order dockyard
 * writes them (schema `definitions.job_template`). Every key is optional, as in a job that `extends` another.
 *
 * @see https://docs.gitlab.com/ci/yaml/#job-keywords
 */
export interface GitlabJob {
  /** The stage, one of the top-level `stages` or `.pre`/`.post`. @see https://docs.gitlab.com/ci/yaml/#stage */
  stage?: string;
  /** The hidden job(s) whose keys this one inherits (hashes merge, arrays are replaced). @see https://docs.gitlab.com/ci/yaml/#extends */
  extends?: string | string[];
  /** Jobs this one waits for and takes artifacts from (a DAG). @see https://docs.gitlab.com/ci/yaml/#needs */
  needs?: GitlabNeed[];
  /** The jobs whose artifacts are downloaded (without `needs`). @see https://docs.gitlab.com/ci/yaml/#dependencies */
  dependencies?: string[];
  /** The image the job runs in. @see https://docs.gitlab.com/ci/yaml/#image */
  image?: GitlabImage;
  /** Service containers beside it. @see https://docs.gitlab.com/ci/yaml/#services */
  services?: GitlabService[];
  /** OIDC ID tokens, by variable name. @see https://docs.gitlab.com/ci/yaml/#id_tokens */
  id_tokens?: Record<string, GitlabIdToken>;
  /** Job variables. @see https://docs.gitlab.com/ci/yaml/#variables */
  variables?: GitlabJobVariables;
  /** The deployment environment. @see https://docs.gitlab.com/ci/yaml/#environment */
  environment?: GitlabEnvironment;
  /** Commands run before `script`, in the same shell. @see https://docs.gitlab.com/ci/yaml/#before_script */
  before_script?: string[];
  /** The commands (one shell; each item may hold several lines). @see https://docs.gitlab.com/ci/yaml/#script */
  script?: string[];
  /** Commands run after `script` in a new shell, whatever happened (`CI_JOB_STATUS` says what). @see https://docs.gitlab.com/ci/yaml/#after_script */
  after_script?: string[];
  /** When the job runs (without `rules`). @see https://docs.gitlab.com/ci/yaml/#when */
  when?: GitlabWhen;
  /** Whether it may fail without failing the pipeline. @see https://docs.gitlab.com/ci/yaml/#allow_failure */
  allow_failure?: boolean;
  /** A regular expression (`/…/`) reading the coverage figure from the log. @see https://docs.gitlab.com/ci/yaml/#coverage */
  coverage?: string;
  /** The artifacts. @see https://docs.gitlab.com/ci/yaml/#artifacts */
  artifacts?: GitlabArtifacts;
  /** The cache. @see https://docs.gitlab.com/ci/yaml/#cache */
  cache?: GitlabCache;
  /** Instances: a count, or one per `matrix` entry. @see https://docs.gitlab.com/ci/yaml/#parallelmatrix */
  parallel?: number | { matrix: GitlabMatrixEntry[] };
  /** Runner tags the runner must have (all of them). @see https://docs.gitlab.com/ci/yaml/#tags */
  tags?: string[];
  /** Whether the job is added to the pipeline, and how. @see https://docs.gitlab.com/ci/yaml/#rules */
  rules?: GitlabRule[];
  /** Whether a newer pipeline may cancel it. @see https://docs.gitlab.com/ci/yaml/#interruptible */
  interruptible?: boolean;
  /** Jobs of one resource group run one at a time, across pipelines. @see https://docs.gitlab.com/ci/yaml/#resource_group */
  resource_group?: string;
  /** Longest run, e.g. `15m` or `1h` (at most the project's timeout). @see https://docs.gitlab.com/ci/yaml/#timeout */
  timeout?: string;
}
