import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { READ_ONLY_PULL_REQUEST } from '../../src/targets/github/github-staging.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { gitlabJobsById } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

type Step = {
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type GithubJobs = Record<string, { permissions: Record<string, string>; steps: Step[] }>;
type GitlabJobs = Record<
  string,
  { script: string[]; variables?: Record<string, unknown>; artifacts?: Record<string, unknown> }
>;

const TESTS = { target: { target: 'test' }, commands: { commands: ['/app/selftest'] } } as const;

function plan(patch: Record<string, unknown>) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api', target: 'production' },
    cache: 'none',
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

const github = (patch: Record<string, unknown>) =>
  emitGithubWorkflow(stepScripts, plan(patch)).jobs as unknown as GithubJobs;
const gitlab = (patch: Record<string, unknown>) =>
  gitlabJobsById(emitGitlabCi(stepScripts, plan(patch), '.gitlab/dockyard-meta.mjs')) as unknown as GitlabJobs;
const step = (steps: Step[], name: string) => steps.find((s) => s.name === name);
const runs = (steps: Step[]) => steps.map((s) => s.run ?? '').join('\n');

describe.each([
  ['artifact', 'target'],
  ['artifact', 'commands'],
  ['registry', 'target'],
  ['registry', 'commands'],
] as const)('handoff %s, test %s', (handoff, testMode) => {
  const registry = handoff === 'registry';
  const patch = { handoff, test: TESTS[testMode] };

  it(`GitHub build ${registry ? 'refuses read-only pull requests, stages the archive and uploads only the digest' : 'uploads the archive and stages nothing'}`, () => {
    const { steps } = github(patch).build;
    expect(steps[0].if === READ_ONLY_PULL_REQUEST).toBe(registry);
    expect(step(steps, 'Push the candidate, untagged, to the staging repository')?.env).toEqual(
      registry ? { DOCKYARD_STAGING: 'ghcr.io/acme/api/staging' } : undefined,
    );
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with?.path).toBe(registry ? '${{ runner.temp }}/dockyard/digest' : '${{ runner.temp }}/dockyard');
    // The archive's layers are compressed already: uploaded without zlib; a digest file keeps the default.
    expect(upload.with?.['compression-level']).toBe(registry ? undefined : 0);
  });

  it(`GitLab build ${registry ? "keeps the runner's artifact compression (only the digest travels)" : 'zips the archive at the fastest level'}`, () => {
    const { variables } = gitlab(patch).build;
    const expected = registry
      ? { FF_USE_FASTZIP: undefined, ARTIFACT_COMPRESSION_LEVEL: undefined }
      : { FF_USE_FASTZIP: 'true', ARTIFACT_COMPRESSION_LEVEL: 'fastest' };
    expect({
      FF_USE_FASTZIP: variables?.FF_USE_FASTZIP,
      ARTIFACT_COMPRESSION_LEVEL: variables?.ARTIFACT_COMPRESSION_LEVEL,
    }).toEqual(expected);
  });

  it(`GitHub test ${registry ? 'uses staging@digest' : 'uses the archive'}`, () => {
    const { steps } = github(patch).test;
    if (testMode === 'target') {
      const build = steps.find((s) => s.uses?.startsWith('docker/build-push-action'))!;
      expect(build.with?.['build-contexts']).toBe(
        registry
          ? 'production=docker-image://ghcr.io/acme/api/staging@${{ steps.candidate.outputs.digest }}'
          : 'production=oci-layout://${{ runner.temp }}/dockyard/layout@${{ steps.candidate.outputs.digest }}',
      );
    } else {
      const test = step(steps, 'Test 1: /app/selftest')!;
      expect(test.run).toContain(registry ? '"$CANDIDATE"' : '"dockyard-candidate:$SLUG"');
      expect(test.env?.CANDIDATE).toBe(
        registry ? 'ghcr.io/acme/api/staging@${{ steps.candidate.outputs.digest }}' : undefined,
      );
      expect(step(steps, 'Pull the candidate') !== undefined).toBe(registry);
      expect(step(steps, 'Load the candidate into Docker') !== undefined).toBe(!registry);
    }
    expect(runs(steps).includes('image.tar')).toBe(!registry);
  });

  it(`GitHub scan ${registry ? 'gives Trivy image-ref staging@digest' : 'gives Trivy the unpacked archive at the recorded digest'}`, () => {
    const trivy = github(patch).scan.steps.find((s) => s.uses?.startsWith('aquasecurity/trivy-action'))!;
    expect(trivy.with?.['image-ref']).toBe(
      registry ? 'ghcr.io/acme/api/staging@${{ steps.candidate.outputs.digest }}' : undefined,
    );
    expect(trivy.with?.input).toBe(
      registry ? undefined : '${{ runner.temp }}/dockyard-candidate@${{ steps.layout.outputs.digest }}',
    );
  });

  it(`GitHub push ${registry ? 'promotes the staged digest' : 'pushes the archive'}; manifest is the same in both modes`, () => {
    const jobs = github(patch);
    const script = runs(jobs.push.steps);
    expect(script.includes('skopeo inspect --retry-times 3 --raw "docker://$DOCKYARD_STAGING@$recorded"')).toBe(
      registry,
    );
    expect(script.includes('"oci-archive:$dir/image.tar"')).toBe(!registry);
    expect(jobs.manifest).toEqual(github({ ...patch, handoff: 'artifact' }).manifest);
  });

  it(`GitHub permissions: test and scan ${registry ? 'read' : 'do not read'} packages (staging on ghcr)`, () => {
    const jobs = github(patch);
    expect([jobs.build.permissions.packages, jobs.test.permissions.packages, jobs.scan.permissions.packages]).toEqual(
      registry ? ['write', 'read', 'read'] : [undefined, undefined, undefined],
    );
  });

  it(`GitLab build ${registry ? 'requires the staging password, stages with buildah and keeps the archive out of the artifacts' : 'hands on the archive'}`, () => {
    const { build } = gitlab(patch);
    expect(
      build.script[0].startsWith('if [ -z "${CI_REGISTRY_PASSWORD:-}" ]; then echo "dockyard: handoff \\"registry\\"'),
    ).toBe(registry);
    expect(
      build.script
        .join('\n')
        .includes('buildah manifest push --all dockyard-stage "docker://$DOCKYARD_STAGING@$index"'),
    ).toBe(registry);
    expect(build.artifacts?.exclude).toEqual(registry ? ['dockyard/*/image.tar'] : undefined);
    expect(build.variables?.DOCKYARD_STAGING).toBe(registry ? '$CI_REGISTRY_IMAGE/staging' : undefined);
  });

  it(`GitLab test and scan ${registry ? 'use staging@digest' : 'use the archive'}`, () => {
    const { test, scan } = gitlab(patch);
    const source = registry
      ? '"docker://$DOCKYARD_STAGING@$digest"'
      : '"oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"';
    expect(test.script.join('\n')).toContain(
      testMode === 'target'
        ? `candidate=$(buildah pull --quiet ${source})`
        : `container=$(buildah from --platform "$DOCKYARD_PLATFORM" ${source})`,
    );
    expect(scan.script.at(-1)).toBe(
      registry
        ? 'trivy image --severity CRITICAL,HIGH --exit-code 1 "$DOCKYARD_STAGING@$digest"'
        : 'trivy image --input "dockyard-candidate@$digest" --severity CRITICAL,HIGH --exit-code 1',
    );
    expect(scan.variables?.TRIVY_PASSWORD).toBe(registry ? '$CI_REGISTRY_PASSWORD' : undefined);
  });

  it(`GitLab push ${registry ? 'promotes the staged digest' : 'pushes the archive'}; manifest is the same in both modes`, () => {
    const jobs = gitlab(patch);
    const script = jobs.push.script.join('\n');
    expect(script.includes('skopeo inspect --retry-times 3 --raw "docker://$DOCKYARD_STAGING@$recorded"')).toBe(
      registry,
    );
    expect(script.includes('"oci-archive:$dir/image.tar"')).toBe(!registry);
    expect(jobs.manifest).toEqual(gitlab({ ...patch, handoff: 'artifact' }).manifest);
  });
});

describe.each([
  ['the native registries', {}, 'ghcr.io/acme/api/staging', '$CI_REGISTRY_IMAGE/staging'],
  [
    'the native registries and a named repository',
    { handoff: { mode: 'registry', staging: { repository: 'acme/candidates' } } },
    'ghcr.io/acme/candidates',
    '$CI_REGISTRY/acme/candidates',
  ],
  [
    'a generic first registry',
    {
      registries: [
        {
          type: 'generic',
          host: 'reg.example:5000',
          repository: 'apps/api',
          credentials: { username: 'U', password: 'P' },
        },
        { type: 'ghcr', credentials: { username: 'G', password: 'T' } },
      ],
    },
    'reg.example:5000/apps/api/staging',
    'reg.example:5000/apps/api/staging',
  ],
  [
    'Docker Hub first, with a named repository',
    { registries: [{ type: 'dockerhub' }], handoff: { mode: 'registry', staging: { repository: 'acme/api-staging' } } },
    'docker.io/acme/api-staging',
    'docker.io/acme/api-staging',
  ],
  [
    'the GitLab registry with host and repository',
    {
      registries: [
        {
          type: 'gitlab',
          host: 'registry.gitlab.com',
          repository: 'group/api',
          credentials: { username: 'U', password: 'P' },
        },
      ],
    },
    'registry.gitlab.com/group/api/staging',
    'registry.gitlab.com/group/api/staging',
  ],
])('staging repository with %s', (_, patch, githubRef, gitlabRef) => {
  const config = { handoff: 'registry', ...patch };

  it(`is ${githubRef} on GitHub, for build, test, scan and push alike`, () => {
    const jobs = github(config);
    const refs = ['build', 'test', 'scan', 'push'].flatMap((id) =>
      jobs[id].steps.map((s) => s.env?.DOCKYARD_STAGING ?? s.env?.CANDIDATE ?? s.with?.['image-ref']).filter(Boolean),
    );
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) expect(String(ref).replace('@${{ steps.candidate.outputs.digest }}', '')).toBe(githubRef);
  });

  it(`is ${gitlabRef} on GitLab, for build, test, scan and push alike`, () => {
    const jobs = gitlab(config);
    expect(['build', 'test', 'scan', 'push'].map((id) => jobs[id].variables?.DOCKYARD_STAGING)).toEqual([
      gitlabRef,
      gitlabRef,
      gitlabRef,
      gitlabRef,
    ]);
  });
});

describe('pull and merge requests with the registry handoff', () => {
  it('GitHub: only the build job carries the read-only pull request guard, and its step fails with an ::error:: naming the staging repository', () => {
    const jobs = github({ handoff: 'registry' });
    const guards = Object.entries(jobs).flatMap(([id, job]) =>
      job.steps.filter((s) => s.if === READ_ONLY_PULL_REQUEST).map(() => id),
    );
    expect(guards).toEqual(['build']);
    expect(READ_ONLY_PULL_REQUEST).toBe(
      "github.event_name == 'pull_request' && (github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]')",
    );
    const guard = jobs.build.steps[0];
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', guard.run!], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...guard.env },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error title=Registry handoff needs a write token::handoff "registry" pushes each candidate to ghcr\.io\/acme\/api\/staging before testing it, .*forks and by Dependabot.*use handoff "artifact"\.\n$/,
    );
  });

  it('GitHub: a workflow without pull request triggers has no guard step', () => {
    const { steps } = github({ handoff: 'registry', triggers: { pullRequests: false } }).build;
    expect(steps.filter((s) => s.if === READ_ONLY_PULL_REQUEST)).toEqual([]);
    expect(steps[0].name).toBe('Check out');
  });

  it('GitHub: same-repository pull requests log in to stage their candidates (no fork condition on the logins); push and manifest never run', () => {
    const jobs = github({ handoff: 'registry' }) as unknown as Record<string, { if?: string; steps: Step[] }>;
    const logins = ['build', 'test', 'scan'].map((id) =>
      jobs[id].steps.filter((s) => s.uses?.startsWith('docker/login-action')).map((s) => s.if),
    );
    expect(logins).toEqual([[undefined], [undefined], [undefined]]);
    const publishIf =
      "github.event_name != 'pull_request' && !(github.event.inputs.push == 'false') && needs.metadata.outputs.publishes == 'true'";
    expect([jobs.push.if, jobs.manifest.if]).toEqual([publishIf, publishIf]);
  });

  it.each([
    ['set', { REG_PASS: 'secret' }, 0],
    ['empty', { REG_PASS: '' }, 1],
    ['unset', {}, 1],
  ])('GitLab: the build job stops at once when the staging password variable is %s', (_, env, status) => {
    const { build } = gitlab({
      ci: ['gitlab'],
      handoff: 'registry',
      registries: [
        {
          type: 'generic',
          host: 'reg.example',
          repository: 'acme/api',
          credentials: { username: 'REG_USER', password: 'REG_PASS' },
        },
      ],
    });
    const run = spawnSync('dash', ['-euc', build.script[0]], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DOCKYARD_STAGING: 'reg.example/acme/api/staging', ...env },
    });
    expect(run.status).toBe(status);
    expect(run.stderr).toBe(
      status === 0
        ? ''
        : 'dockyard: handoff "registry" pushes each candidate to reg.example/acme/api/staging before testing it, but REG_PASS is not set in this pipeline (protected variables reach only protected branches and tags). Make it available to this ref, or use handoff "artifact".\n',
    );
  });
});

describe.each(['artifact', 'registry'] as const)('verification gates with handoff %s', (handoff) => {
  const registry = handoff === 'registry';
  const patch = {
    handoff,
    test: {
      target: 'test',
      commands: ['/app/selftest'],
      coverage: { report: '/coverage/lcov.info', format: 'lcov', minimum: 80, from: 'target' },
      smoke: { timeout: 30 },
    },
    size: { limit: 100, measure: 'compressed' },
  };
  const STAGED = 'ghcr.io/acme/api/staging@${{ steps.candidate.outputs.digest }}';
  const GL_SOURCE = registry
    ? '"docker://$DOCKYARD_STAGING@$digest"'
    : '"oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"';

  it(`GitHub test: target and commands both ${registry ? 'on staging@digest' : 'on the archive'}, coverage read from the exported test stage`, () => {
    const { steps } = github(patch).test;
    const build = steps.find((s) => s.uses?.startsWith('docker/build-push-action'))!;
    expect(build.with?.['build-contexts']).toBe(
      registry
        ? `production=docker-image://${STAGED}`
        : 'production=oci-layout://${{ runner.temp }}/dockyard/layout@${{ steps.candidate.outputs.digest }}',
    );
    expect(build.with?.outputs).toBe('type=local,dest=${{ runner.temp }}/dockyard/test-output');
    expect(step(steps, 'Test 1: /app/selftest')!.env?.CANDIDATE).toBe(registry ? STAGED : undefined);
    expect(
      steps
        .map((s) => s.name)
        .filter((n) =>
          [
            'Read the candidate digest',
            'Unpack the candidate',
            'Pull the candidate',
            'Load the candidate into Docker',
          ].includes(n),
        ),
    ).toEqual(
      registry
        ? ['Read the candidate digest', 'Pull the candidate']
        : ['Unpack the candidate', 'Load the candidate into Docker'],
    );
    expect(step(steps, 'Check coverage (minimum 80%)')!.env?.DOCKYARD_COVERAGE_FILE).toBe(
      '${{ runner.temp }}/dockyard/test-output/coverage/lcov.info',
    );
    expect(runs(steps).includes('image.tar')).toBe(!registry);
  });

  it(`GitLab test: the stage and the commands use ${GL_SOURCE}, the coverage report is copied out of the tagged test stage`, () => {
    const { test } = gitlab(patch);
    const script = test.script.join('\n');
    expect(script).toContain(`candidate=$(buildah pull --quiet ${GL_SOURCE})`);
    expect(script).toContain(`container=$(buildah from --platform "$DOCKYARD_PLATFORM" ${GL_SOURCE})`);
    expect(script).toContain('tested=$(buildah from "localhost/dockyard-test:$DOCKYARD_SLUG")');
    expect(script.includes('buildah login')).toBe(registry);
    expect(test.variables?.DOCKYARD_STAGING).toBe(registry ? '$CI_REGISTRY_IMAGE/staging' : undefined);
  });

  it(`smoke ${registry ? 'pulls staging@digest with the staging login and read access' : 'loads the archive'} on both CI systems`, () => {
    const gh = github(patch).smoke;
    expect(gh.permissions).toEqual(registry ? { contents: 'read', packages: 'read' } : { contents: 'read' });
    expect(gh.steps.some((s) => s.uses?.startsWith('docker/login-action'))).toBe(registry);
    const wait = gh.steps.find((s) => s.name.startsWith('Wait for the HEALTHCHECK'))!;
    expect(wait.run).toContain(registry ? 'image="$CANDIDATE"' : 'image="dockyard-candidate:$DOCKYARD_SLUG"');
    expect(wait.env?.CANDIDATE).toBe(registry ? STAGED : undefined);
    const gl = gitlab(patch).smoke;
    const script = gl.script.join('\n');
    expect(script).toContain(
      `ctr=$(buildah from --quiet --platform "$DOCKYARD_PLATFORM" ${registry ? GL_SOURCE : '"oci-archive:$dir/image.tar"'})`,
    );
    expect(script.includes('buildah login')).toBe(registry);
    expect(gl.variables?.DOCKYARD_STAGING).toBe(registry ? '$CI_REGISTRY_IMAGE/staging' : undefined);
    // The HEALTHCHECK is read from the candidate's own (Docker v2s2) config, the bytes that are published.
    expect(script).toContain("buildah inspect --type container --format '{{with .Docker.Config.Healthcheck}}");
    expect(gitlab(patch).build.script.join('\n')).toContain(
      'buildah push --format v2s2 "localhost/dockyard-candidate:$DOCKYARD_SLUG"',
    );
    expect(gitlab(patch).build.script.join('\n')).not.toContain('healthcheck');
  });

  it(`size ${registry ? 'measures the manifest the build job recorded beside the digest (no login)' : 'measures the archive'}`, () => {
    const jobs = github(patch);
    expect(step(jobs.build.steps, 'Record the candidate manifest') !== undefined).toBe(registry);
    const upload = jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with?.path).toBe(
      registry
        ? '${{ runner.temp }}/dockyard/digest\n${{ runner.temp }}/dockyard/manifest.json'
        : '${{ runner.temp }}/dockyard',
    );
    const measure = jobs.size.steps.find((s) => s.name.startsWith('Measure'))!;
    expect(measure.run).toContain(
      registry
        ? 'DOCKYARD_MANIFEST="$RUNNER_TEMP/dockyard"/manifest.json'
        : 'archive="$RUNNER_TEMP/dockyard"/image.tar',
    );
    expect(jobs.size.permissions).toEqual({ contents: 'read' });
    expect(jobs.size.steps.some((s) => s.uses?.startsWith('docker/login-action'))).toBe(false);
    const ci = gitlab(patch);
    expect(ci.build.script.join('\n').includes('"blobs/sha256/${digest#sha256:}" > "$dir/manifest.json"')).toBe(
      registry,
    );
    expect(ci.size.script[0]).toContain(
      registry
        ? 'DOCKYARD_MANIFEST="dockyard/$DOCKYARD_SLUG"/manifest.json'
        : 'archive="dockyard/$DOCKYARD_SLUG"/image.tar',
    );
  });
});
