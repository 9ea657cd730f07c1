import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { GITLAB_IMAGES } from '../../src/targets/gitlab/gitlab-images.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { stepScripts } from '../support/step-scripts.js';

const STAGING = {
  name: 'staging',
  url: 'https://staging.example',
  command: 'deploy "$DOCKYARD_IMAGE_REF" ${{ not.an.expression }}',
  secrets: ['KUBE_STAGING'],
};
const PRODUCTION = {
  name: 'production',
  approval: true,
  command: './deploy.sh',
  image: 'registry.k8s.io/kubectl:v1.34.1',
};

function plan(patch: Record<string, unknown>) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

type GithubJobs = Record<
  string,
  {
    name: string;
    needs?: string[];
    if?: string;
    environment?: unknown;
    container?: string;
    permissions: Record<string, string>;
    steps: Array<{
      name: string;
      uses?: string;
      run?: string;
      env?: Record<string, string>;
      with?: Record<string, unknown>;
    }>;
  }
>;
type GitlabJobs = Record<string, Record<string, unknown> & { script: string[] }>;

describe.each([
  ['without signing', {}, ['metadata', 'manifest']],
  ['with signing', { signing: {} }, ['metadata', 'manifest', 'sign']],
])('deploy %s', (_, extra, needs) => {
  const pipeline = plan({ ...extra, deploy: { environments: [STAGING, PRODUCTION] } });

  it('the manifest job records the published digests the deploy jobs read', () => {
    expect(pipeline.jobs.find((j) => j.id === 'manifest')!.produces).toContain('published');
    expect(pipeline.jobs.find((j) => j.id === 'deploy')).toMatchObject({
      needs,
      stage: 'publish',
      permissions: { contents: 'read' },
      consumes: ['metadata', 'published'],
      secrets: ['KUBE_STAGING'],
    });
  });

  it('GitHub: one job per environment, in order, with environment, container and secrets; none on pull requests nor when a manual run asked not to push', () => {
    const jobs = emitGithubWorkflow(stepScripts, pipeline).jobs as unknown as GithubJobs;
    expect(jobs['deploy-staging']).toMatchObject({
      name: 'deploy staging',
      needs,
      if: "github.event_name != 'pull_request' && !(github.event.inputs.push == 'false') && needs.metadata.outputs.publishes == 'true'",
      environment: { name: 'staging', url: 'https://staging.example' },
      permissions: { contents: 'read' },
    });
    expect(jobs['deploy-staging'].container).toBeUndefined();
    expect(jobs['deploy-staging'].steps[0].uses).toMatch(/^actions\/checkout@/);
    expect(jobs['deploy-production']).toMatchObject({
      name: 'deploy production (approval: required reviewers)',
      needs: [...needs, 'deploy-staging'],
      environment: { name: 'production' },
      container: PRODUCTION.image,
    });
    const step = jobs['deploy-staging'].steps.find((s) => s.name === 'Deploy to staging')!;
    expect(step.env).toEqual({
      DOCKYARD_ENVIRONMENT: 'staging',
      DOCKYARD_DEPLOY_COMMAND: 'deploy "$DOCKYARD_IMAGE_REF" ${{ \'${{\' }} not.an.expression }}',
      DOCKYARD_TAG_LIST: '${{ needs.metadata.outputs.tags }}',
      KUBE_STAGING: '${{ secrets.KUBE_STAGING }}',
    });
    expect(step.run).not.toContain('${{');
    expect(jobs.manifest.steps.some((s) => s.with?.name === 'dockyard-published')).toBe(true);
  });

  it('GitLab: one job per environment in the deploy stage; approval is a manual, blocking job on protected refs unless DOCKYARD_PUSH is false', () => {
    const ci = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs') as GitlabJobs;
    expect(ci.stages).toContain('deploy');
    expect(ci['deploy-staging']).toMatchObject({
      stage: 'deploy',
      needs,
      image: { name: GITLAB_IMAGES.kubectl, entrypoint: [''] },
      environment: { name: 'staging', url: 'https://staging.example', action: 'start' },
      variables: {
        DOCKYARD_ENVIRONMENT: 'staging',
        DOCKYARD_DEPLOY_COMMAND: { value: STAGING.command, expand: false },
      },
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
        { if: '$DOCKYARD_PUSH == "false"', when: 'never' },
        { if: '$CI_COMMIT_REF_PROTECTED == "true"' },
      ],
    });
    expect(ci['deploy-staging'].allow_failure).toBeUndefined();
    expect(ci['deploy-production']).toMatchObject({
      needs: [...needs, 'deploy-staging'],
      image: { name: PRODUCTION.image, entrypoint: [''] },
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
        { if: '$DOCKYARD_PUSH == "false"', when: 'never' },
        { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: 'manual' },
      ],
      allow_failure: false,
    });
    expect((ci.manifest.artifacts as { paths: string[] }).paths).toEqual(['dockyard/published']);
  });
});

describe.each([
  [['failure'], { failure: 'failure()' }],
  [['success'], { success: 'success()' }],
  [['failure', 'success'], { failure: 'failure()', success: 'success()' }],
] as const)('notify on %j', (on, conditions) => {
  const pipeline = plan({
    notify: { on, slack: { webhook: 'SLACK_URL' }, teams: { webhook: 'TEAMS_URL' } },
    size: { limit: 100 },
  });

  it('GitHub: one job per event, needing every other job, with the webhook secrets as env', () => {
    const jobs = emitGithubWorkflow(stepScripts, pipeline).jobs as unknown as GithubJobs;
    const others = Object.keys(jobs).filter((k) => !k.startsWith('notify-'));
    for (const [event, condition] of Object.entries(conditions)) {
      const job = jobs[`notify-${event}`];
      expect(job).toMatchObject({
        name: `notify (${event})`,
        needs: others,
        if: `\${{ github.event_name != 'pull_request' && ${condition} }}`,
        permissions: { contents: 'read' },
      });
      const step = job.steps.at(-1)!;
      expect(step.env).toMatchObject({
        DOCKYARD_NOTIFY_EVENT: event,
        DOCKYARD_SLACK_WEBHOOK: '${{ secrets.SLACK_URL }}',
        DOCKYARD_TEAMS_WEBHOOK: '${{ secrets.TEAMS_URL }}',
      });
      expect(job.steps.map((s) => s.name)).toEqual([
        'Download the published digests',
        'Download the gate results',
        'Notify slack and teams',
      ]);
    }
    expect(Object.keys(jobs).filter((k) => k.startsWith('notify-'))).toEqual(on.map((e) => `notify-${e}`));
  });

  it('GitLab: one .post job per event with when on_failure / on_success on protected refs, fetching only the artifacts it reads', () => {
    const ci = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs') as GitlabJobs;
    expect(ci.stages).not.toContain('notify');
    for (const event of on) {
      expect(ci[`notify-${event}`]).toMatchObject({
        stage: '.post',
        dependencies: ['metadata', 'gates', 'manifest'],
        image: { name: GITLAB_IMAGES.curl, entrypoint: [''] },
        variables: {
          DOCKYARD_NOTIFY_EVENT: event,
          DOCKYARD_SLACK_WEBHOOK: '$SLACK_URL',
          DOCKYARD_TEAMS_WEBHOOK: '$TEAMS_URL',
        },
        rules: [
          { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
          { if: '$DOCKYARD_PUSH == "false"', when: 'never' },
          { if: '$CI_COMMIT_REF_PROTECTED == "true"', when: event === 'failure' ? 'on_failure' : 'on_success' },
        ],
      });
      expect(ci[`notify-${event}`].needs).toBeUndefined();
    }
  });
});

it('renders nothing new without deploy and notify', () => {
  const pipeline = plan({});
  expect(pipeline.jobs.map((j) => j.id)).not.toContain('deploy');
  expect(pipeline.jobs.find((j) => j.id === 'manifest')!.produces).not.toContain('published');
  expect(
    Object.keys(emitGithubWorkflow(stepScripts, pipeline).jobs).some(
      (k) => k.startsWith('deploy-') || k.startsWith('notify-'),
    ),
  ).toBe(false);
});
