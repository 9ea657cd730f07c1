import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';

function plan(patch: Record<string, unknown> = {}) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

describe('planPipeline: supply-chain gates', () => {
  it.each([
    ['nothing configured', {}, ['metadata', 'build', 'test', 'scan', 'push', 'manifest'], ['build', 'test', 'scan']],
    // The SBOM and signing turn the gate summary on: `gates` collects the verify-stage results before push.
    [
      'SBOM',
      { sbom: {} },
      ['metadata', 'build', 'test', 'scan', 'sbom', 'gates', 'push', 'manifest'],
      ['build', 'test', 'scan', 'sbom', 'gates'],
    ],
    [
      'signing',
      { signing: {} },
      ['metadata', 'build', 'test', 'scan', 'gates', 'push', 'manifest', 'sign'],
      ['build', 'test', 'scan', 'gates'],
    ],
    [
      'both',
      { sbom: {}, signing: {} },
      ['metadata', 'build', 'test', 'scan', 'sbom', 'gates', 'push', 'manifest', 'sign'],
      ['build', 'test', 'scan', 'sbom', 'gates'],
    ],
    [
      'SBOM and the verification gates',
      { sbom: {}, lint: {}, size: { limit: 100 }, test: { commands: ['true'], smoke: {} } },
      ['metadata', 'lint', 'build', 'test', 'scan', 'smoke', 'size', 'sbom', 'gates', 'push', 'manifest'],
      ['build', 'lint', 'test', 'scan', 'smoke', 'size', 'sbom', 'gates'],
    ],
  ])('%s: jobs in order of trust; push needs every verify gate', (_, patch, ids, pushNeeds) => {
    const { jobs } = plan(patch);
    expect(jobs.map((j) => j.id)).toEqual(ids);
    expect(jobs.find((j) => j.id === 'push')!.needs).toEqual(pushNeeds);
    const gates = jobs.find((j) => j.id === 'gates');
    if (gates) expect(gates.needs).toEqual(pushNeeds.filter((id) => id !== 'build' && id !== 'gates'));
  });

  it('the sign job runs once after manifest in the publish stage, logs in to every registry and reads the published digests', () => {
    const { jobs, artifacts } = plan({
      registries: [
        { type: 'ghcr' },
        { type: 'generic', host: 'r.example', credentials: { username: 'U', password: 'P' } },
      ],
      ci: ['github'],
      signing: { provenance: false },
    });
    const sign = jobs.find((j) => j.id === 'sign')!;
    // It also needs the gate summary, whose results it renders with its own row as the final table.
    expect(sign).toMatchObject({
      needs: ['manifest', 'gates'],
      perPlatform: false,
      stage: 'publish',
      consumes: ['published', 'gate-results'],
      logsInTo: [0, 1],
    });
    expect(sign.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
    expect(jobs.find((j) => j.id === 'manifest')!.produces).toEqual(['published']);
    expect(artifacts.map((a) => [a.id, a.retentionDays])).toEqual([
      ['metadata', 1],
      ['candidate', 1],
      ['digest', 1],
      ['published', 1],
      ['gate-results', 1],
    ]);
  });

  it('the sbom job verifies each platform candidate without write access; its artifact keeps the configured days', () => {
    const { jobs, artifacts, sbom } = plan({
      sbom: { format: 'cyclonedx-json', retentionDays: 30 },
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    expect(jobs.find((j) => j.id === 'sbom')).toMatchObject({
      needs: ['build'],
      perPlatform: true,
      stage: 'verify',
      permissions: { contents: 'read' },
      consumes: ['candidate'],
      produces: ['sbom', 'gate-results'],
    });
    expect(artifacts.find((a) => a.id === 'sbom')?.retentionDays).toBe(30);
    expect(sbom).toEqual({ format: 'cyclonedx-json', retentionDays: 30 });
  });

  it('carries the scan options into the model', () => {
    expect(
      plan({
        scan: { scanner: 'grype', severities: ['HIGH', 'CRITICAL'], ignoreFile: '.grype.yaml', ignoreUnfixed: true },
      }).scan,
    ).toEqual({
      scanner: 'grype',
      severities: ['HIGH', 'CRITICAL'],
      ignoreUnfixed: true,
      ignoreFile: '.grype.yaml',
      report: false,
    });
  });
});
