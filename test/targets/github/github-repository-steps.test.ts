import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../../src/targets/github/emit-github-workflow.js';
import { AFTER_GATE, TOKEN_CAN_WRITE } from '../../../src/targets/github/github-scan-steps.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { stepScripts } from '../../support/step-scripts.js';

type Step = {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type GhJob = { permissions: Record<string, string>; steps: Step[] };

function jobs(patch: Record<string, unknown>): Record<string, GhJob> {
  const result = validateConfig({
    ci: ['github'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return emitGithubWorkflow(stepScripts, planPipeline(result.config)).jobs as unknown as Record<string, GhJob>;
}
const action = (step: Step) => step.uses?.split('@')[0] ?? step.name;

describe('scan report by repository', () => {
  it.each([
    ['public (default)', undefined, 'code scanning'],
    [
      'private on Team with Code Security',
      { visibility: 'private', plan: 'team', codeScanning: true },
      'code scanning',
    ],
    [
      'internal on Enterprise Cloud with Code Security',
      { visibility: 'internal', plan: 'enterprise', codeScanning: true },
      'code scanning',
    ],
    ['private on Free', { visibility: 'private' }, 'artifact'],
    ['private on Team without Code Security', { visibility: 'private', plan: 'team' }, 'artifact'],
    ['public with code scanning turned off', { codeScanning: false }, 'artifact'],
  ])('%s: the SARIF goes to %s, after the gate', (_, github, destination) => {
    const scan = jobs({ scan: { report: true }, ...(github ? { github } : {}) }).scan;
    const names = scan.steps.map(action);
    const gate = scan.steps.findIndex((s) => s.id === 'gate');
    expect(gate).toBeGreaterThan(-1);
    for (const step of scan.steps.slice(gate + 1)) expect(step.if, step.name).toContain(AFTER_GATE);
    if (destination === 'code scanning') {
      expect(names).toEqual([
        'actions/checkout',
        'actions/download-artifact',
        'Unpack the candidate for Trivy',
        'aquasecurity/trivy-action',
        'aquasecurity/trivy-action',
        'github/codeql-action/upload-sarif',
      ]);
      expect(scan.steps.at(-1)!.if).toBe(`${AFTER_GATE} && (${TOKEN_CAN_WRITE})`);
      expect(scan.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    } else {
      expect(names).toEqual([
        'actions/download-artifact',
        'Unpack the candidate for Trivy',
        'aquasecurity/trivy-action',
        'aquasecurity/trivy-action',
        'actions/upload-artifact',
        'Summarise the findings',
      ]);
      expect(scan.steps[4]!.with).toEqual({
        name: 'dockyard-scan-${{ matrix.slug }}',
        path: '${{ runner.temp }}/dockyard-scan.sarif',
        'if-no-files-found': 'error',
        'retention-days': 30,
        overwrite: true,
      });
      expect(scan.steps[5]!.env).toEqual({
        DOCKYARD_PLATFORM: '${{ matrix.platform }}',
        DOCKYARD_REPORT_ARTIFACT: 'dockyard-scan-${{ matrix.slug }}',
      });
      expect(scan.steps[5]!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
      expect(scan.permissions).toEqual({ contents: 'read' });
    }
  });

  it('Grype on a private repository: gate, report, artifact, summary', () => {
    const steps = jobs({ scan: { scanner: 'grype', report: true }, github: { visibility: 'private' } }).scan.steps;
    expect(steps.map(action)).toEqual([
      'actions/download-artifact',
      'anchore/scan-action',
      'anchore/scan-action',
      'actions/upload-artifact',
      'Summarise the findings',
    ]);
    expect(steps[1]).toMatchObject({ id: 'gate', with: { 'fail-build': true } });
    expect(steps[2]).toMatchObject({ if: AFTER_GATE, with: { 'fail-build': false, 'output-format': 'sarif' } });
  });

  it('an ignore file is still checked out without code scanning', () => {
    const steps = jobs({ scan: { report: true, ignoreFile: '.trivyignore' }, github: { visibility: 'private' } }).scan
      .steps;
    expect(steps.map(action).slice(0, 2)).toEqual(['actions/checkout', 'actions/download-artifact']);
  });
});

describe('provenance by repository', () => {
  const signing = { registries: [{ type: 'ghcr' }], signing: { provenance: true } };

  it.each([
    ['public', undefined, 'github'],
    ['private on Enterprise Cloud', { visibility: 'private', plan: 'enterprise' }, 'github'],
    ['internal on Enterprise Cloud', { visibility: 'internal', plan: 'enterprise' }, 'github'],
    ['private on Free', { visibility: 'private' }, 'cosign'],
    ['private on Pro', { visibility: 'private', plan: 'pro' }, 'cosign'],
    ['private on Team', { visibility: 'private', plan: 'team' }, 'cosign'],
  ])('%s: provenance by %s', (_, github, by) => {
    const sign = jobs({ ...signing, ...(github ? { github } : {}) }).sign;
    const names = sign.steps.map(action);
    const verify = sign.steps.find((s) => s.name === 'Print the verify commands')!;
    if (by === 'github') {
      expect(names).toContain('actions/attest-build-provenance');
      expect(names).not.toContain('Write the provenance predicate (SLSA v1)');
      expect(sign.permissions).toEqual({
        contents: 'read',
        packages: 'write',
        'id-token': 'write',
        attestations: 'write',
      });
      expect(verify.env?.DOCKYARD_PROVENANCE).toBe('github');
    } else {
      expect(names).not.toContain('actions/attest-build-provenance');
      const predicate = sign.steps.find((s) => s.name === 'Write the provenance predicate (SLSA v1)')!;
      expect(predicate.run).toContain('> "$RUNNER_TEMP/dockyard-provenance.json"');
      const signStep = sign.steps.find(
        (s) => s.name === 'Sign the published images and attest their provenance (keyless, cosign)',
      )!;
      expect(signStep.run).toContain(
        'cosign attest --yes --type slsaprovenance1 --predicate "$RUNNER_TEMP/dockyard-provenance.json" "$ref"',
      );
      expect(names.indexOf(predicate.name)).toBeLessThan(names.indexOf(signStep.name));
      expect(sign.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
      expect(verify.env?.DOCKYARD_PROVENANCE).toBe('cosign');
    }
  });

  it('without provenance a private repository signs only, as a public one', () => {
    const publicSign = jobs({ registries: [{ type: 'ghcr' }], signing: { provenance: false } }).sign;
    const privateSign = jobs({
      registries: [{ type: 'ghcr' }],
      signing: { provenance: false },
      github: { visibility: 'private' },
    }).sign;
    expect(privateSign).toEqual(publicSign);
  });
});
