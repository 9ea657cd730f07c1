import type { DockyardConfig } from '../config/schema/index.js';
import type { PlatformId } from '../config/schema/primitives.js';

/**
 * The coverage gate, resolved: the report's absolute path inside the test container or stage, its format, the
 * minimum in percent, and which tests write it.
 */
export interface CoverageSpec {
  readonly report: string;
  readonly format: 'cobertura' | 'lcov';
  /** Percent, 0-100. */
  readonly minimum: number;
  readonly from: 'target' | 'commands';
}

/** The smoke test: wait at most `timeoutSeconds` for the candidate's HEALTHCHECK to report healthy. */
export interface SmokeSpec {
  readonly timeoutSeconds: number;
}

/** The image size gate: `limitMb` (1 MB = 1,000,000 bytes) compared with the `measure`d size. */
export interface SizeSpec {
  readonly limitMb: number;
  readonly measure: 'compressed' | 'uncompressed';
  readonly onExceed: 'fail' | 'warn';
}

/** The Dockerfile lint gate (hadolint). */
export interface LintSpec {
  readonly failureThreshold: 'error' | 'warning' | 'info' | 'style' | 'ignore';
  /** Rule ids passed to `--ignore`. */
  readonly ignore: readonly string[];
}

/**
 * One row of the gate summary, as a gate job writes it to `dockyard/gates/<gate>[-<slug>].tsv`: `gate` (e.g.
 * `coverage`), `platform` (`linux/amd64`, or `-` for a gate that runs once), `result` (`pass`, `fail` or `warn`),
 * `figure` (what was measured) and `threshold` (what it was compared with), tab-separated on one line.
 */
export interface GateResultSpec {
  readonly gate: string;
  /** Per-platform gates write one file per platform slug. */
  readonly perPlatform: boolean;
  /** The threshold column written when the job ends before the gate's own check (e.g. a test failed). */
  readonly threshold: string;
}

/** The verification gates of this module, resolved from the config (undefined: not configured). */
export interface VerifyGates {
  readonly coverage?: CoverageSpec;
  readonly smoke?: SmokeSpec;
  readonly size?: SizeSpec;
  readonly lint?: LintSpec;
}

/** Resolve the coverage, smoke, size and lint gates from a validated config. */
export function planVerifyGates(config: DockyardConfig): VerifyGates {
  const { test } = config;
  return {
    ...(test.coverage
      ? {
          coverage: {
            report: test.coverage.report,
            format: test.coverage.format,
            minimum: test.coverage.minimum,
            from: test.coverage.from ?? (test.target !== undefined ? 'target' : 'commands'),
          },
        }
      : {}),
    ...(test.smoke ? { smoke: { timeoutSeconds: test.smoke.timeout } } : {}),
    ...(config.size
      ? { size: { limitMb: config.size.limit, measure: config.size.measure, onExceed: config.size.onExceed } }
      : {}),
    ...(config.lint
      ? { lint: { failureThreshold: config.lint.failureThreshold, ignore: [...config.lint.ignore] } }
      : {}),
  };
}

/**
 * What decides the gate summary and the result files: the gates of this module, and the supply-chain gates of
 * the pipeline model (the SBOM; signing, whose job renders the final table). Structural, so both the planner and
 * the emitters (with a whole `Pipeline`) can ask.
 */
export interface GateSummarySource {
  readonly gates: VerifyGates;
  /** The test spec (its `from` labels the test gate); absent: a test of the candidate. */
  readonly test?: { readonly from?: 'candidate' | 'source' };
  readonly scan?: { readonly severities: readonly string[]; readonly ignoreUnfixed: boolean };
  readonly sbom?: { readonly format: string };
  readonly signing?: { readonly provenance: boolean };
}

/** The jobs that write gate result files when the summary runs. */
export type GateJobKind = 'lint' | 'test' | 'scan' | 'smoke' | 'size' | 'sbom' | 'sign';

/**
 * True when any gate beyond the default test and scan is configured (coverage, smoke, size, lint, SBOM or
 * signing): then every gate job, test and scan included, writes result files and the summary job runs. Pipelines
 * without these gates render as before.
 */
export function hasGateSummary(source: GateSummarySource): boolean {
  const { gates } = source;
  return (
    gates.coverage !== undefined ||
    gates.smoke !== undefined ||
    gates.size !== undefined ||
    gates.lint !== undefined ||
    source.sbom !== undefined ||
    source.signing !== undefined
  );
}

/**
 * The result files each gate job writes (when the summary runs), by job kind: the test job writes `test` and,
 * with a coverage gate, `coverage`; the other gate jobs their own (`scan`, `sbom` and the per-platform gates once
 * per platform; `lint` and `sign` once).
 */
export function gateResultsOf(source: GateSummarySource, job: GateJobKind): GateResultSpec[] {
  const { gates } = source;
  switch (job) {
    case 'test':
      return [
        { gate: 'test', perPlatform: true, threshold: testThreshold(source.test) },
        ...(gates.coverage
          ? [{ gate: 'coverage', perPlatform: true, threshold: `>= ${gates.coverage.minimum}%` }]
          : []),
      ];
    case 'scan':
      return source.scan ? [{ gate: 'scan', perPlatform: true, threshold: scanThreshold(source.scan) }] : [];
    case 'smoke':
      return gates.smoke
        ? [{ gate: 'smoke', perPlatform: true, threshold: `healthy within ${gates.smoke.timeoutSeconds} s` }]
        : [];
    case 'size':
      return gates.size ? [{ gate: 'size', perPlatform: true, threshold: sizeThreshold(gates.size) }] : [];
    case 'lint':
      return gates.lint
        ? [{ gate: 'lint', perPlatform: false, threshold: `no finding >= ${gates.lint.failureThreshold}` }]
        : [];
    case 'sbom':
      return source.sbom ? [{ gate: 'sbom', perPlatform: true, threshold: SBOM_THRESHOLD }] : [];
    case 'sign':
      return source.signing
        ? [{ gate: 'sign', perPlatform: false, threshold: signThreshold(source.signing.provenance) }]
        : [];
  }
}

/** The SBOM gate's threshold column: the SBOM must be generated. */
export const SBOM_THRESHOLD = 'generated';

/** The sign gate's threshold column: `signed`, or `signed and attested` with provenance. */
export function signThreshold(provenance: boolean): string {
  return provenance ? 'signed and attested' : 'signed';
}

/** The scan gate's threshold column, e.g. `no CRITICAL, HIGH finding` (`, fixed only` with `ignoreUnfixed`). */
export function scanThreshold(scan: {
  readonly severities: readonly string[];
  readonly ignoreUnfixed: boolean;
}): string {
  return `no ${scan.severities.join(', ')} finding${scan.ignoreUnfixed ? ' (fixed only)' : ''}`;
}

/**
 * The label of a test stage that is not built on the candidate image (`test.from: "source"`), shown by
 * `dockyard plan`, in the test job's name on both CI systems and in the gate summary.
 */
export const NOT_THE_CANDIDATE = 'does not test the candidate';

/** The test gate's figure when every test passed, e.g. `stage test and 2 command(s) passed`. */
export function testPassFigure(test: { readonly target?: string; readonly commands?: readonly string[] }): string {
  const parts = [
    ...(test.target !== undefined ? [`stage ${test.target}`] : []),
    ...(test.commands ? [`${test.commands.length} command(s)`] : []),
  ];
  return `${parts.join(' and ')} passed`;
}

/**
 * The test gate's threshold column: `every test passes`, and `(does not test the candidate)` after it when the
 * test stage is built from source (`test.from: "source"`), so the summary never reads as a test of the candidate.
 */
export function testThreshold(test: { readonly from?: 'candidate' | 'source' } | undefined): string {
  return test?.from === 'source' ? `every test passes (${NOT_THE_CANDIDATE})` : 'every test passes';
}

/** The size gate's threshold column, e.g. `<= 500 MB uncompressed (fail)`. */
export function sizeThreshold(size: SizeSpec): string {
  return `<= ${size.limitMb} MB ${size.measure} (${size.onExceed})`;
}

/**
 * The expected result file names (without `.tsv`) for the summary: `<gate>` or `<gate>-<slug>` per platform, for
 * every gate that runs before publishing (lint, test, coverage, scan, smoke, size, sbom). `sign` runs after the
 * manifest job; its job adds its own file to the final table.
 */
export function expectedGateFiles(
  source: GateSummarySource,
  testSlugs: readonly string[],
  allSlugs: readonly string[],
): string[] {
  const perSlug = (gate: string, slugs: readonly string[]) => slugs.map((slug) => `${gate}-${slug}`);
  const { gates } = source;
  return [
    ...(gates.lint ? ['lint'] : []),
    ...gateResultsOf(source, 'test').flatMap((r) => perSlug(r.gate, testSlugs)),
    ...gateResultsOf(source, 'scan').flatMap((r) => perSlug(r.gate, allSlugs)),
    ...(gates.smoke ? perSlug('smoke', testSlugs) : []),
    ...(gates.size ? perSlug('size', allSlugs) : []),
    ...(source.sbom ? perSlug('sbom', allSlugs) : []),
  ];
}

/** The platforms the test and smoke jobs run on: configured, else linux/amd64 when built, else the first platform. */
export function testPlatformsOf(config: DockyardConfig, built: readonly PlatformId[]): PlatformId[] {
  if (config.test.platforms) return [...config.test.platforms];
  return built.includes('linux/amd64') ? ['linux/amd64'] : [built[0]];
}

/** The directory of a coverage report path (`/coverage/lcov.info` → `/coverage`), mounted in commands mode. */
export function coverageDirOf(report: string): string {
  return report.slice(0, report.lastIndexOf('/')) || '/';
}

/** The file name of a coverage report path (`/coverage/lcov.info` → `lcov.info`). */
export function coverageFileOf(report: string): string {
  return report.slice(report.lastIndexOf('/') + 1);
}
