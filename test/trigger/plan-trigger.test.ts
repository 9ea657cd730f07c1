import { describe, expect, it } from 'vitest';
import { planTrigger, TriggerPlanError, type TriggerRequest } from '../../src/trigger/plan-trigger.js';
import { PUSH_INPUT, type TriggerTargets } from '../../src/model/trigger-targets.js';

const TARGETS: TriggerTargets = {
  workflowFile: 'dockyard.yml',
  manual: true,
  dispatchEventType: 'dockyard-build',
  inputs: [PUSH_INPUT],
};
const NO_MANUAL: TriggerTargets = { ...TARGETS, manual: false };
const NO_DISPATCH: TriggerTargets = { workflowFile: 'dockyard.yml', manual: true, inputs: [PUSH_INPUT] };
const BOTH = ['github', 'gitlab'] as const;
const GITHUB_ONLY = ['github'] as const;
const request = (r: Partial<TriggerRequest>): TriggerRequest => ({
  host: 'github',
  dispatch: false,
  ref: undefined,
  inputs: [],
  ...r,
});

describe('planTrigger', () => {
  it.each([
    [
      'github workflow_dispatch on the default branch',
      TARGETS,
      BOTH,
      request({}),
      { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: undefined, inputs: {} },
    ],
    [
      'github workflow_dispatch with ref and push',
      TARGETS,
      BOTH,
      request({ ref: 'v1.2.0', inputs: ['push=false'] }),
      { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: 'v1.2.0', inputs: { push: 'false' } },
    ],
    [
      'the only CI system needs no --host',
      TARGETS,
      GITHUB_ONLY,
      request({ host: undefined }),
      { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: undefined, inputs: {} },
    ],
    [
      'github repository_dispatch with the payload',
      TARGETS,
      BOTH,
      request({ dispatch: true, inputs: ['push=true'] }),
      { kind: 'github-dispatch', eventType: 'dockyard-build', clientPayload: { push: 'true' } },
    ],
    [
      'gitlab maps push to DOCKYARD_PUSH',
      TARGETS,
      BOTH,
      request({ host: 'gitlab', ref: 'main', inputs: ['push=false'] }),
      { kind: 'gitlab-trigger', ref: 'main', variables: { DOCKYARD_PUSH: 'false' } },
    ],
    [
      'gitlab with --dispatch uses the trigger token too',
      TARGETS,
      BOTH,
      request({ host: 'gitlab', dispatch: true, ref: 'main' }),
      { kind: 'gitlab-trigger', ref: 'main', variables: {} },
    ],
    [
      'dispatch works with manual runs off, push in the payload',
      NO_MANUAL,
      BOTH,
      request({ dispatch: true, inputs: ['push=false'] }),
      { kind: 'github-dispatch', eventType: 'dockyard-build', clientPayload: { push: 'false' } },
    ],
  ])('%s', (_name, targets, ci, req, expected) => {
    expect(planTrigger(targets, ci, req)).toEqual(expected);
  });

  it.each([
    [
      'an unknown input names the known ones',
      TARGETS,
      BOTH,
      request({ inputs: ['colour=red'] }),
      '--input colour: unknown input; expected one of: push, got "colour"',
    ],
    [
      'push must be a boolean',
      TARGETS,
      BOTH,
      request({ inputs: ['push=yes'] }),
      '--input push: not a boolean; expected true or false, got "yes"',
    ],
    [
      'an input without =',
      TARGETS,
      BOTH,
      request({ inputs: ['push'] }),
      '--input: not of the form KEY=VALUE; expected e.g. push=false, got "push"',
    ],
    [
      'an input given twice',
      TARGETS,
      BOTH,
      request({ inputs: ['push=true', 'push=false'] }),
      '--input push: given twice; expected one value, got "true" and "false"',
    ],
    [
      'both CI systems need --host',
      TARGETS,
      BOTH,
      request({ host: undefined }),
      '--host: the config renders for github and gitlab; expected --host github or --host gitlab, got nothing',
    ],
    [
      'a host the config does not render for',
      TARGETS,
      GITHUB_ONLY,
      request({ host: 'gitlab' }),
      '--host: the config does not render for gitlab; expected one of: github, got "gitlab"',
    ],
    [
      'manual off',
      NO_MANUAL,
      BOTH,
      request({}),
      'triggers.manual: manual runs are off; expected triggers.manual on (or --dispatch with triggers.dispatch), got false',
    ],
    [
      'dispatch off',
      NO_DISPATCH,
      BOTH,
      request({ dispatch: true }),
      '--dispatch: external triggers are off; expected triggers.dispatch.eventType in the config, got nothing',
    ],
    [
      'repository_dispatch takes no ref',
      TARGETS,
      BOTH,
      request({ dispatch: true, ref: 'dev' }),
      '--ref: repository_dispatch always runs on the default branch; expected no --ref with --dispatch, got "dev"',
    ],
    [
      'gitlab needs a ref',
      TARGETS,
      BOTH,
      request({ host: 'gitlab' }),
      '--ref: required on GitLab; expected the branch or tag to run the pipeline on, got nothing',
    ],
    [
      'gitlab needs triggers.dispatch (trigger-token pipelines)',
      NO_DISPATCH,
      BOTH,
      request({ host: 'gitlab', ref: 'main' }),
      'triggers.dispatch: on GitLab, dockyard trigger uses a pipeline trigger token, and the pipeline accepts trigger pipelines only with triggers.dispatch; expected triggers.dispatch in the config, got nothing',
    ],
    [
      'a malformed ref',
      TARGETS,
      BOTH,
      request({ ref: 'a..b' }),
      '--ref: not a git ref name; expected a branch or tag such as main or v1.2.0, got "a..b"',
    ],
  ])('rejects: %s', (_name, targets, ci, req, message) => {
    expect(() => planTrigger(targets, ci, req)).toThrow(TriggerPlanError);
    expect(() => planTrigger(targets, ci, req)).toThrow(message);
  });
});
