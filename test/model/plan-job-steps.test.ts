import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import type { JobKind, Pipeline } from '../../src/model/pipeline.js';
import { planCache } from '../../src/model/plan-job-steps.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { STEP_KINDS, type Step } from '../../src/model/steps.js';

function plan(patch: Record<string, unknown> = {}): Pipeline {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api', target: 'production' },
    test: { target: 'test' },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

/** A job's steps as `kind[:detail]` words, so a table row reads like the recipe. */
function recipe(pipeline: Pipeline, id: JobKind): string[] {
  const job = pipeline.jobs.find((j) => j.id === id);
  if (!job) throw new Error(`no ${id} job`);
  return job.steps.map(word);
}

function word(step: Step): string {
  switch (step.kind) {
    case 'download':
    case 'upload':
      return `${step.kind}:${step.artifact}`;
    case 'login':
      return `login:${step.registries.join(',')}`;
    case 'fetch-candidate':
      return `fetch-candidate:${step.from}`;
    case 'build':
      return `build:${step.output}${step.replaces ? `<${step.replaces}` : ''}:${step.cache.from?.type ?? 'no-cache'}${step.cache.to ? '+write' : ''}`;
    case 'check':
      return `check:${step.gate}`;
    case 'record-gate-result':
      return `record:${step.gate}`;
    case 'push-by-digest':
      return `push-by-digest:${step.from}:${step.registries.join(',')}`;
    default:
      return step.kind;
  }
}

const TWO_REGISTRIES = {
  registries: [
    { type: 'ghcr', repository: 'acme/api' },
    { type: 'generic', host: 'registry.example.com', credentials: { username: 'U', password: 'P' } },
  ],
};

describe('planJobSteps: every job is a recipe of neutral steps', () => {
  it.each<[string, Record<string, unknown>, JobKind, string[]]>([
    ['metadata', {}, 'metadata', ['compute-metadata', 'upload:metadata']],
    [
      'build, registry cache, artifact handoff',
      { cache: 'registry' },
      'build',
      ['download:metadata', 'login:0', 'build:candidate:registry+write', 'upload:candidate'],
    ],
    [
      'build, registry handoff stages the candidate',
      { cache: 'none', handoff: 'registry' },
      'build',
      ['download:metadata', 'login:0', 'build:candidate:no-cache', 'stage-candidate', 'upload:candidate'],
    ],
    [
      'test stage on the candidate, cache read only',
      { cache: 'registry' },
      'test',
      ['download:candidate', 'login:0', 'fetch-candidate:archive', 'build:test-stage<production:registry'],
    ],
    [
      'test commands and coverage record gate results',
      {
        test: {
          commands: ['npm test'],
          coverage: { report: '/app/coverage/cobertura.xml', format: 'cobertura', minimum: 80 },
        },
      },
      'test',
      [
        'download:candidate',
        'fetch-candidate:archive',
        'run-in-candidate',
        'check:coverage',
        'record:test',
        'record:coverage',
        'upload:gate-results',
      ],
    ],
    [
      'scan with the registry handoff pulls the staged digest',
      { cache: 'none', handoff: 'registry' },
      'scan',
      ['download:candidate', 'login:0', 'fetch-candidate:staging', 'check:scan'],
    ],
    [
      'push copies to every registry without fetching the candidate',
      { ...TWO_REGISTRIES, ci: ['github'] },
      'push',
      ['download:candidate', 'login:0,1', 'push-by-digest:archive:0,1', 'upload:digest'],
    ],
    [
      'manifest merges the digests',
      { ...TWO_REGISTRIES, ci: ['github'] },
      'manifest',
      ['download:metadata', 'download:digest', 'login:0,1', 'merge-index'],
    ],
    ['the summary job', { size: { limit: 100 } }, 'gates', ['download:gate-results', 'summarize-gates']],
  ])('%s', (_name, patch, id, expected) => {
    expect(recipe(plan(patch), id)).toEqual(expected);
  });

  it('builds the candidate in Docker format only when the smoke gate needs its HEALTHCHECK', () => {
    const build = (p: Pipeline) => p.jobs.find((j) => j.id === 'build')!.steps.find((s) => s.kind === 'build');
    expect(build(plan())).toMatchObject({ format: 'oci', target: 'production', labels: true });
    expect(build(plan({ test: { target: 'test', smoke: {} } }))).toMatchObject({ format: 'docker' });
  });

  it('places build, test and smoke on the platform runner and every other job on any runner', () => {
    const placed = plan({ test: { target: 'test', smoke: {} }, size: { limit: 100 } }).jobs.map(
      (j) => `${j.id}:${j.runner}`,
    );
    expect(placed).toEqual([
      'metadata:any',
      'build:platform',
      'test:platform',
      'scan:any',
      'smoke:platform',
      'size:any',
      'gates:any',
      'push:any',
      'manifest:any',
    ]);
  });

  it('uses only the closed set of step kinds', () => {
    const all = plan({
      ...TWO_REGISTRIES,
      ci: ['github'],
      test: { target: 'test', smoke: {} },
      lint: {},
      sbom: {},
      signing: {},
    }).jobs.flatMap((j) => j.steps);
    for (const step of all) expect(STEP_KINDS).toContain(step.kind);
  });
});

describe('planCache', () => {
  it.each([
    ['none', true, { writeOn: 'not-on-pull-requests' }],
    ['registry', true, { from: { type: 'registry', registry: 0 }, to: { type: 'registry', registry: 0 } }],
    ['registry', false, { from: { type: 'registry', registry: 0 } }],
    ['gha', true, { from: { type: 'gha' }, to: { type: 'gha' } }],
    ['local', false, { from: { type: 'local' } }],
  ] as const)('%s (writes: %s)', (cache, write, expected) => {
    expect(planCache({ cache }, write)).toEqual({ writeOn: 'not-on-pull-requests', ...expected });
  });
});
