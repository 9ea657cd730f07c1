import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { runRepositoryRules } from '../../../src/init/doctor-rules.js';
import { describeGithubRepository } from '../../../src/targets/github/github-repository-notes.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { describePlan } from '../../../src/plan/describe-plan.js';
import { renderPlanText } from '../../../src/plan/render-plan-text.js';

function pipeline(patch: Record<string, unknown>) {
  const result = validateConfig({
    ci: ['github'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}
const topics = (patch: Record<string, unknown>) =>
  describeGithubRepository(pipeline(patch)).map((n) => `${n.severity} ${n.topic}`);

const THREE = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
const SIGNED = { signing: {}, registries: [{ type: 'ghcr' }] };

describe('describeGithubRepository', () => {
  it.each([
    ['public, everything on', { ...SIGNED, platforms: THREE, scan: { report: true } }, []],
    ['private, one platform, nothing else', { github: { visibility: 'private' } }, ['info artifact-storage']],
    [
      'private, three platforms',
      { platforms: THREE, github: { visibility: 'private' } },
      ['info arm64-runner', 'warning artifact-storage'],
    ],
    [
      'private on Enterprise Cloud, three platforms',
      { platforms: THREE, github: { visibility: 'private', plan: 'enterprise' } },
      ['info arm64-runner', 'info artifact-storage'],
    ],
    [
      'private, arm64 emulated: no runner note',
      { platforms: ['linux/amd64', { platform: 'linux/arm64', strategy: 'qemu' }], github: { visibility: 'private' } },
      ['warning artifact-storage'],
    ],
    [
      'private, registry handoff: no storage note',
      { platforms: THREE, handoff: 'registry', github: { visibility: 'private' } },
      ['info arm64-runner'],
    ],
    [
      'private on Free, report and signing',
      { ...SIGNED, scan: { report: true }, github: { visibility: 'private' } },
      ['info attestations', 'warning code-scanning', 'info artifact-storage', 'warning transparency-log'],
    ],
    [
      'private on Team with Code Security',
      { ...SIGNED, scan: { report: true }, github: { visibility: 'private', plan: 'team', codeScanning: true } },
      ['info attestations', 'info artifact-storage', 'warning transparency-log'],
    ],
    [
      'internal on Enterprise Cloud: GitHub attestations',
      { ...SIGNED, github: { visibility: 'internal', plan: 'enterprise' } },
      ['info artifact-storage', 'warning transparency-log'],
    ],
    [
      'public without code scanning',
      { scan: { report: true }, github: { codeScanning: false } },
      ['warning code-scanning'],
    ],
    [
      'signing without provenance: no attestations note',
      { signing: { provenance: false }, registries: [{ type: 'ghcr' }], github: { visibility: 'private' } },
      ['info artifact-storage', 'warning transparency-log'],
    ],
  ])('%s', (_, patch, expected) => {
    expect(topics(patch)).toEqual(expected);
  });

  it.each([
    [
      'free, 3 × 300 MB',
      'free',
      300,
      'up to 0.84 GB per run (3 × the size gate\'s 300 MB limit), 20 GB-hours; plan "free" includes 500 MB of artifact storage (352 GB-hours in a 30-day month, shared with GitHub Packages): about 17 such runs a month',
    ],
    [
      'pro, 3 × 1000 MB',
      'pro',
      1000,
      'up to 2.79 GB per run (3 × the size gate\'s 1000 MB limit), 67 GB-hours; plan "pro" includes 1 GB of artifact storage (720 GB-hours in a 30-day month, shared with GitHub Packages): about 10 such runs a month',
    ],
    [
      'team, no size gate',
      'team',
      undefined,
      'each 100 MB of archive costs 6.7 GB-hours per run; plan "team" includes 2 GB of artifact storage (1440 GB-hours in a 30-day month, shared with GitHub Packages) (set size.limit for an estimate)',
    ],
  ])('artifact storage estimate: %s', (_, plan, limit, estimate) => {
    const [note] = describeGithubRepository(
      pipeline({ platforms: THREE, github: { visibility: 'private', plan }, ...(limit ? { size: { limit } } : {}) }),
    ).filter((n) => n.topic === 'artifact-storage');
    expect(note).toEqual({
      topic: 'artifact-storage',
      severity: 'warning',
      message: `the artifact handoff stores 3 candidate archives per run for a day: ${estimate}; once it is used up, usage is blocked unless a payment method is on file`,
      fix: 'handoff "registry" (the candidates wait in a staging repository; ghcr does not meter container storage today), or fewer platforms',
    });
  });
});

describe('dockyard plan and doctor explain the repository', () => {
  const patch = {
    ...SIGNED,
    platforms: ['linux/amd64', 'linux/arm64'],
    scan: { report: true },
    github: { visibility: 'private' },
  };

  it('the GitHub plan has the notes, the GitLab plan none', () => {
    const model = pipeline(patch);
    const github = describePlan(model, 'github', ['github', 'gitlab']);
    expect(github.repository).toMatchObject({ visibility: 'private', plan: 'free' });
    expect(github.repository?.notes.map((n) => n.topic)).toEqual([
      'attestations',
      'code-scanning',
      'arm64-runner',
      'artifact-storage',
      'transparency-log',
    ]);
    expect(
      describePlan(pipeline({ ...patch, ci: ['github', 'gitlab'], registries: undefined }), 'gitlab', [
        'github',
        'gitlab',
      ]).repository,
    ).toBeUndefined();
    expect(describePlan(pipeline({}), 'github', ['github', 'gitlab']).repository).toBeUndefined();
  });

  it('the text plan ends with the notes and their fixes', () => {
    const lines = renderPlanText(describePlan(pipeline(patch), 'github', ['github', 'gitlab']));
    const start = lines.indexOf('repository: private on plan free (config github)');
    expect(start).toBeGreaterThan(0);
    expect(lines[start - 1]).toBe('');
    expect(lines.slice(start + 1).map((l) => l.replace(/\] .*/, ']'))).toEqual([
      '  info [attestations]',
      '    fix: nothing to do; with GitHub Enterprise Cloud set github.plan "enterprise" to use artifact attestations (`gh attestation verify`)',
      '  warning [code-scanning]',
      '    fix: enable GitHub Code Security for the repository (organizations on Team or Enterprise Cloud) and set github.codeScanning true',
      '  info [arm64-runner]',
      '  warning [artifact-storage]',
      '    fix: handoff "registry" (the candidates wait in a staging repository; ghcr does not meter container storage today), or fewer platforms',
      '  warning [transparency-log]',
      '    fix: accept that the repository and workflow names become public, or turn signing off',
    ]);
  });

  it('doctor reports the same notes as github-* findings about the config', () => {
    expect(runRepositoryRules(pipeline(patch)).map((f) => [f.rule, f.severity, f.about])).toEqual([
      ['github-attestations', 'info', 'config'],
      ['github-code-scanning', 'warning', 'config'],
      ['github-arm64-runner', 'info', 'config'],
      ['github-artifact-storage', 'warning', 'config'],
      ['github-transparency-log', 'warning', 'config'],
    ]);
    expect(runRepositoryRules(pipeline({}))).toEqual([]);
  });
});
