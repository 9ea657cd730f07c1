import { handoffOf } from './config-helpers.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import { SEVERITIES } from './schema/gates.js';
import type { DockyardConfig } from './schema/index.js';

/** Grype's `--fail-on` values dockyard can produce, lowest first. */
export const GRYPE_FAIL_ON = ['low', 'medium', 'high', 'critical'] as const;

/** One of {@link GRYPE_FAIL_ON}. */
export type GrypeFailOn = (typeof GRYPE_FAIL_ON)[number];

/**
 * The Grype `--fail-on` severity equivalent to a severity list, or `undefined` when the list cannot be expressed.
 * Grype fails on a minimum severity ("this one or worse"), so the list must be one of LOW, MEDIUM, HIGH or
 * CRITICAL together with every severity above it, in any order; UNKNOWN has no `--fail-on` value.
 *
 * @example grypeFailOnFor(['HIGH', 'CRITICAL']) === 'high'; grypeFailOnFor(['CRITICAL', 'LOW']) === undefined
 * @see https://github.com/anchore/grype#gating-on-severity-of-vulnerabilities
 */
export function grypeFailOnFor(severities: readonly string[]): GrypeFailOn | undefined {
  const set = new Set(severities);
  if (set.has('UNKNOWN') || set.size === 0) return undefined;
  const ranked = SEVERITIES.filter((s) => s !== 'UNKNOWN');
  const lowest = ranked.findIndex((s) => set.has(s));
  const expected = ranked.slice(lowest);
  if (expected.length !== set.size || !expected.every((s) => set.has(s))) return undefined;
  return ranked[lowest].toLowerCase() as GrypeFailOn;
}

/**
 * True when some trigger of the config can publish (push, then create the index): branch or tag pushes, schedules
 * manual runs or external dispatches. Pull/merge request pipelines never push.
 */
export function canPublish(config: DockyardConfig): boolean {
  const { triggers } = config;
  return (
    triggers.branches.length > 0 ||
    triggers.tags.length > 0 ||
    triggers.schedule.length > 0 ||
    triggers.manual ||
    triggers.dispatch !== undefined
  );
}

/**
 * Rules of the supply-chain gates: Grype severities it can express, the GitLab `container_scanning` report
 * (Trivy only), Grype's YAML ignore file, signing only when something is published, and the gates that read the
 * candidate archive (Grype, the SBOM, GitLab's report) not with `handoff: "registry"` (no archive travels).
 */
export function checkSupplyChainRules(config: DockyardConfig): ConfigIssue[] {
  return [...checkGrype(config), ...checkSigning(config), ...checkRegistryHandoff(config)];
}

function checkRegistryHandoff(config: DockyardConfig): ConfigIssue[] {
  if (handoffOf(config.handoff).mode !== 'registry') return [];
  const why =
    'is not supported with handoff "registry" yet: it reads the candidate archive, and with the registry handoff only the digest travels between jobs';
  const out: ConfigIssue[] = [];
  if (config.scan.scanner === 'grype')
    out.push(
      issue(
        'scan.scanner',
        `scanner "grype" ${why}`,
        'scanner "trivy" (scans the staged candidate by digest), or handoff "artifact"',
        config.scan.scanner,
      ),
    );
  if (config.sbom) out.push(issue('sbom', `the SBOM gate ${why}`, 'handoff "artifact", or no sbom', config.sbom));
  return out;
}

function checkGrype(config: DockyardConfig): ConfigIssue[] {
  const { scan } = config;
  if (scan.scanner !== 'grype') return [];
  const out: ConfigIssue[] = [];
  if (grypeFailOnFor(scan.severities) === undefined) {
    out.push(
      issue(
        'scan.severities',
        'Grype cannot express this severity list: it fails on a minimum severity (--fail-on), which takes one severity and every one above it, and has no UNKNOWN level',
        '["CRITICAL"], ["HIGH", "CRITICAL"], ["MEDIUM", "HIGH", "CRITICAL"] or ["LOW", "MEDIUM", "HIGH", "CRITICAL"], or scanner "trivy"',
        scan.severities,
      ),
    );
  }
  if (scan.ignoreFile !== undefined && !/\.ya?ml$/.test(scan.ignoreFile)) {
    out.push(
      issue(
        'scan.ignoreFile',
        'Grype reads ignore rules from its YAML config file (ignore: entries), not from a list of IDs',
        'a Grype config file such as ".grype.yaml"',
        scan.ignoreFile,
      ),
    );
  }
  return out;
}

function checkSigning(config: DockyardConfig): ConfigIssue[] {
  if (!config.signing || canPublish(config)) return [];
  return [
    issue(
      'signing',
      'signing needs published images, but no trigger publishes: pull/merge request pipelines never push, so there is no digest to sign',
      'triggers.branches, triggers.tags, triggers.schedule, triggers.manual or triggers.dispatch that publish, or no signing',
      config.signing,
    ),
  ];
}
