import type { GitlabJob } from './gitlab-types.js';

/**
 * The top-level GitLab CI keywords dockyard emits (`workflow`, `variables`, `stages`, `include`, the component
 * header's `spec:inputs`), typed as GitLab spells them; the job keywords are in gitlab-types.ts. Each shape is the
 * subset of GitLab's CI JSON Schema (`../shared/schemas/gitlab-ci.json`, `properties`) that dockyard writes.
 *
 * @see https://docs.gitlab.com/ci/yaml/#global-keywords
 */

/**
 * One entry of `workflow:rules`: whether a pipeline is created (schema `properties.workflow.properties.rules`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#workflowrules
 */
export interface GitlabWorkflowRule {
  /** The condition; a rule without one always matches. @see https://docs.gitlab.com/ci/yaml/#workflowrules */
  if?: string;
  /**
   * Files whose change the rule also needs (`triggers.paths`): branch pipelines compare with the push's previous
   * commit (a new branch: every file counts as changed), merge request pipelines with the target branch.
   *
   * @see https://docs.gitlab.com/ci/yaml/#ruleschanges
   */
  changes?: { paths: string[] };
  /** `never` creates no pipeline (default `always`). @see https://docs.gitlab.com/ci/yaml/#workflowrules */
  when?: 'always' | 'never';
}

/**
 * What cancels a pipeline's jobs (schema `definitions.workflowAutoCancel`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit
 */
export interface GitlabAutoCancel {
  /** A newer commit's pipeline cancels: `interruptible` jobs only, `none`, or `conservative` (jobs not yet started). @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit */
  on_new_commit?: 'conservative' | 'interruptible' | 'none';
  /** A failed job cancels the pipeline's other jobs (`all`) or none (default). @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_job_failure */
  on_job_failure?: 'none' | 'all';
}

/**
 * `workflow:` (schema `properties.workflow`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#workflow
 */
export interface GitlabWorkflow {
  /** The pipeline's name; may use CI/CD variables. @see https://docs.gitlab.com/ci/yaml/#workflowname */
  name?: string;
  /** What cancels running jobs. @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancel */
  auto_cancel?: GitlabAutoCancel;
  /** Whether a pipeline is created. @see https://docs.gitlab.com/ci/yaml/#workflowrules */
  rules?: GitlabWorkflowRule[];
}

/**
 * A top-level variable: a string, or one prefilled in the "Run pipeline" form (`value`, `options`, `description`;
 * schema `definitions.globalVariables`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#variables
 * @see https://docs.gitlab.com/ci/yaml/#variablesdescription
 * @see https://docs.gitlab.com/ci/yaml/#variablesoptions
 */
export type GitlabPipelineVariable =
  | string
  | {
      /** The prefilled value (one of `options`, when given). @see https://docs.gitlab.com/ci/yaml/#variablesvalue */
      value: string;
      /** The values the form offers. @see https://docs.gitlab.com/ci/yaml/#variablesoptions */
      options?: string[];
      /** Shown in the form. @see https://docs.gitlab.com/ci/yaml/#variablesdescription */
      description?: string;
      /** Whether `$` in the value is expanded. @see https://docs.gitlab.com/ci/yaml/#variablesexpand */
      expand?: boolean;
    };

/**
 * One `include:` entry dockyard writes: a CI/CD component, with optional inputs (schema `definitions.include_item`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#includecomponent
 */
export interface GitlabComponentInclude {
  /** `<fqdn>/<project>/<component>@<version>`. @see https://docs.gitlab.com/ci/yaml/#includecomponent */
  component: string;
  /** Input values (none: the defaults). @see https://docs.gitlab.com/ci/yaml/#includeinputs */
  inputs?: Record<string, string | number | boolean>;
}

/**
 * One `spec:inputs` entry of a component header (schema `definitions.baseInput`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#specinputs
 */
export interface GitlabSpecInput {
  /** The input's type. @see https://docs.gitlab.com/ci/yaml/#specinputstype */
  type: 'string' | 'number' | 'boolean';
  /** The value when the caller passes none. @see https://docs.gitlab.com/ci/yaml/#specinputsdefault */
  default: string | number | boolean;
  /** Shown to the caller. @see https://docs.gitlab.com/ci/yaml/#specinputsdescription */
  description: string;
  /** The values allowed. @see https://docs.gitlab.com/ci/yaml/#specinputsoptions */
  options?: string[];
  /** A regular expression a string value must match. @see https://docs.gitlab.com/ci/yaml/#specinputsregex */
  regex?: string;
}

/**
 * The component header document: `spec: { inputs }` (schema `properties.spec`).
 *
 * @see https://docs.gitlab.com/ci/yaml/#spec
 */
export interface GitlabComponentSpec {
  /** The header. @see https://docs.gitlab.com/ci/yaml/#spec */
  spec: {
    /** The inputs, by name. @see https://docs.gitlab.com/ci/yaml/#specinputs */
    inputs: Record<string, GitlabSpecInput>;
  };
}

/** A value at the top level of a GitLab CI configuration: a keyword's or, under any other name, a job. */
export type GitlabCiEntry =
  GitlabJob | GitlabWorkflow | Record<string, GitlabPipelineVariable> | string[] | GitlabComponentInclude[];

/**
 * A GitLab CI configuration (`.gitlab-ci.yml`, a component template, its caller): the global keywords dockyard
 * writes, then the jobs under their names, in the order written.
 *
 * @see https://docs.gitlab.com/ci/yaml/
 */
export interface GitlabCiConfig {
  /** When pipelines are created and what cancels them. @see https://docs.gitlab.com/ci/yaml/#workflow */
  workflow?: GitlabWorkflow;
  /** Variables of every job; a prefilled one shows in the "Run pipeline" form. @see https://docs.gitlab.com/ci/yaml/#variables */
  variables?: Record<string, GitlabPipelineVariable>;
  /** The stages, in order (`.pre` and `.post` are implicit). @see https://docs.gitlab.com/ci/yaml/#stages */
  stages?: string[];
  /** Configuration included from elsewhere. @see https://docs.gitlab.com/ci/yaml/#include */
  include?: GitlabComponentInclude[];
  /** The jobs, by name (a name starting with `.` is a hidden job). @see https://docs.gitlab.com/ci/jobs/ */
  [name: string]: GitlabCiEntry | undefined;
}
