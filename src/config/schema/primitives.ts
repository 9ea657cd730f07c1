import { z } from 'zod';

/**
 * The OCI platforms dockyard can build for, as `os/arch[/variant]` strings.
 *
 * @see https://docs.docker.com/build/building/multi-platform/
 */
export const PLATFORM_IDS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
] as const;

/** One of {@link PLATFORM_IDS}. */
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** The CI systems dockyard renders pipelines for. */
export const CI_SYSTEMS = ['github', 'gitlab'] as const;

/** One of {@link CI_SYSTEMS}. */
export type CiSystem = (typeof CI_SYSTEMS)[number];

/**
 * The name of a secret (GitHub Actions secret or GitLab CI/CD variable): letters, digits and `_`,
 * not starting with a digit. dockyard only ever references secrets by name; values never enter the config.
 *
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#naming-your-secrets
 * @see https://docs.gitlab.com/ci/variables/
 */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'not a valid secret/variable name (letters, digits and _, not starting with a digit)',
  })
  .describe('Name of a GitHub Actions secret or GitLab CI/CD variable (never the value).');

/**
 * A branch or tag name pattern in glob syntax (`main`, `release/*`, `v*`, `**`).
 * `*` matches within one path segment, `**` across segments, `?` zero or one and `+` one or more of the preceding
 * character: GitHub's filter pattern semantics, applied on GitLab too.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 */
export const refPatternSchema = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9._\-/*?+]+$/, {
    message: 'unsupported ref pattern: use letters, digits, . _ - / and the wildcards * ** ? + only',
  })
  .describe(
    "Branch or tag glob with GitHub's filter semantics on both CI systems: `*` within a path segment, `**` across segments, `?` zero or one and `+` one or more of the preceding character.",
  );

/** A Docker image repository path: lower-case components separated by `/`. */
export const repositoryPathSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, {
    message:
      'not a valid image repository path (lower-case letters, digits, separators . _ __ -, components joined by /)',
  });

/**
 * A file path relative to the config file's directory (POSIX separators): not absolute, no `..` segment, no
 * backslash, no control character. Used for files the pipeline reads from the checked-out repository.
 */
export const relativeFilePathSchema = z
  .string()
  .min(1)
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  .regex(/^(?!\/)(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\u0000-\u001f]+$/, {
    message: 'not a relative file path (no leading /, no .. segment, no backslash)',
  })
  .describe('File path relative to the config file (no leading `/`, no `..`).');

/** What {@link outputPathSchema} reports as expected. */
const OUTPUT_PATH_EXPECTED =
  'a path inside the project, relative to the config file (e.g. .github/workflows/dockyard.yml)';

/**
 * A generated file's path (`output.github`, `output.gitlab`): relative to the config file's directory and inside
 * it, so that no config (a JSON one from elsewhere included) can make `dockyard synth` write outside the project.
 * Rejects absolute paths (`/…`, `C:…`, `\\…`), any `..` segment, backslashes and control characters.
 * `synth` checks again at write time, after resolving symlinks (src/io/write-files.ts).
 */
export const outputPathSchema = z
  .string()
  .min(1)
  .superRefine((path, ctx) => {
    const problem = /^([/\\]|[A-Za-z]:)/.test(path)
      ? 'is an absolute path: generated files stay inside the project'
      : path.split('/').includes('..')
        ? 'has a .. segment: generated files stay inside the project'
        : // eslint-disable-next-line no-control-regex -- control characters are what this rejects
          /[\\\u0000-\u001f]/.test(path)
          ? 'has a backslash or control character (use / between directories)'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { expected: OUTPUT_PATH_EXPECTED } });
  });

/**
 * A config string that lands in a GitHub workflow where GitHub would evaluate `${{ … }}` (`runs-on`, a job's
 * `container`, the tag rules handed to the metadata step): `${{` is refused, since dockyard's values must mean the
 * same on GitLab, which does not evaluate it, and an expression there could read secrets or contexts.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
 */
export function refuseGithubExpression(value: string, ctx: z.RefinementCtx): void {
  if (!value.includes('${{')) return;
  ctx.addIssue({
    code: 'custom',
    message: 'contains "${{", which GitHub Actions would evaluate as an expression',
    params: { expected: 'text without "${{" (dockyard passes values literally on every CI system)' },
  });
}
