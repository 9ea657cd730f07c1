import { describe, expect, it } from 'vitest';
import type { GithubJob } from '../../../src/targets/github/github-types.js';
import { emitGithubScenario, githubArtifactsOf, type GithubArtifactUse } from '../../support/emit-github-scenario.js';

/*
 * The GitHub emitter, one job kind at a time: what each job needs, when it runs (`if`), where (`runs-on`), its
 * permissions, the artifacts it uploads and downloads (names and paths) and the env that reaches its main step, on
 * the golden scenario with every job kind (`full-gates-deploy-notify-both`). The bytes of the whole file are
 * golden.test.ts's; these name the behaviour.
 */
const WORKFLOW = emitGithubScenario('full-gates-deploy-notify-both');

const PUBLISH_IF =
  "github.event_name != 'pull_request' && !(github.event.inputs.push == 'false') && needs.metadata.outputs.publishes == 'true'";
const TEMP = '${{ runner.temp }}';
const GATES = (job: string): GithubArtifactUse => ({ name: `dockyard-gates-${job}`, path: `${TEMP}/dockyard/gates` });
const ALL_GATES: GithubArtifactUse = { name: 'dockyard-gates-*', path: `${TEMP}/dockyard/gates` };
const CANDIDATE: GithubArtifactUse = { name: 'dockyard-candidate-${{ matrix.slug }}', path: `${TEMP}/dockyard` };
const PUBLISHED: GithubArtifactUse = { name: 'dockyard-published', path: `${TEMP}/dockyard-published` };
const MATRIX_ENV = { DOCKYARD_PLATFORM: '${{ matrix.platform }}', DOCKYARD_SLUG: '${{ matrix.slug }}' };
const VERIFY = ['lint', 'test', 'scan', 'smoke', 'size', 'sbom'];
const GATE_FILES =
  'lint test-linux-amd64 coverage-linux-amd64 scan-linux-amd64 scan-linux-arm64 smoke-linux-amd64 size-linux-amd64 size-linux-arm64 sbom-linux-amd64 sbom-linux-arm64';

interface Expected {
  readonly needs?: string[];
  readonly if?: string;
  readonly runsOn: string;
  readonly permissions: GithubJob['permissions'];
  readonly uploads: GithubArtifactUse[];
  readonly downloads: GithubArtifactUse[];
  /** The step whose env matters (by name) and the variables that must reach it, with their values. */
  readonly env?: readonly [step: string, env: Record<string, string>];
  /** Other keys that matter for this kind, compared exactly. */
  readonly more?: Partial<GithubJob>;
}

const JOB_KINDS: Array<[kind: string, job: string, expected: Expected]> = [
  [
    'metadata',
    'metadata',
    {
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [],
      downloads: [],
      env: ['Check that the ref publishes', { DOCKYARD_PUBLISH_REFS: '^refs/heads/(main)$|^refs/tags/(v[^/]*)$' }],
    },
  ],
  [
    'lint',
    'lint',
    {
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [GATES('lint')],
      downloads: [],
      env: ['Lint Dockerfile with hadolint', { DOCKYARD_DOCKERFILE: 'Dockerfile', DOCKYARD_LINT_THRESHOLD: 'warning' }],
    },
  ],
  [
    'build (each platform on its runner, pushing the cache)',
    'build',
    {
      needs: ['metadata', 'lint'],
      runsOn: '${{ matrix.runner }}',
      permissions: { contents: 'read', packages: 'write' },
      uploads: [CANDIDATE],
      downloads: [],
    },
  ],
  [
    'test',
    'test',
    {
      needs: ['build'],
      runsOn: '${{ matrix.runner }}',
      permissions: { contents: 'read', packages: 'read' },
      uploads: [
        {
          name: 'dockyard-coverage-${{ matrix.slug }}',
          path: `${TEMP}/dockyard/coverage/cobertura-coverage.xml`,
        },
        GATES('test-${{ matrix.slug }}'),
      ],
      downloads: [CANDIDATE],
      env: ['Check coverage (minimum 80%)', { ...MATRIX_ENV, DOCKYARD_COVERAGE_MINIMUM: '80' }],
    },
  ],
  [
    'scan (code scanning upload)',
    'scan',
    {
      needs: ['build'],
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read', 'security-events': 'write', actions: 'read' },
      uploads: [GATES('scan-${{ matrix.slug }}')],
      downloads: [CANDIDATE],
    },
  ],
  [
    'smoke',
    'smoke',
    {
      needs: ['build'],
      runsOn: '${{ matrix.runner }}',
      permissions: { contents: 'read' },
      uploads: [GATES('smoke-${{ matrix.slug }}')],
      downloads: [CANDIDATE],
      env: [
        'Wait for the HEALTHCHECK to report healthy (at most 60 s)',
        { ...MATRIX_ENV, DOCKYARD_SMOKE_TIMEOUT: '60' },
      ],
      more: { 'timeout-minutes': 16 },
    },
  ],
  [
    'size',
    'size',
    {
      needs: ['build'],
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [GATES('size-${{ matrix.slug }}')],
      downloads: [CANDIDATE],
      env: ['Measure the image size (limit 400 MB compressed)', { ...MATRIX_ENV, DOCKYARD_SIZE_LIMIT: '400' }],
    },
  ],
  [
    'sbom',
    'sbom',
    {
      needs: ['build'],
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [
        { name: 'dockyard-sbom-${{ matrix.slug }}', path: `${TEMP}/dockyard-sbom` },
        GATES('sbom-${{ matrix.slug }}'),
      ],
      downloads: [CANDIDATE],
    },
  ],
  [
    'gates (unless cancelled)',
    'gates',
    {
      needs: VERIFY,
      if: '${{ !cancelled() }}',
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [],
      downloads: [ALL_GATES],
      env: ['Summarise the gates', { DOCKYARD_GATE_FILES: GATE_FILES }],
    },
  ],
  [
    'push (refs that publish, outside pull requests)',
    'push',
    {
      needs: ['metadata', 'build', ...VERIFY, 'gates'],
      if: PUBLISH_IF,
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read', packages: 'write' },
      uploads: [{ name: 'dockyard-digests', path: `${TEMP}/dockyard-digests/*` }],
      downloads: ['linux-amd64', 'linux-arm64'].map((slug) => ({
        name: `dockyard-candidate-${slug}`,
        path: `${TEMP}/dockyard-candidates/${slug}`,
      })),
      env: ['Push the tested candidates by digest', { DOCKYARD_SLUGS: 'linux-amd64 linux-arm64' }],
    },
  ],
  [
    'manifest (one at a time per ref, never cancelled)',
    'manifest',
    {
      needs: ['metadata', 'push'],
      if: PUBLISH_IF,
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read', packages: 'write' },
      uploads: [{ name: 'dockyard-published', path: `${TEMP}/dockyard-published/published` }],
      downloads: [{ name: 'dockyard-digests', path: `${TEMP}/dockyard-digests` }],
      env: ['Create and push the image index', { METADATA_JSON: '${{ needs.metadata.outputs.json }}' }],
      more: {
        concurrency: {
          group: 'dockyard-publish-${{ github.workflow_ref }}-${{ github.ref }}',
          'cancel-in-progress': false,
        },
      },
    },
  ],
  [
    'sign (OIDC token and attestations only here)',
    'sign',
    {
      needs: ['metadata', 'manifest', 'gates'],
      if: PUBLISH_IF,
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read', packages: 'write', 'id-token': 'write', attestations: 'write' },
      uploads: [],
      downloads: [PUBLISHED, ALL_GATES],
      env: ['Summarise the gates', { DOCKYARD_GATE_FILES: `${GATE_FILES} sign` }],
    },
  ],
  [
    'deploy (its environment, its secrets)',
    'deploy-staging',
    {
      needs: ['metadata', 'manifest', 'sign'],
      if: PUBLISH_IF,
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [],
      downloads: [PUBLISHED],
      env: [
        'Deploy to staging',
        {
          DOCKYARD_ENVIRONMENT: 'staging',
          DOCKYARD_TAG_LIST: '${{ needs.metadata.outputs.tags }}',
          KUBECONFIG_STAGING: '${{ secrets.KUBECONFIG_STAGING }}',
        },
      ],
      more: { environment: { name: 'staging', url: 'https://staging.shop.acme.example' } },
    },
  ],
  [
    'deploy (after the previous environment, in the configured image)',
    'deploy-production',
    {
      needs: ['metadata', 'manifest', 'sign', 'deploy-staging'],
      if: PUBLISH_IF,
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [],
      downloads: [PUBLISHED],
      more: { container: 'registry.k8s.io/kubectl:v1.34.1' },
    },
  ],
  [
    'notify (failure of any job)',
    'notify-failure',
    {
      // Every job, in the pipeline's order.
      needs: [
        'metadata',
        'lint',
        'build',
        ...VERIFY.slice(1),
        'gates',
        'push',
        'manifest',
        'sign',
        'deploy-staging',
        'deploy-production',
      ],
      if: "${{ github.event_name != 'pull_request' && failure() }}",
      runsOn: 'ubuntu-24.04',
      permissions: { contents: 'read' },
      uploads: [],
      downloads: [PUBLISHED, ALL_GATES],
      env: [
        'Notify slack and teams',
        { DOCKYARD_NOTIFY_EVENT: 'failure', DOCKYARD_SLACK_WEBHOOK: '${{ secrets.SLACK_WEBHOOK_URL }}' },
      ],
    },
  ],
];

describe('GitHub emitter per job kind', () => {
  it.each(JOB_KINDS)('%s', (_, name, expected) => {
    const job = WORKFLOW.jobs[name];
    expect(job, `job ${name}`).toBeDefined();
    expect(job.needs).toEqual(expected.needs);
    expect(job.if).toBe(expected.if);
    expect(job['runs-on']).toBe(expected.runsOn);
    expect(job.permissions).toEqual(expected.permissions);
    expect(githubArtifactsOf(job)).toEqual({ uploads: expected.uploads, downloads: expected.downloads });
    if (expected.env) {
      const [stepName, env] = expected.env;
      const step = job.steps.find((s) => s.name === stepName);
      expect(step, `step ${stepName}`).toBeDefined();
      expect(step?.env).toMatchObject(env);
    }
    for (const [key, value] of Object.entries(expected.more ?? {}))
      expect(job[key as keyof GithubJob], key).toEqual(value);
  });

  it('covers every job the workflow has', () => {
    const kinds = new Set(JOB_KINDS.map(([, name]) => name.replace(/-.*$/, '')));
    expect(Object.keys(WORKFLOW.jobs).filter((name) => !kinds.has(name.replace(/-.*$/, '')))).toEqual([]);
  });

  it('grants nothing at the top: each job its own permissions', () => {
    expect(WORKFLOW.permissions).toEqual({});
  });
});
