import { describe, expect, it } from 'vitest';
import type { GitlabJob, GitlabRule } from '../../../src/targets/gitlab/gitlab-types.js';
import { emitGitlabScenario, gitlabJobNames, gitlabJobOf } from '../../support/emit-gitlab-scenario.js';

/*
 * The GitLab emitter, one job kind at a time: what each job needs, when it runs (rules), the variables that reach
 * its script, its artifacts and its runner tags, on the golden scenario with every job kind
 * (`full-gates-deploy-notify-both`: two platforms on different runner tags, every gate, signing, two deploy
 * environments, notifications). The bytes of the whole file are golden.test.ts's; these name the behaviour.
 */
const CI = emitGitlabScenario('full-gates-deploy-notify-both');

const MR_NEVER: GitlabRule = { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' };
const PUSH_FALSE_NEVER: GitlabRule = { if: '$DOCKYARD_PUSH == "false"', when: 'never' };
const publishRules = (when?: GitlabRule['when']): GitlabRule[] => [
  MR_NEVER,
  PUSH_FALSE_NEVER,
  { if: '$CI_COMMIT_REF_PROTECTED == "true"', ...(when ? { when } : {}) },
];
const AMD64 = { DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64' };
const ARM64 = { DOCKYARD_PLATFORM: 'linux/arm64', DOCKYARD_SLUG: 'linux-arm64' };
const buildOf = (platform: typeof AMD64, tag: string) => ({
  job: 'build',
  parallel: { matrix: [{ ...platform, DOCKYARD_RUNNER_TAG: tag }] },
});
const VERIFY_NEEDS = [
  'lint',
  'test: [linux/amd64]',
  'scan: [linux/amd64]',
  'scan: [linux/arm64]',
  'smoke: [linux/amd64]',
  'size: [linux/amd64]',
  'size: [linux/arm64]',
  'sbom: [linux/amd64]',
  'sbom: [linux/arm64]',
];
const GATE_FILES =
  'lint test-linux-amd64 coverage-linux-amd64 scan-linux-amd64 scan-linux-arm64 smoke-linux-amd64 size-linux-amd64 size-linux-arm64 sbom-linux-amd64 sbom-linux-arm64';

interface Expected {
  readonly stage: string;
  readonly needs?: GitlabJob['needs'];
  /** Undefined: the job has no rules (it runs whenever the pipeline does). */
  readonly rules?: GitlabRule[];
  /** Variables that must reach the script, with their values (other variables may be there too). */
  readonly variables: GitlabJob['variables'];
  readonly artifacts?: GitlabJob['artifacts'];
  readonly tags?: string[];
  /** Other keys that matter for this kind, compared exactly. */
  readonly more?: Partial<GitlabJob>;
}

const JOB_KINDS: Array<[kind: string, job: string, expected: Expected]> = [
  [
    'metadata',
    'metadata',
    {
      stage: 'metadata',
      needs: [],
      variables: {
        DOCKYARD_META_IMAGES: 'registry.acme.example/shop/web\ndocker.io/acme/shop',
        DOCKYARD_META_FLAVOR: { value: 'latest=auto', expand: false },
      },
      artifacts: { reports: { dotenv: 'dockyard/meta.env' }, paths: ['dockyard/meta.json'], expire_in: '1 day' },
    },
  ],
  [
    'lint',
    'lint',
    {
      stage: 'lint',
      needs: [],
      variables: { DOCKYARD_DOCKERFILE: 'Dockerfile', DOCKYARD_LINT_THRESHOLD: 'warning' },
      artifacts: { paths: ['dockyard/gates/'], when: 'always', expire_in: '1 day' },
    },
  ],
  [
    'build (one parallel: matrix job, a runner tag per platform)',
    'build',
    {
      stage: 'build',
      needs: ['metadata', 'lint'],
      variables: { STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', BUILDAH_FORMAT: 'docker' },
      artifacts: { paths: ['dockyard/'], expire_in: '1 day' },
      tags: ['$DOCKYARD_RUNNER_TAG'],
      more: {
        parallel: {
          matrix: [
            { ...AMD64, DOCKYARD_RUNNER_TAG: 'saas-linux-small-amd64' },
            { ...ARM64, DOCKYARD_RUNNER_TAG: 'saas-linux-small-arm64' },
          ],
        },
      },
    },
  ],
  [
    'test (its own platform build only, on that platform runner)',
    'test: [linux/amd64]',
    {
      stage: 'test',
      needs: [buildOf(AMD64, 'saas-linux-small-amd64')],
      variables: {
        ...AMD64,
        DOCKYARD_TEST_1: { value: 'npm test -- --coverage --coverageDirectory=/coverage', expand: false },
        DOCKYARD_TEST_2: { value: 'node dist/selftest.js', expand: false },
        DOCKYARD_COVERAGE_FILE: 'dockyard/coverage/cobertura-coverage.xml',
        DOCKYARD_COVERAGE_MINIMUM: '80',
      },
      artifacts: {
        paths: ['dockyard/gates/', 'dockyard/coverage/'],
        when: 'always',
        expire_in: '1 day',
        reports: {
          coverage_report: { coverage_format: 'cobertura', path: 'dockyard/coverage/cobertura-coverage.xml' },
        },
      },
      tags: ['saas-linux-small-amd64'],
      more: { coverage: '/dockyard: coverage \\d+(?:\\.\\d+)?%/' },
    },
  ],
  [
    'scan (any runner)',
    'scan: [linux/arm64]',
    {
      stage: 'scan',
      needs: [buildOf(ARM64, 'saas-linux-small-arm64')],
      variables: { ...ARM64, TRIVY_CACHE_DIR: '.trivycache/' },
      artifacts: {
        paths: ['dockyard/gates/'],
        when: 'always',
        reports: { container_scanning: 'gl-container-scanning-report.json' },
        expire_in: '30 days',
      },
      more: { cache: { key: 'dockyard-trivy', paths: ['.trivycache/'] } },
    },
  ],
  [
    'smoke',
    'smoke: [linux/amd64]',
    {
      stage: 'smoke',
      needs: [buildOf(AMD64, 'saas-linux-small-amd64')],
      variables: { ...AMD64, DOCKYARD_SMOKE_TIMEOUT: '60' },
      artifacts: { paths: ['dockyard/gates/'], when: 'always', expire_in: '1 day' },
      tags: ['saas-linux-small-amd64'],
      more: { timeout: '16m' },
    },
  ],
  [
    'size',
    'size: [linux/arm64]',
    {
      stage: 'size',
      needs: [buildOf(ARM64, 'saas-linux-small-arm64')],
      variables: { ...ARM64, DOCKYARD_SIZE_LIMIT: '400', DOCKYARD_SIZE_MEASURE: 'compressed' },
      artifacts: { paths: ['dockyard/gates/'], when: 'always', expire_in: '1 day' },
    },
  ],
  [
    'sbom',
    'sbom: [linux/amd64]',
    {
      stage: 'sbom',
      needs: [buildOf(AMD64, 'saas-linux-small-amd64')],
      variables: { ...AMD64, SYFT_CHECK_FOR_APP_UPDATE: 'false' },
      artifacts: {
        paths: ['dockyard/sbom/', 'dockyard/gates/'],
        reports: { cyclonedx: ['dockyard/sbom/gl-sbom-*.cdx.json'] },
        when: 'always',
        expire_in: '90 days',
      },
    },
  ],
  [
    'gates (whatever the gates did)',
    'gates',
    {
      stage: 'gates',
      needs: VERIFY_NEEDS,
      variables: { DOCKYARD_GATE_FILES: GATE_FILES },
      artifacts: { paths: ['dockyard/gates.md', 'dockyard/gates/'], when: 'always', expire_in: '30 days' },
      more: { when: 'always' },
    },
  ],
  [
    'push (protected refs, outside merge requests)',
    'push',
    {
      stage: 'push',
      needs: ['build', ...VERIFY_NEEDS, 'gates'],
      rules: publishRules(),
      variables: {
        DOCKYARD_REPOSITORIES: 'registry.acme.example/shop/web docker.io/acme/shop',
        DOCKYARD_SLUGS: 'linux-amd64 linux-arm64',
      },
      artifacts: { paths: ['dockyard/digests/'], expire_in: '1 day' },
      more: { interruptible: false },
    },
  ],
  [
    'unprotected-ref (the publish rules turned round)',
    'unprotected-ref',
    {
      stage: 'push',
      needs: ['metadata'],
      rules: [
        MR_NEVER,
        PUSH_FALSE_NEVER,
        { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: 'never' },
        { if: '$CI_COMMIT_TAG =~ /^(v[^\\/]*)$/', when: 'on_success' },
        { if: '$CI_COMMIT_BRANCH =~ /^(main)$/', when: 'on_success' },
        { when: 'never' },
      ],
      variables: undefined,
    },
  ],
  [
    'manifest (one at a time per ref)',
    'manifest',
    {
      stage: 'manifest',
      needs: ['metadata', 'push'],
      rules: publishRules(),
      variables: { DOCKYARD_REPOSITORIES: 'registry.acme.example/shop/web docker.io/acme/shop' },
      artifacts: { paths: ['dockyard/published'], expire_in: '1 day' },
      more: { interruptible: false, resource_group: 'dockyard-publish-$CI_COMMIT_REF_SLUG' },
    },
  ],
  [
    'sign (an OIDC token for sigstore only here)',
    'sign',
    {
      stage: 'sign',
      needs: ['manifest', 'gates'],
      rules: publishRules(),
      variables: { DOCKYARD_PROVENANCE: 'cosign', DOCKYARD_GATE_FILES: `${GATE_FILES} sign` },
      artifacts: {
        paths: ['dockyard/verify.md', 'dockyard/gates.md', 'dockyard/gates/', 'dockyard/provenance.json'],
        when: 'always',
        expire_in: '90 days',
      },
      more: { id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } } },
    },
  ],
  [
    'deploy (automatic)',
    'deploy-staging',
    {
      stage: 'deploy',
      needs: ['metadata', 'manifest', 'sign'],
      rules: publishRules(),
      variables: { DOCKYARD_ENVIRONMENT: 'staging' },
      more: {
        environment: { name: 'staging', url: 'https://staging.shop.acme.example', action: 'start' },
        resource_group: 'deploy-staging',
      },
    },
  ],
  [
    'deploy (approval: manual, blocking, after the previous environment)',
    'deploy-production',
    {
      stage: 'deploy',
      needs: ['metadata', 'manifest', 'sign', 'deploy-staging'],
      rules: publishRules('manual'),
      variables: { DOCKYARD_ENVIRONMENT: 'production' },
      more: { allow_failure: false, resource_group: 'deploy-production' },
    },
  ],
  [
    'notify (failure, after every stage)',
    'notify-failure',
    {
      stage: '.post',
      rules: publishRules('on_failure'),
      variables: { DOCKYARD_NOTIFY_EVENT: 'failure', DOCKYARD_SLACK_WEBHOOK: '$SLACK_WEBHOOK_URL' },
      more: { dependencies: ['metadata', 'gates', 'manifest'] },
    },
  ],
];

describe('GitLab emitter per job kind', () => {
  it.each(JOB_KINDS)('%s', (_, name, expected) => {
    const job = gitlabJobOf(CI, name);
    expect(job.stage).toBe(expected.stage);
    expect(job.needs).toEqual(expected.needs);
    expect(job.rules).toEqual(expected.rules);
    if (expected.variables === undefined) expect(job.variables).toBeUndefined();
    else expect(job.variables).toMatchObject(expected.variables);
    expect(job.artifacts).toEqual(expected.artifacts);
    expect(job.tags).toEqual(expected.tags);
    for (const [key, value] of Object.entries(expected.more ?? {}))
      expect(job[key as keyof GitlabJob], key).toEqual(value);
  });

  it('covers every job the pipeline has', () => {
    const kinds = new Set(JOB_KINDS.map(([, name]) => name.replace(/: \[.*\]$/, '').replace(/-.*$/, '')));
    const jobs = gitlabJobNames(CI);
    expect(jobs.map((k) => k.replace(/: \[.*\]$/, '').replace(/-.*$/, '')).filter((k) => !kinds.has(k))).toEqual([]);
  });
});
