import { z } from 'zod';

/** Coverage report formats dockyard reads: Cobertura XML and LCOV tracefiles. */
export const COVERAGE_FORMATS = ['cobertura', 'lcov'] as const;

/** Which tests write the coverage report: the Dockerfile test stage or the test commands. */
export const COVERAGE_SOURCES = ['target', 'commands'] as const;

/**
 * hadolint failure thresholds, most to least severe: the lint job fails on findings of this severity or above
 * (hadolint `--failure-threshold`; `ignore` is below `style`).
 *
 * @see https://github.com/hadolint/hadolint#cli
 */
export const LINT_THRESHOLDS = ['error', 'warning', 'info', 'style', 'ignore'] as const;

/** Which measured size the image size gate compares with its limit. */
export const SIZE_MEASURES = ['compressed', 'uncompressed'] as const;

/** What the image size gate does when the limit is exceeded. */
export const SIZE_ACTIONS = ['fail', 'warn'] as const;

/**
 * The coverage gate: the line coverage of a Cobertura or LCOV report written by the tests, compared with a
 * minimum. In commands mode the report's directory is mounted, empty and writable, from the runner into every test
 * container; in target mode the report is read from the test stage's file system after the build.
 *
 * @see https://cobertura.github.io/cobertura/
 * @see https://github.com/linux-test-project/lcov/blob/master/man/geninfo.1
 */
export const coverageSchema = z
  .strictObject({
    /** Absolute path of the report the tests write, inside the test container (commands) or the test stage (target), e.g. `/coverage/cobertura.xml`. In commands mode its directory is mounted from the runner (empty), so it must not hold files the image needs. */
    report: z
      .string()
      .regex(/^(\/[A-Za-z0-9_.-]+)+$/, { message: 'not an absolute file path (letters, digits, _ . - and / only)' })
      .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), {
        message: 'must not contain . or .. segments',
      })
      .describe(
        'Absolute path of the report the tests write, inside the test container (commands) or the test stage (target), e.g. `/coverage/cobertura.xml`. In commands mode its directory is mounted from the runner (empty), so it must not hold files the image needs.',
      ),
    /** Report format: `cobertura` (XML, also GitLab's coverage report) or `lcov` (tracefile). */
    format: z
      .enum(COVERAGE_FORMATS)
      .describe("Report format: `cobertura` (XML, also GitLab's coverage report) or `lcov` (tracefile)."),
    /** Minimum line coverage in percent (0-100, at most two decimals); the test job fails below it. */
    minimum: z
      .number()
      .min(0)
      .max(100)
      .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, {
        message: 'has more than two decimals',
      })
      .describe('Minimum line coverage in percent (0-100, at most two decimals); the test job fails below it.'),
    /** Which tests write the report: `target` or `commands`. Default: the one configured; required when the test has both. */
    from: z
      .enum(COVERAGE_SOURCES)
      .optional()
      .describe(
        'Which tests write the report: `target` or `commands`. Default: the one configured; required when the test has both.',
      ),
  })
  .describe('The coverage gate.');

/**
 * The smoke test: start the production image (the exact candidate) and wait until its HEALTHCHECK reports healthy.
 *
 * @see https://docs.docker.com/reference/dockerfile/#healthcheck
 */
export const smokeSchema = z
  .strictObject({
    /** Seconds to wait for the container to report healthy (1-1800). Default `60`. */
    timeout: z
      .number()
      .int()
      .min(1)
      .max(1800)
      .default(60)
      .describe('Seconds to wait for the container to report healthy (1-1800). Default `60`.'),
  })
  .describe('The smoke test.');

/** The image size gate: the candidate's size per platform, compared with a limit. */
export const sizeSchema = z
  .strictObject({
    /** Size limit in MB (1 MB = 1,000,000 bytes, as `docker image ls`); must be greater than 0. */
    limit: z
      .number()
      .positive()
      .describe('Size limit in MB (1 MB = 1,000,000 bytes, as `docker image ls`); must be greater than 0.'),
    /** Size compared with the limit: `compressed` (sum of the layer sizes in the manifest) or `uncompressed` (sum of the unpacked layers). Default `uncompressed`. Both are reported; with `handoff: "registry"` only `compressed` is available. */
    measure: z
      .enum(SIZE_MEASURES)
      .default('uncompressed')
      .describe(
        'Size compared with the limit: `compressed` (sum of the layer sizes in the manifest) or `uncompressed` (sum of the unpacked layers). Default `uncompressed`. Both are reported; with `handoff: "registry"` only `compressed` is available.',
      ),
    /** `fail`: the gate fails and nothing is published; `warn`: a warning, the pipeline goes on. Default `fail`. */
    onExceed: z
      .enum(SIZE_ACTIONS)
      .default('fail')
      .describe(
        '`fail`: the gate fails and nothing is published; `warn`: a warning, the pipeline goes on. Default `fail`.',
      ),
  })
  .describe('The image size gate.');

/**
 * The Dockerfile lint gate: hadolint on `image.dockerfile` before the build (it reads `.hadolint.yaml` from the
 * config directory when present).
 *
 * @see https://github.com/hadolint/hadolint
 */
export const lintSchema = z
  .strictObject({
    /** hadolint `--failure-threshold`: fail on findings of this severity or above (`error`, `warning`, `info`, `style`, `ignore`). Default `info` (hadolint's default). */
    failureThreshold: z
      .enum(LINT_THRESHOLDS)
      .default('info')
      .describe(
        "hadolint `--failure-threshold`: fail on findings of this severity or above (`error`, `warning`, `info`, `style`, `ignore`). Default `info` (hadolint's default).",
      ),
    /** hadolint rules to ignore, e.g. `["DL3008"]`. Default `[]`. */
    ignore: z
      .array(z.string().regex(/^(DL|SC)[0-9]{4}$/, { message: 'not a hadolint rule id (DLnnnn or SCnnnn)' }))
      .default([])
      .describe('hadolint rules to ignore, e.g. `["DL3008"]`. Default `[]`.'),
  })
  .describe('The Dockerfile lint gate.');
