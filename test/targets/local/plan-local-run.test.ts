import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import type { Pipeline } from '../../../src/model/pipeline.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { parsePlanEvent } from '../../../src/plan/plan-event.js';
import {
  LocalRunError,
  localTarget,
  LOCAL_TOOLS,
  orderJobs,
  type LocalJobRun,
  type LocalRunOptions,
  type LocalRunPlan,
  type LocalTool,
} from '../../../src/targets/local/index.js';
import { STEP_KINDS } from '../../../src/model/steps.js';
import { stepScripts } from '../../support/step-scripts.js';

/*
 * The local target's plan (pure): which job instances `dockyard run` runs, in which order, with which commands
 * (by the step each maps) and which steps are "not run" and why, for the tools found and the flags given.
 */

/** examples/status-page's shape: two platforms, a test stage on both, the registry cache, default scan. */
const STATUS_PAGE = {
  ci: ['github', 'gitlab'],
  image: { name: 'acme/status-page', target: 'production' },
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: ['type=ref,event=branch', 'type=sha', 'type=raw,value=stable,enable={{is_default_branch}}'],
  cache: 'registry',
  test: { target: 'test', platforms: ['linux/amd64', 'linux/arm64'] },
};

function pipelineOf(patch: Record<string, unknown> = {}): Pipeline {
  const result = validateConfig({ ...STATUS_PAGE, ...patch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

const ALL_TOOLS: ReadonlySet<LocalTool> = new Set(LOCAL_TOOLS);
const SHA = '0123456789abcdef0123456789abcdef01234567';

function planRun(pipeline: Pipeline, options: Partial<LocalRunOptions> = {}): LocalRunPlan {
  return localTarget.planRun(pipeline, stepScripts, {
    push: false,
    tools: ALL_TOOLS,
    context: parsePlanEvent({ event: 'push', ref: 'refs/heads/main', sha: SHA, defaultBranch: 'main' }),
    clock: new Date('2026-12-03T12:00:00Z'),
    ...options,
  });
}

/** One line per instance: `job [platform]: step step … | not run: step (reason)`. */
function outline(plan: LocalRunPlan): string[] {
  return plan.jobs.map((j: LocalJobRun) => {
    const steps = [...new Set(j.commands.map((c) => c.step))].join(' ');
    const notRun = j.notRun.filter((n) => n.blocking).map((n) => `${n.gate ?? n.step} (${n.reason})`);
    return `${j.job}${j.platform ? ` [${j.platform}]` : ''}: ${steps}${notRun.length ? ` | not run: ${notRun.join(', ')}` : ''}`;
  });
}

describe('planLocalRun', () => {
  it.each<[string, Partial<LocalRunOptions>, Record<string, unknown>, string[]]>([
    [
      'every tool, no --push: both platforms verified, the publish stage not run',
      {},
      {},
      [
        'metadata: ',
        'build [linux/amd64]: build',
        'build [linux/arm64]: build',
        'test [linux/amd64]: fetch-candidate build',
        'test [linux/arm64]: fetch-candidate build',
        'scan [linux/amd64]: fetch-candidate check',
        'scan [linux/arm64]: fetch-candidate check',
        'push:  | not run: push-by-digest (needs --push)',
        'manifest:  | not run: merge-index (needs --push)',
      ],
    ],
    [
      '--push to an override, one platform',
      { push: true, registryOverride: '127.0.0.1:5000', platforms: ['linux/arm64'] },
      {},
      [
        'metadata: ',
        'build [linux/arm64]: build',
        'test [linux/arm64]: fetch-candidate build',
        'scan [linux/arm64]: fetch-candidate check',
        'push: push-by-digest',
        'manifest: merge-index',
      ],
    ],
    [
      '--push without Trivy: scan not run, so push and manifest are held back',
      {
        push: true,
        registryOverride: '127.0.0.1:5000',
        platforms: ['linux/amd64'],
        tools: new Set(['buildah', 'skopeo', 'node']),
      },
      {},
      [
        'metadata: ',
        'build [linux/amd64]: build',
        'test [linux/amd64]: fetch-candidate build',
        'scan [linux/amd64]:  | not run: scan (trivy not found on PATH)',
        'push:  | not run: push-by-digest (gates not run: scan [linux/amd64] (trivy not found on PATH))',
        'manifest:  | not run: merge-index (gates not run: scan [linux/amd64] (trivy not found on PATH))',
      ],
    ],
    [
      'test commands in the candidate and a size gate; lint without hadolint',
      { platforms: ['linux/amd64'], tools: new Set(['buildah', 'skopeo', 'node', 'trivy']) },
      {
        test: { commands: ['/bin/true'], platforms: ['linux/amd64'] },
        size: { limit: 50 },
        lint: {},
      },
      [
        'metadata: ',
        'lint: record-gate-result | not run: lint (hadolint not found on PATH)',
        'build [linux/amd64]: build',
        'test [linux/amd64]: fetch-candidate run-in-candidate record-gate-result',
        'scan [linux/amd64]: fetch-candidate check record-gate-result',
        'size [linux/amd64]: fetch-candidate check record-gate-result',
        'gates: summarize-gates',
        'push:  | not run: push-by-digest (needs --push)',
        'manifest:  | not run: merge-index (needs --push)',
      ],
    ],
  ])('%s', (_name, options, patch, expected) => {
    expect(outline(planRun(pipelineOf(patch), options))).toEqual(expected);
  });

  it('builds with buildah for the instance platform, into the work directory archive, and pushes by the recorded digest', () => {
    const plan = planRun(pipelineOf(), { push: true, registryOverride: '127.0.0.1:5000', platforms: ['linux/arm64'] });
    const build = plan.jobs.find((j) => j.job === 'build')!;
    const argv = build.commands.filter((c) => c.kind === 'argv').map((c) => c.argv.join(' '));
    expect(argv[0]).toMatch(/^buildah build --platform linux\/arm64 --file Dockerfile --layers --target production /);
    expect(argv[1]).toBe(
      'buildah push localhost/dockyard-candidate:linux-arm64 oci-archive:dockyard/linux-arm64/image.tar',
    );
    expect(build.commands.every((c) => c.env.DOCKYARD_PLATFORM === 'linux/arm64')).toBe(true);
    const push = plan.jobs.find((j) => j.job === 'push')!;
    expect(push.commands[0]!.env).toMatchObject({
      DOCKYARD_REPOSITORIES: '127.0.0.1:5000/acme/status-page',
      DOCKYARD_SLUGS: 'linux-arm64',
    });
  });

  it('computes the tags with the metadata engine for the override repository', () => {
    const plan = planRun(pipelineOf(), { push: true, registryOverride: '127.0.0.1:5000' });
    expect(plan.repository).toBe('127.0.0.1:5000/acme/status-page');
    expect(plan.tags).toEqual([
      '127.0.0.1:5000/acme/status-page:main',
      '127.0.0.1:5000/acme/status-page:stable',
      '127.0.0.1:5000/acme/status-page:sha-0123456',
    ]);
    const manifest = plan.jobs.find((j) => j.job === 'manifest')!;
    const script = manifest.commands[0]!.kind === 'sh' ? manifest.commands[0]!.script : '';
    for (const tag of plan.tags) expect(script).toContain(`dockyard-index docker://${tag}\n`);
  });

  it.each([
    [{ push: true }, '--push needs --registry-override HOST'],
    [
      { platforms: ['linux/s390x' as const] },
      '--platform linux/s390x: the pipeline does not build it; expected one of linux/amd64, linux/arm64',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => planRun(pipelineOf(), options)).toThrow(LocalRunError);
    expect(() => planRun(pipelineOf(), options)).toThrow(message);
  });

  it('orders jobs after every job they need', () => {
    const ids = orderJobs(pipelineOf({ lint: {} }).jobs).map((j) => j.id);
    expect(ids.indexOf('build')).toBeLessThan(ids.indexOf('test'));
    expect(ids.indexOf('test')).toBeLessThan(ids.indexOf('push'));
    expect(ids.indexOf('push')).toBeLessThan(ids.indexOf('manifest'));
  });

  it('declares a mapping for every step kind of the model', () => {
    expect([...localTarget.capabilities.stepKinds].sort()).toEqual([...STEP_KINDS].sort());
  });
});
