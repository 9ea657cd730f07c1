import { describe, expect, it } from 'vitest';
import { canPublish, grypeFailOnFor } from '../../src/config/check-supply-chain-rules.js';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const withBase = (patch: Record<string, unknown>) => ({ ...base, ...patch });
const PR_ONLY = { branches: [], tags: [], pullRequests: true, schedule: [], manual: false };

describe('grypeFailOnFor', () => {
  it.each([
    [['CRITICAL'], 'critical'],
    [['HIGH', 'CRITICAL'], 'high'],
    [['CRITICAL', 'HIGH'], 'high'],
    [['MEDIUM', 'CRITICAL', 'HIGH'], 'medium'],
    [['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'], 'low'],
    [['HIGH', 'HIGH', 'CRITICAL'], 'high'],
    [['HIGH'], undefined],
    [['CRITICAL', 'MEDIUM'], undefined],
    [['LOW', 'CRITICAL'], undefined],
    [['UNKNOWN', 'CRITICAL'], undefined],
    [['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'], undefined],
    [[], undefined],
  ])('%j → %s', (severities, failOn) => {
    expect(grypeFailOnFor(severities)).toBe(failOn);
  });
});

interface BadCase {
  name: string;
  config: unknown;
  path: string;
  contains: string[];
}

const BAD: BadCase[] = [
  {
    name: 'Grype with a severity list that is not "this one and above"',
    config: withBase({ scan: { scanner: 'grype', severities: ['CRITICAL', 'MEDIUM'] } }),
    path: 'scan.severities',
    contains: [
      'Grype cannot express this severity list',
      'minimum severity (--fail-on)',
      '["MEDIUM", "HIGH", "CRITICAL"]',
      'got ["CRITICAL","MEDIUM"]',
    ],
  },
  {
    name: 'Grype with UNKNOWN',
    config: withBase({ scan: { scanner: 'grype', severities: ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] } }),
    path: 'scan.severities',
    contains: ['has no UNKNOWN level'],
  },
  {
    name: 'Grype with the GitLab container_scanning report',
    config: withBase({ scan: { scanner: 'grype', report: true } }),
    path: 'scan.report',
    contains: [
      'not supported on GitLab',
      'Grype has no GitLab security report format',
      'scanner "trivy", report false',
    ],
  },
  {
    name: 'Grype with a list of IDs as ignore file',
    config: withBase({ scan: { scanner: 'grype', ignoreFile: '.trivyignore' } }),
    path: 'scan.ignoreFile',
    contains: ['Grype reads ignore rules from its YAML config file', '".grype.yaml"', 'got ".trivyignore"'],
  },
  {
    name: 'absolute ignore file',
    config: withBase({ scan: { ignoreFile: '/etc/trivyignore' } }),
    path: 'scan.ignoreFile',
    contains: ['not a relative file path'],
  },
  {
    name: 'ignore file outside the repository',
    config: withBase({ scan: { ignoreFile: '../shared/.trivyignore' } }),
    path: 'scan.ignoreFile',
    contains: ['not a relative file path'],
  },
  {
    name: 'ignore file with .. inside',
    config: withBase({ scan: { ignoreFile: 'sec/../../x' } }),
    path: 'scan.ignoreFile',
    contains: ['no .. segment'],
  },
  {
    name: 'ignore file with a backslash',
    config: withBase({ scan: { ignoreFile: 'sec\\.trivyignore' } }),
    path: 'scan.ignoreFile',
    contains: ['no backslash'],
  },
  {
    name: 'unknown scanner',
    config: withBase({ scan: { scanner: 'clair' } }),
    path: 'scan.scanner',
    contains: ['unknown value', '"trivy", "grype"'],
  },
  {
    name: 'unknown scan key',
    config: withBase({ scan: { sarif: true } }),
    path: 'scan.sarif',
    contains: ['unknown key "sarif"'],
  },
  {
    name: 'unknown SBOM format',
    config: withBase({ sbom: { format: 'spdx-tag-value' } }),
    path: 'sbom.format',
    contains: ['unknown value', '"spdx-json", "cyclonedx-json"'],
  },
  {
    name: 'SBOM kept 0 days',
    config: withBase({ sbom: { retentionDays: 0 } }),
    path: 'sbom.retentionDays',
    contains: ['got 0'],
  },
  {
    name: 'unknown signing key',
    config: withBase({ signing: { key: 'cosign.key' } }),
    path: 'signing.key',
    contains: ['unknown key "key"'],
  },
  {
    name: 'signing when only pull/merge requests run (nothing is ever pushed)',
    config: withBase({ signing: {}, triggers: PR_ONLY }),
    path: 'signing',
    contains: [
      'signing needs published images, but no trigger publishes',
      'never push',
      'triggers.branches, triggers.tags, triggers.schedule, triggers.manual or triggers.dispatch',
    ],
  },
  {
    name: 'Grype with the registry handoff (it reads the archive)',
    config: withBase({ scan: { scanner: 'grype' }, handoff: 'registry' }),
    path: 'scan.scanner',
    contains: ['not supported with handoff "registry" yet', 'only the digest travels', 'scanner "trivy"'],
  },
  {
    name: 'SBOM with the registry handoff',
    config: withBase({ sbom: {}, handoff: 'registry' }),
    path: 'sbom',
    contains: ['the SBOM gate is not supported with handoff "registry" yet', 'handoff "artifact"'],
  },
  {
    name: 'GitLab container_scanning report with the registry handoff',
    config: withBase({ scan: { report: true }, handoff: 'registry' }),
    path: 'scan.report',
    contains: ['the GitLab container_scanning report is not supported with handoff "registry" yet'],
  },
];

describe('supply-chain rules: rejected combinations', () => {
  it.each(BAD)('$name', ({ config, path, contains }) => {
    expectConfigIssue(config, path, contains);
  });
});

describe('supply-chain rules: accepted combinations', () => {
  it.each([
    ['Grype with SARIF on GitHub only', { ci: ['github'], scan: { scanner: 'grype', report: true } }],
    [
      'Grype on both without the report',
      { scan: { scanner: 'grype', severities: ['HIGH', 'CRITICAL'], ignoreFile: 'ci/.grype.yml' } },
    ],
    ['Trivy with both reports and a YAML ignore file', { scan: { report: true, ignoreFile: '.trivyignore.yaml' } }],
    ['signing with manual runs only', { signing: { provenance: false }, triggers: { ...PR_ONLY, manual: true } }],
    ['signing with a schedule only', { signing: {}, triggers: { ...PR_ONLY, schedule: [{ cron: '0 3 * * 1' }] } }],
    ['signing with tag pushes only', { signing: {}, triggers: { ...PR_ONLY, tags: ['v*'] } }],
  ])('%s', (_, patch) => {
    const result = validateConfig(withBase(patch));
    expect(result.ok, result.ok ? '' : result.errors.map(formatIssue).join(' / ')).toBe(true);
  });

  it('applies the documented defaults', () => {
    const result = validateConfig(withBase({ sbom: {}, signing: {} }));
    if (!result.ok) throw new Error('invalid');
    expect(result.config.scan).toEqual({
      scanner: 'trivy',
      severities: ['CRITICAL', 'HIGH'],
      ignoreUnfixed: false,
      report: false,
    });
    expect(result.config.sbom).toEqual({ format: 'spdx-json', retentionDays: 90 });
    expect(result.config.signing).toEqual({ provenance: true });
  });

  it('leaves SBOM and signing off unless configured', () => {
    const result = validateConfig(base);
    if (!result.ok) throw new Error('invalid');
    expect(result.config.sbom).toBeUndefined();
    expect(result.config.signing).toBeUndefined();
  });

  it.each([
    [{ branches: ['main'], tags: [], schedule: [], manual: false }, true],
    [{ branches: [], tags: [], schedule: [], manual: false }, false],
  ])('canPublish(%j) is %s', (triggers, expected) => {
    const result = validateConfig(withBase({ triggers: { ...triggers, pullRequests: true } }));
    if (!result.ok) throw new Error('invalid');
    expect(canPublish(result.config)).toBe(expected);
  });
});
