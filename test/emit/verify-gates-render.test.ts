import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { HADOLINT_IMAGE } from '../../src/emit/tool-images.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { gitlabJobsById, gitlabNeedIds, gitlabPlatformJobsOf } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

function plan(patch: Record<string, unknown>) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api', target: 'production' },
    platforms: ['linux/amd64', 'linux/arm64'],
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

type Step = {
  name: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type GhJob = {
  needs?: string[];
  if?: string;
  steps: Step[];
  strategy?: { matrix: { include: Array<Record<string, unknown>> } };
  'timeout-minutes': number;
};
type GlJob = Record<string, unknown> & { script: string[]; needs: string[]; variables?: Record<string, unknown> };
const github = (p: ReturnType<typeof plan>) =>
  emitGithubWorkflow(stepScripts, p).jobs as unknown as Record<string, GhJob>;
const gitlab = (p: ReturnType<typeof plan>) =>
  gitlabJobsById(emitGitlabCi(stepScripts, p, '.gitlab/dockyard-meta.mjs')) as Record<string, GlJob>;

const COV = { report: '/coverage/lcov.info', format: 'lcov', minimum: 75 };

describe('job graph: nothing is published unless every configured gate passes', () => {
  it.each([
    [
      { test: { commands: ['true'] } },
      ['metadata', 'build', 'test', 'scan', 'push', 'manifest'],
      ['build', 'test', 'scan'],
    ],
    [
      { test: { commands: ['true'] }, lint: {} },
      ['metadata', 'lint', 'build', 'test', 'scan', 'gates', 'push', 'manifest'],
      ['build', 'lint', 'test', 'scan', 'gates'],
    ],
    [
      { test: { commands: ['true'], smoke: {} } },
      ['metadata', 'build', 'test', 'scan', 'smoke', 'gates', 'push', 'manifest'],
      ['build', 'test', 'scan', 'smoke', 'gates'],
    ],
    [
      { test: { commands: ['true'] }, size: { limit: 100 } },
      ['metadata', 'build', 'test', 'scan', 'size', 'gates', 'push', 'manifest'],
      ['build', 'test', 'scan', 'size', 'gates'],
    ],
    [
      { test: { commands: ['true'], coverage: COV } },
      ['metadata', 'build', 'test', 'scan', 'gates', 'push', 'manifest'],
      ['build', 'test', 'scan', 'gates'],
    ],
  ])('%j → jobs %j, push needs %j', (patch, jobs, pushNeeds) => {
    const pipeline = plan(patch);
    expect(pipeline.jobs.map((j) => j.id)).toEqual(jobs);
    expect(pipeline.jobs.find((j) => j.id === 'push')!.needs).toEqual(pushNeeds);
    // GitHub's push job also needs metadata directly: its `if:` reads `needs.metadata.outputs.publishes`.
    expect(github(pipeline).push.needs).toEqual(['metadata', ...pushNeeds]);
    expect(gitlabNeedIds(gitlab(pipeline).push.needs)).toEqual(pushNeeds);
    expect(gitlab(pipeline).stages).toEqual(jobs);
  });

  it('the build needs the lint job; the summary runs whatever the gates did, and needs every gate job', () => {
    const pipeline = plan({ test: { commands: ['true'], smoke: {} }, size: { limit: 100 }, lint: {} });
    expect(github(pipeline).build.needs).toEqual(['metadata', 'lint']);
    expect(gitlab(pipeline).build.needs).toEqual(['metadata', 'lint']);
    expect(github(pipeline).gates.needs).toEqual(['lint', 'test', 'scan', 'smoke', 'size']);
    expect(github(pipeline).gates.if).toBe('${{ !cancelled() }}');
    expect(gitlab(pipeline).gates.when).toBe('always');
    // Verify jobs run in pull/merge request pipelines (no rules, no if).
    for (const id of ['lint', 'smoke', 'size', 'gates'] as const) expect(gitlab(pipeline)[id].rules).toBeUndefined();
    for (const id of ['lint', 'smoke', 'size'] as const) expect(github(pipeline)[id].if).toBeUndefined();
  });

  it('gate jobs get read-only permissions', () => {
    const jobs = emitGithubWorkflow(
      stepScripts,
      plan({ test: { commands: ['true'], smoke: {} }, size: { limit: 1 }, lint: {} }),
    ).jobs as unknown as Record<string, { permissions: unknown }>;
    for (const id of ['lint', 'smoke', 'size', 'gates']) expect(jobs[id].permissions).toEqual({ contents: 'read' });
  });
});

describe('tests: target and commands together', () => {
  const pipeline = plan({ test: { target: 'test', commands: ['npm test', 'npm run lint'] } });

  it('GitHub: builds the test stage with the build cache first, then runs each command in the loaded candidate', () => {
    const names = github(pipeline).test.steps.map((s) => s.name);
    expect(names).toEqual(
      [
        'Check out',
        'Set up QEMU',
        'Set up Docker Buildx',
        'Log in to ghcr.io',
        'Download the candidate',
        'Unpack the candidate',
        'Run the "test" stage against the candidate',
        'Load the candidate into Docker',
        'Test 1: npm test',
        'Test 2: npm run lint',
      ].filter((n) => n !== 'Set up QEMU'),
    );
    const stage = github(pipeline).test.steps.find((s) => s.name.startsWith('Run the'))!;
    expect(stage.with?.['cache-from']).toBe('type=registry,ref=ghcr.io/acme/api/buildcache:${{ matrix.slug }}');
    expect(stage.with?.outputs).toBe('type=cacheonly');
  });

  it('GitLab: the stage build with the candidate as build context, then buildah run per command', () => {
    const script = gitlab(pipeline).test.script.join('\n');
    expect(script.indexOf('--target test')).toBeLessThan(
      script.indexOf('buildah run "$container" -- "$DOCKYARD_TEST_SHELL" -c "$DOCKYARD_TEST_1"'),
    );
    expect(script).toContain(
      '--build-context "production=container-image://localhost/dockyard-candidate:$DOCKYARD_SLUG"',
    );
    expect(script).toContain('--cache-from "$CI_REGISTRY_IMAGE/buildcache-$DOCKYARD_SLUG"');
    expect(gitlab(pipeline).test.variables?.DOCKYARD_TEST_2).toEqual({ value: 'npm run lint', expand: false });
  });
});

describe('coverage', () => {
  it('commands: the report directory is mounted from the runner into every test container', () => {
    const pipeline = plan({ test: { commands: ['npm test'], coverage: COV } });
    const gh = github(pipeline).test.steps;
    expect(gh.find((s) => s.name === 'Test 1: npm test')!.run).toContain(
      '--volume "$RUNNER_TEMP/dockyard/coverage:/coverage"',
    );
    const check = gh.find((s) => s.name === 'Check coverage (minimum 75%)')!;
    expect(check.env).toMatchObject({
      DOCKYARD_COVERAGE_FILE: '${{ runner.temp }}/dockyard/coverage/lcov.info',
      DOCKYARD_COVERAGE_FORMAT: 'lcov',
      DOCKYARD_COVERAGE_MINIMUM: '75',
    });
    expect(check.run).toContain('export DOCKYARD_SUMMARY="$GITHUB_STEP_SUMMARY"');
    const gl = gitlab(pipeline).test;
    expect(gl.script.join('\n')).toContain('buildah run --volume "$PWD/dockyard/coverage:/coverage" "$container"');
    expect(gl.coverage).toBe('/dockyard: coverage \\d+(?:\\.\\d+)?%/');
    // LCOV is not a GitLab coverage_report format: no report, the regex still feeds the MR widget.
    expect((gl.artifacts as Record<string, unknown>).reports).toBeUndefined();
  });

  it('target: the test stage is exported (GitHub) or mounted (GitLab) to read the report; Cobertura becomes a GitLab coverage report', () => {
    const pipeline = plan({
      test: { target: 'test', coverage: { report: '/app/coverage/cobertura.xml', format: 'cobertura', minimum: 80 } },
    });
    const gh = github(pipeline).test.steps;
    expect(gh.find((s) => s.name.startsWith('Run the'))!.with?.outputs).toBe(
      'type=local,dest=${{ runner.temp }}/dockyard/test-output',
    );
    expect(gh.find((s) => s.name.startsWith('Check coverage'))!.env?.DOCKYARD_COVERAGE_FILE).toBe(
      '${{ runner.temp }}/dockyard/test-output/app/coverage/cobertura.xml',
    );
    const gl = gitlab(pipeline).test;
    const script = gl.script.join('\n');
    expect(script).toContain('--tag "localhost/dockyard-test:$DOCKYARD_SLUG"');
    expect(script).toContain(
      'cp "$(buildah mount "$tested")/app/coverage/cobertura.xml" dockyard/coverage/cobertura.xml',
    );
    expect(gl.artifacts).toEqual({
      paths: ['dockyard/gates/', 'dockyard/coverage/'],
      when: 'always',
      expire_in: '1 day',
      reports: { coverage_report: { coverage_format: 'cobertura', path: 'dockyard/coverage/cobertura.xml' } },
    });
  });
});

describe('smoke, size and lint jobs', () => {
  const pipeline = plan({
    test: { commands: ['true'], platforms: ['linux/arm64'], smoke: { timeout: 300 } },
    size: { limit: 250.5, measure: 'compressed', onExceed: 'warn' },
    lint: { failureThreshold: 'error', ignore: ['DL3008'] },
  });

  it('smoke runs on the test platforms and native runners; its time limit covers the timeout', () => {
    const gh = github(pipeline).smoke;
    expect(gh.strategy?.matrix.include).toEqual([
      { platform: 'linux/arm64', slug: 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false },
    ]);
    expect(gh['timeout-minutes']).toBe(20);
    expect(gh.steps.find((s) => s.name.startsWith('Wait for the HEALTHCHECK'))!.env?.DOCKYARD_SMOKE_TIMEOUT).toBe(
      '300',
    );
    const gl = gitlab(pipeline).smoke;
    expect(gitlabPlatformJobsOf(gitlab(pipeline), 'smoke').map(([name]) => name)).toEqual(['smoke: [linux/arm64]']);
    expect(gl.variables).toMatchObject({ DOCKYARD_PLATFORM: 'linux/arm64', DOCKYARD_SLUG: 'linux-arm64' });
    expect(gl.tags).toEqual(['saas-linux-small-arm64']);
    expect(gl.timeout).toBe('20m');
    expect(gl.script.join('\n')).toContain('buildah run "$ctr" -- "$@" > "$log" 2>&1 &');
  });

  it('GitLab: with a smoke test the candidate is Docker v2s2 end to end (build and archive), so the HEALTHCHECK is published', () => {
    const build = gitlab(pipeline).build;
    expect(build.variables).toMatchObject({ BUILDAH_FORMAT: 'docker' });
    expect(build.script.join('\n')).toContain(
      'buildah push --format v2s2 "localhost/dockyard-candidate:$DOCKYARD_SLUG" "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"',
    );
    const plain = gitlab(plan({ test: { commands: ['true'] } })).build;
    expect(plain.variables).toMatchObject({ BUILDAH_FORMAT: 'oci' });
    expect(plain.script.join('\n')).toContain(
      'buildah push "localhost/dockyard-candidate:$DOCKYARD_SLUG" "oci-archive:',
    );
  });

  it('size runs for every platform with the limit, measure and action', () => {
    const env = github(pipeline).size.steps.find((s) => s.name.startsWith('Measure'))!.env;
    expect(env).toMatchObject({
      DOCKYARD_SIZE_LIMIT: '250.5',
      DOCKYARD_SIZE_MEASURE: 'compressed',
      DOCKYARD_SIZE_ON_EXCEED: 'warn',
    });
    expect(github(pipeline).size.strategy?.matrix.include.map((m) => m.platform)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    expect(gitlab(pipeline).size.variables).toEqual({
      DOCKYARD_PLATFORM: 'linux/amd64',
      DOCKYARD_SLUG: 'linux-amd64',
      DOCKYARD_SIZE_LIMIT: '250.5',
      DOCKYARD_SIZE_MEASURE: 'compressed',
      DOCKYARD_SIZE_ON_EXCEED: 'warn',
    });
    expect((gitlab(pipeline).size.image as { name: string }).name).toMatch(
      /^docker\.io\/library\/node:\d+\.\d+\.\d+-alpine$/,
    );
  });

  it('lint runs the pinned hadolint image on both CI systems with the threshold and ignored rules', () => {
    expect(HADOLINT_IMAGE).toMatch(/^docker\.io\/hadolint\/hadolint:v\d+\.\d+\.\d+-debian$/);
    const step = github(pipeline).lint.steps.find((s) => s.name.startsWith('Lint'))!;
    expect(step.run).toContain(
      'docker run --rm --network none --volume "$PWD:/src:ro" --workdir /src "$HADOLINT_IMAGE" hadolint',
    );
    expect(step.env).toMatchObject({
      HADOLINT_IMAGE,
      DOCKYARD_LINT_THRESHOLD: 'error',
      DOCKYARD_LINT_IGNORE: 'DL3008',
      DOCKYARD_DOCKERFILE: 'Dockerfile',
    });
    const gl = gitlab(pipeline).lint;
    expect(gl.image).toEqual({ name: HADOLINT_IMAGE, entrypoint: [''] });
    expect(gl.needs).toEqual([]);
    expect(gl.variables).toEqual({
      DOCKYARD_DOCKERFILE: 'Dockerfile',
      DOCKYARD_LINT_THRESHOLD: 'error',
      DOCKYARD_LINT_IGNORE: 'DL3008',
    });
  });

  it('the summary expects one result per gate and platform', () => {
    const env = github(pipeline).gates.steps.find((s) => s.name === 'Summarise the gates')!.env;
    expect(env?.DOCKYARD_GATE_FILES).toBe(
      'lint test-linux-arm64 scan-linux-amd64 scan-linux-arm64 smoke-linux-arm64 size-linux-amd64 size-linux-arm64',
    );
    expect(gitlab(pipeline).gates.variables).toEqual({
      DOCKYARD_GATE_FILES:
        'lint test-linux-arm64 scan-linux-amd64 scan-linux-arm64 smoke-linux-arm64 size-linux-amd64 size-linux-arm64',
    });
    expect(gitlab(pipeline).gates.artifacts).toMatchObject({
      paths: ['dockyard/gates.md', 'dockyard/gates/'],
      when: 'always',
    });
  });

  it('every gate job records its result whatever happened and hands it on', () => {
    for (const id of ['lint', 'test', 'scan', 'smoke', 'size'] as const) {
      const steps = github(pipeline)[id].steps;
      expect(steps.at(-2)).toMatchObject({
        name: 'Record the gate results',
        if: '${{ !cancelled() }}',
        env: { DOCKYARD_JOB_STATUS: '${{ job.status }}' },
      });
      expect(steps.at(-1)?.with?.name).toBe(
        id === 'lint' ? 'dockyard-gates-lint' : `dockyard-gates-${id}-\${{ matrix.slug }}`,
      );
      const gl = gitlab(pipeline)[id];
      expect((gl.after_script as string[])[0]).toMatch(/^DOCKYARD_JOB_STATUS=\$CI_JOB_STATUS\n/);
      expect(gl.artifacts).toMatchObject({ when: 'always' });
    }
  });
});
