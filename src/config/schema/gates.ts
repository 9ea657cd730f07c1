import { z } from 'zod';
import { PLATFORM_IDS, relativeFilePathSchema } from './primitives.js';
import { coverageSchema, smokeSchema } from './verify-gates.js';

/** Platforms the test job runs on; must be built. Default: linux/amd64 when built, else the first platform. */
const testPlatforms = z
  .array(z.enum(PLATFORM_IDS))
  .min(1)
  .optional()
  .describe('Platforms the test job runs on; must be built. Default: linux/amd64 when built, else the first platform.');

/**
 * Values of `test.from`: `candidate` (the test stage derives from `image.target`, replaced by the candidate) or
 * `source` (an opt-out: the stage is built on another base and does not test the candidate).
 */
export const TEST_FROM = ['candidate', 'source'] as const;

/** Trivy severities, lowest to highest. */
export const SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/**
 * How the candidate image is tested before it may be pushed. `target`: a Dockerfile test stage built
 * `FROM <image.target>`, with that stage replaced by the exact candidate image and the build's cache; `commands`:
 * commands run in a container of the exact candidate. Either or both (the stage first), optionally with a coverage
 * minimum and a smoke test.
 *
 * @see https://docs.docker.com/reference/cli/docker/buildx/build/#build-context
 */
export const testSchema = z
  .strictObject({
    /** Dockerfile stage that runs the tests, built `FROM <image.target>` (directly or through other stages); synth reads the Dockerfile and refuses a stage whose `FROM` chain does not reach `image.target`, unless `from` is `source`. */
    target: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'not a valid Dockerfile stage name' })
      .optional()
      .describe(
        'Dockerfile stage that runs the tests, built `FROM <image.target>` (directly or through other stages); synth reads the Dockerfile and refuses a stage whose `FROM` chain does not reach `image.target`, unless `from` is `source`.',
      ),
    /** What `target` is built on. `candidate` (default): the stage must derive, through its `FROM` chain, from `image.target`, which the test build replaces with the exact candidate (synth and validate read the Dockerfile and reject a stage that does not, e.g. `FROM builder AS test`). `source`: accept a stage built from source on another base; it does not test the candidate, and `dockyard plan`, the test job name and the gate summary say so. Only with `target`. Default `candidate`. */
    from: z
      .enum(TEST_FROM)
      .optional()
      .describe(
        'What `target` is built on. `candidate` (default): the stage must derive, through its `FROM` chain, from `image.target`, which the test build replaces with the exact candidate (synth and validate read the Dockerfile and reject a stage that does not, e.g. `FROM builder AS test`). `source`: accept a stage built from source on another base; it does not test the candidate, and `dockyard plan`, the test job name and the gate summary say so. Only with `target`. Default `candidate`.',
      ),
    /** Commands run, in order, by `shell -c` in a container of the candidate image; any non-zero exit fails the test. */
    commands: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Commands run, in order, by `shell -c` in a container of the candidate image; any non-zero exit fails the test.',
      ),
    /** Absolute path of the shell inside the image that runs each command (with `commands` only). Default `/bin/sh`. */
    shell: z
      .string()
      .regex(/^\/[A-Za-z0-9_./-]+$/, { message: 'not an absolute path' })
      .optional()
      .describe(
        'Absolute path of the shell inside the image that runs each command (with `commands` only). Default `/bin/sh`.',
      ),
    /** Platforms the test job runs on; must be built. Default: linux/amd64 when built, else the first platform. */
    platforms: testPlatforms,
    /** Minimum line coverage read from a report the tests write. Default: no coverage gate. */
    coverage: coverageSchema.optional(),
    /** Start the production image and wait for its HEALTHCHECK to report healthy. Default: no smoke test. */
    smoke: smokeSchema.optional(),
  })
  .refine((test) => test.target !== undefined || test.commands !== undefined, {
    message: 'needs `target`, `commands` or both',
  })
  .describe('How the candidate is tested: `{ target }` (a Dockerfile test stage), `{ commands }`, or both.');

/**
 * Vulnerability scanners: Trivy (default) or Grype.
 *
 * @see https://trivy.dev/latest/docs/target/container_image/
 * @see https://github.com/anchore/grype#readme
 */
export const SCANNERS = ['trivy', 'grype'] as const;

/**
 * The vulnerability scan gate (Trivy or Grype on the exact candidate image, the OCI archive of each platform).
 *
 * @see https://trivy.dev/latest/docs/configuration/filtering/#by-severity
 * @see https://github.com/anchore/grype#gating-on-severity-of-vulnerabilities
 */
export const scanSchema = z
  .strictObject({
    /** `trivy` or `grype`. Grype gates on a minimum severity, so `severities` must then be one severity and every one above it. Default `trivy`. */
    scanner: z
      .enum(SCANNERS)
      .default('trivy')
      .describe(
        '`trivy` or `grype`. Grype gates on a minimum severity, so `severities` must then be one severity and every one above it. Default `trivy`.',
      ),
    /** Vulnerability severities that fail the pipeline. Default `["CRITICAL", "HIGH"]`. */
    severities: z
      .array(z.enum(SEVERITIES))
      .min(1)
      .default(['CRITICAL', 'HIGH'])
      .describe('Vulnerability severities that fail the pipeline. Default `["CRITICAL", "HIGH"]`.'),
    /** Ignore vulnerabilities that have no fixed version yet. Default `false`. */
    ignoreUnfixed: z
      .boolean()
      .default(false)
      .describe('Ignore vulnerabilities that have no fixed version yet. Default `false`.'),
    /** Ignore rules in the scanner's own format, relative to the config file: Trivy `.trivyignore` (one ID per line) or `.trivyignore.yaml`; Grype a YAML config file (e.g. `.grype.yaml`) whose `ignore:` rules apply. Default: none. */
    ignoreFile: relativeFilePathSchema
      .optional()
      .describe(
        "Ignore rules in the scanner's own format, relative to the config file: Trivy `.trivyignore` (one ID per line) or `.trivyignore.yaml`; Grype a YAML config file (e.g. `.grype.yaml`) whose `ignore:` rules apply. Default: none.",
      ),
    /** Publish every finding (all severities) to the CI system's security view: SARIF uploaded to GitHub code scanning (not for fork pull requests), the `container_scanning` report on GitLab (Trivy only). The gate still fails only on `severities`. Default `false`. */
    report: z
      .boolean()
      .default(false)
      .describe(
        "Publish every finding (all severities) to the CI system's security view: SARIF uploaded to GitHub code scanning (not for fork pull requests), the `container_scanning` report on GitLab (Trivy only). The gate still fails only on `severities`. Default `false`.",
      ),
  })
  .describe('The scan gate.');
