import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { contextFromGithub } from '../../src/tags/github-context.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { gitlabJobsById } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

function plan(triggers: Record<string, unknown>, cancelSuperseded: boolean) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    platforms: ['linux/amd64', 'linux/arm64'],
    test: { commands: ['true'] },
    triggers,
    concurrency: { cancelSuperseded },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

type GhJob = { if?: string; concurrency?: { group: string; 'cancel-in-progress': boolean } };
type GlJob = { rules?: Array<{ if: string; when?: string }>; interruptible?: boolean; resource_group?: string };

const INPUT_FALSE = "github.event.inputs.push == 'false'";
const PAYLOAD_FALSE =
  "github.event.client_payload.push == 'false' || toJSON(github.event.client_payload.push) == 'false'";
const VERIFY = ['metadata', 'build', 'test', 'scan'];

// [triggers, manual on, dispatch event type, the no-push expression on GitHub]
const TRIGGERS: Array<[string, Record<string, unknown>, boolean, string | undefined, string | undefined]> = [
  ['defaults (manual on)', {}, true, undefined, INPUT_FALSE],
  ['manual off', { manual: false }, false, undefined, undefined],
  ['dispatch only', { manual: false, dispatch: {} }, false, 'dockyard-build', PAYLOAD_FALSE],
  [
    'manual and dispatch',
    { dispatch: { eventType: 'base.updated' } },
    true,
    'base.updated',
    `${INPUT_FALSE} || ${PAYLOAD_FALSE}`,
  ],
];

describe.each(
  TRIGGERS.flatMap(([name, triggers, manual, eventType, noPush]) =>
    [true, false].map((cancel) => [name, triggers, manual, eventType, noPush, cancel] as const),
  ),
)('triggers %s, cancelSuperseded %s', (_, triggers, manual, eventType, noPush, cancel) => {
  it('GitHub: workflow_dispatch with the push input, repository_dispatch of the event type, publish if and job-level groups', () => {
    const workflow = emitGithubWorkflow(stepScripts, plan(triggers, cancel));
    const jobs = workflow.jobs as unknown as Record<string, GhJob>;
    expect(workflow.on.workflow_dispatch).toEqual(
      manual
        ? {
            inputs: {
              push: {
                description: 'Publish the image when every gate passes (only on refs that publish)',
                type: 'boolean',
                default: true,
              },
            },
          }
        : undefined,
    );
    expect(workflow.on.repository_dispatch).toEqual(eventType ? { types: [eventType] } : undefined);
    expect(workflow.concurrency).toBeUndefined();
    const publishIf = noPush
      ? `github.event_name != 'pull_request' && !(${noPush}) && needs.metadata.outputs.publishes == 'true'`
      : "github.event_name != 'pull_request' && needs.metadata.outputs.publishes == 'true'";
    expect([jobs.push.if, jobs.manifest.if]).toEqual([publishIf, publishIf]);
    const ref = noPush ? `\${{ (${noPush}) && github.run_id || github.ref }}` : '${{ github.ref }}';
    for (const id of VERIFY) {
      const platform = id === 'metadata' ? '' : '-${{ matrix.slug }}';
      expect(jobs[id].concurrency, id).toEqual(
        cancel
          ? { group: `dockyard-\${{ github.workflow_ref }}-${ref}-${id}${platform}`, 'cancel-in-progress': true }
          : undefined,
      );
    }
    expect(jobs.push.concurrency).toBeUndefined();
    expect(jobs.manifest.concurrency).toEqual({
      group: 'dockyard-publish-${{ github.workflow_ref }}-${{ github.ref }}',
      'cancel-in-progress': false,
    });
  });

  it('GitLab: web and trigger sources, prefilled DOCKYARD_PUSH, publish rules, interruptible and the resource group', () => {
    const ci = emitGitlabCi(stepScripts, plan(triggers, cancel), '.gitlab/dockyard-meta.mjs') as Record<
      string,
      unknown
    >;
    const workflow = ci.workflow as { auto_cancel: unknown; rules: Array<{ if: string }> };
    const sources = workflow.rules.map((r) => r.if).filter((r) => /== "(web|trigger)"$/.test(r));
    expect(sources).toEqual([
      ...(manual ? ['$CI_PIPELINE_SOURCE == "web"'] : []),
      ...(eventType ? ['$CI_PIPELINE_SOURCE == "trigger"'] : []),
    ]);
    expect(workflow.auto_cancel).toEqual({ on_new_commit: cancel ? 'interruptible' : 'none' });
    expect(ci.variables).toEqual(
      manual
        ? {
            DOCKYARD_PUSH: {
              value: 'true',
              options: ['true', 'false'],
              description: 'Publish the image when every gate passes (only on refs that publish)',
            },
          }
        : undefined,
    );
    const jobs = gitlabJobsById(ci) as Record<string, GlJob>;
    const rules = [
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
      ...(manual || eventType ? [{ if: '$DOCKYARD_PUSH == "false"', when: 'never' }] : []),
      { if: '$CI_COMMIT_REF_PROTECTED == "true"' },
    ];
    expect([jobs.push.rules, jobs.manifest.rules]).toEqual([rules, rules]);
    for (const id of VERIFY) expect(jobs[id].interruptible, id).toBe(cancel ? true : undefined);
    expect([jobs.push.interruptible, jobs.manifest.interruptible]).toEqual([false, false]);
    expect([jobs.push.resource_group, jobs.manifest.resource_group]).toEqual([
      undefined,
      'dockyard-publish-$CI_COMMIT_REF_SLUG',
    ]);
  });
});

describe('manual and dispatched builds compute tags like a push of their ref', () => {
  it.each([
    ['workflow_dispatch on a branch', 'workflow_dispatch', 'refs/heads/main', {}],
    [
      'repository_dispatch (the default branch)',
      'repository_dispatch',
      'refs/heads/main',
      { client_payload: { push: false }, repository: { default_branch: 'main' } },
    ],
    ['workflow_dispatch on a tag', 'workflow_dispatch', 'refs/tags/v1.2.3', {}],
  ])('GitHub %s', (_, eventName, ref, payload) => {
    const context = contextFromGithub(
      { GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref, GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'acme/api' },
      payload,
    );
    expect({ eventName: context.eventName, ref: context.ref, sha: context.sha }).toEqual({
      eventName,
      ref,
      sha: 'a'.repeat(40),
    });
  });

  it.each([
    ['web', { CI_COMMIT_BRANCH: 'main', CI_COMMIT_REF_NAME: 'main' }, 'refs/heads/main'],
    ['trigger', { CI_COMMIT_BRANCH: 'main', CI_COMMIT_REF_NAME: 'main' }, 'refs/heads/main'],
    ['trigger', { CI_COMMIT_TAG: 'v1.2.3', CI_COMMIT_REF_NAME: 'v1.2.3' }, 'refs/tags/v1.2.3'],
  ])('GitLab source %s: workflow_dispatch semantics on %j', (source, vars, ref) => {
    const context = contextFromGitlab({
      CI_PIPELINE_SOURCE: source,
      CI_COMMIT_SHA: 'b'.repeat(40),
      CI_DEFAULT_BRANCH: 'main',
      ...vars,
    });
    expect({ eventName: context.eventName, ref: context.ref }).toEqual({ eventName: 'workflow_dispatch', ref });
  });
});
