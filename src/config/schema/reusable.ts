import { z } from 'zod';

/**
 * What `dockyard synth` writes: `workflow` (one self-contained pipeline file per CI system) or `reusable` (a
 * parametric GitHub reusable workflow / GitLab CI/CD component plus a thin caller with the triggers).
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows
 * @see https://docs.gitlab.com/ci/components/
 */
export const OUTPUT_MODES = ['workflow', 'reusable'] as const;

/** One of {@link OUTPUT_MODES}. */
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** A pinned GitHub ref: a full 40-hex commit SHA, or an exact release tag such as `v1.2.3` (never a branch). */
export const PINNED_GITHUB_REF = /^(?:[0-9a-f]{40}|v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** A pinned GitLab component version: an exact semantic version `1.2.3`, or a full 40-hex commit SHA. */
export const PINNED_GITLAB_VERSION = /^(?:[0-9a-f]{40}|\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** Where the reusable workflow lives when it is shared from a central GitHub repository. */
export const githubCentralSchema = z
  .strictObject({
    /** The central repository, `owner/repo`, holding `.github/workflows/<name>.yml`. */
    repository: z
      .string()
      .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, { message: 'not an owner/repo name' })
      .describe('The central repository, `owner/repo`, holding `.github/workflows/<name>.yml`.'),
    /** The pinned ref callers use: a full 40-hex commit SHA or an exact tag such as `v1.2.3`; branches and moving tags (`main`, `v1`) are rejected. */
    ref: z
      .string()
      .regex(PINNED_GITHUB_REF, {
        message:
          'not pinned: use a full 40-hex commit SHA or an exact tag such as v1.2.3 (not a branch or a moving tag)',
      })
      .describe(
        'The pinned ref callers use: a full 40-hex commit SHA or an exact tag such as `v1.2.3`; branches and moving tags (`main`, `v1`) are rejected.',
      ),
  })
  .describe('A central GitHub repository the caller references as `owner/repo/.github/workflows/<name>.yml@<ref>`.');

/** Where the CI/CD component lives when it is shared from a central GitLab project. */
export const gitlabCentralSchema = z
  .strictObject({
    /** The component project's full path, `group[/subgroup]/project`. */
    project: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/, { message: 'not a group/project path' })
      .describe("The component project's full path, `group[/subgroup]/project`."),
    /** The pinned component version: an exact release `1.2.3` or a full 40-hex commit SHA; `~latest`, partial versions (`1`, `1.2`) and branches are rejected. */
    version: z
      .string()
      .regex(PINNED_GITLAB_VERSION, {
        message:
          'not pinned: use an exact version such as 1.2.3 or a full 40-hex commit SHA (not ~latest, 1, 1.2 or a branch)',
      })
      .describe(
        'The pinned component version: an exact release `1.2.3` or a full 40-hex commit SHA; `~latest`, partial versions (`1`, `1.2`) and branches are rejected.',
      ),
  })
  .describe('A central GitLab component project the caller includes as `$CI_SERVER_FQDN/<project>/<name>@<version>`.');

/**
 * Settings of `output.mode: "reusable"`.
 *
 * @example `reusable: { name: 'image', github: { repository: 'acme/ci', ref: 'v1.4.0' } }`
 */
export const reusableSchema = z
  .strictObject({
    /** Name of the reusable workflow (`.github/workflows/<name>.yml` beside the caller) and of the GitLab component (`templates/<name>.yml`): lowercase letters, digits and `-`. Default `dockyard-image`. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, {
        message: 'not a component name: lowercase letters, digits and "-", starting with a letter',
      })
      .default('dockyard-image')
      .describe(
        'Name of the reusable workflow (`.github/workflows/<name>.yml` beside the caller) and of the GitLab component (`templates/<name>.yml`): lowercase letters, digits and `-`. Default `dockyard-image`.',
      ),
    /** A central GitHub repository the caller references, pinned. Default: the reusable workflow in this repository, called by local path. */
    github: githubCentralSchema
      .optional()
      .describe(
        'A central GitHub repository the caller references, pinned. Default: the reusable workflow in this repository, called by local path.',
      ),
    /** A central GitLab component project the caller includes, pinned. Default: the component in this project at the pipeline commit (`$CI_PROJECT_PATH`, `$CI_COMMIT_SHA`). */
    gitlab: gitlabCentralSchema
      .optional()
      .describe(
        'A central GitLab component project the caller includes, pinned. Default: the component in this project at the pipeline commit (`$CI_PROJECT_PATH`, `$CI_COMMIT_SHA`).',
      ),
  })
  .describe(
    'Settings of output mode `reusable`: the component name and, optionally, a pinned central repository per CI system.',
  );

/** The `output.reusable` value after validation. */
export type ReusableConfig = z.output<typeof reusableSchema>;
