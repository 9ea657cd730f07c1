import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';

function plan(patch: Record<string, unknown> = {}) {
  const result = validateConfig({ ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] }, ...patch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

describe('planPipeline: supply-chain gates', () => {
  it.each([
    ['nothing configured', {}, ['metadata', 'build', 'test', 'scan', 'push', 'manifest'], ['build', 'test', 'scan']],
    ['SBOM', { sbom: {} }, ['metadata', 'build', 'test', 'scan', 'sbom', 'push', 'manifest'], ['build', 'test', 'scan', 'sbom']],
    ['signing', { signing: {} }, ['metadata', 'build', 'test', 'scan', 'push', 'manifest', 'sign'], ['build', 'test', 'scan']],
    ['both', { sbom: {}, signing: {} }, ['metadata', 'build', 'test', 'scan', 'sbom', 'push', 'manifest', 'sign'], ['build', 'test', 'scan', 'sbom']],
  ])('%s: jobs in order of trust; push needs every verify gate', (_, patch, ids, pushNeeds) => {
    const { jobs } = plan(patch);
    expect(jobs.map((j) => j.id)).toEqual(ids);
    expect(jobs.find((j) => j.id === 'push')!.needs).toEqual(pushNeeds);
  });

  it('the sign job runs once after manifest in the publish stage, logs in to every registry and reads the published digests', () => {
    const { jobs, artifacts } = plan({
      registries: [{ type: 'ghcr' }, { type: 'generic', host: 'r.example', credentials: { username: 'U', password: 'P' } }],
      ci: ['github'],
      signing: { provenance: false },
    });
    const sign = jobs.find((j) => j.id === 'sign')!;
    expect(sign).toMatchObject({ needs: ['manifest'], perPlatform: false, stage: 'publish', consumes: ['published'], logsInTo: [0, 1] });
    expect(sign.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
    expect(jobs.find((j) => j.id === 'manifest')!.produces).toEqual(['published']);
    expect(artifacts.map((a) => [a.id, a.retentionDays])).toEqual([['metadata', 1], ['candidate', 1], ['digest', 1], ['published', 1]]);
  });

  it('the sbom job verifies each platform candidate without write access; its artifact keeps the configured days', () => {
    const { jobs, artifacts, sbom } = plan({ sbom: { format: 'cyclonedx-json', retentionDays: 30 }, platforms: ['linux/amd64', 'linux/arm64'] });
    expect(jobs.find((j) => j.id === 'sbom')).toMatchObject({ needs: ['build'], perPlatform: true, stage: 'verify', permissions: { contents: 'read' }, consumes: ['candidate'], produces: ['sbom'] });
    expect(artifacts.find((a) => a.id === 'sbom')?.retentionDays).toBe(30);
    expect(sbom).toEqual({ format: 'cyclonedx-json', retentionDays: 30 });
  });

  it('carries the scan options into the model', () => {
    expect(plan({ scan: { scanner: 'grype', severities: ['HIGH', 'CRITICAL'], ignoreFile: '.grype.yaml', ignoreUnfixed: true } }).scan).toEqual({
      scanner: 'grype',
      severities: ['HIGH', 'CRITICAL'],
      ignoreUnfixed: true,
      ignoreFile: '.grype.yaml',
      report: false,
    });
  });
});
