import { describe, expect, it } from 'vitest';
import { planTrigger, TriggerPlanError, type TriggerRequest } from '../../src/trigger/plan-trigger.js';
import { describeTriggerTargets, PUSH_INPUT, type TriggerTargets } from '../../src/trigger/trigger-targets.js';
import { validateConfig } from '../../src/config/validate-config.js';

const BOTH: TriggerTargets = { ci: ['github', 'gitlab'], workflowFile: 'dockyard.yml', manual: true, dispatchEventType: 'dockyard-build', inputs: [PUSH_INPUT] };
const GITHUB_ONLY: TriggerTargets = { ...BOTH, ci: ['github'] };
const NO_MANUAL: TriggerTargets = { ...BOTH, manual: false, inputs: [] };
const NO_DISPATCH: TriggerTargets = { ...BOTH, dispatchEventType: undefined };
const request = (r: Partial<TriggerRequest>): TriggerRequest => ({ host: 'github', dispatch: false, ref: undefined, inputs: [], ...r });

describe('planTrigger', () => {
  it.each([
    ['github workflow_dispatch on the default branch', BOTH, request({}), { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: undefined, inputs: {} }],
    ['github workflow_dispatch with ref and push', BOTH, request({ ref: 'v1.2.0', inputs: ['push=false'] }), { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: 'v1.2.0', inputs: { push: 'false' } }],
    ['the only CI system needs no --host', GITHUB_ONLY, request({ host: undefined }), { kind: 'github-workflow', workflowFile: 'dockyard.yml', ref: undefined, inputs: {} }],
    ['github repository_dispatch with the payload', BOTH, request({ dispatch: true, inputs: ['push=true'] }), { kind: 'github-dispatch', eventType: 'dockyard-build', clientPayload: { push: 'true' } }],
    ['gitlab maps push to DOCKYARD_PUSH', BOTH, request({ host: 'gitlab', ref: 'main', inputs: ['push=false'] }), { kind: 'gitlab-trigger', ref: 'main', variables: { DOCKYARD_PUSH: 'false' } }],
    ['gitlab with --dispatch uses the trigger token too', BOTH, request({ host: 'gitlab', dispatch: true, ref: 'main' }), { kind: 'gitlab-trigger', ref: 'main', variables: {} }],
    ['dispatch works with manual runs off', NO_MANUAL, request({ dispatch: true }), { kind: 'github-dispatch', eventType: 'dockyard-build', clientPayload: {} }],
  ])('%s', (_name, targets, req, expected) => {
    expect(planTrigger(targets, req)).toEqual(expected);
  });

  it.each([
    ['an unknown input names the known ones', BOTH, request({ inputs: ['colour=red'] }), '--input colour: unknown input; expected one of: push, got "colour"'],
    ['push must be a boolean', BOTH, request({ inputs: ['push=yes'] }), '--input push: not a boolean; expected true or false, got "yes"'],
    ['an input without =', BOTH, request({ inputs: ['push'] }), '--input: not of the form KEY=VALUE; expected e.g. push=false, got "push"'],
    ['an input given twice', BOTH, request({ inputs: ['push=true', 'push=false'] }), '--input push: given twice; expected one value, got "true" and "false"'],
    ['no inputs without manual runs', NO_MANUAL, request({ dispatch: true, inputs: ['push=true'] }), '--input push: unknown input; expected none (the config declares no manual-run inputs; set triggers.manual), got "push"'],
    ['both CI systems need --host', BOTH, request({ host: undefined }), '--host: the config renders for github and gitlab; expected --host github or --host gitlab, got nothing'],
    ['a host the config does not render for', GITHUB_ONLY, request({ host: 'gitlab' }), '--host: the config does not render for gitlab; expected one of: github, got "gitlab"'],
    ['manual off', NO_MANUAL, request({}), 'triggers.manual: manual runs are off; expected triggers.manual on (or --dispatch with triggers.dispatch), got false'],
    ['dispatch off', NO_DISPATCH, request({ dispatch: true }), '--dispatch: external triggers are off; expected triggers.dispatch.eventType in the config, got nothing'],
    ['repository_dispatch takes no ref', BOTH, request({ dispatch: true, ref: 'dev' }), '--ref: repository_dispatch always runs on the default branch; expected no --ref with --dispatch, got "dev"'],
    ['gitlab needs a ref', BOTH, request({ host: 'gitlab' }), '--ref: required on GitLab; expected the branch or tag to run the pipeline on, got nothing'],
    ['a malformed ref', BOTH, request({ ref: 'a..b' }), '--ref: not a git ref name; expected a branch or tag such as main or v1.2.0, got "a..b"'],
  ])('rejects: %s', (_name, targets, req, message) => {
    expect(() => planTrigger(targets, req)).toThrow(TriggerPlanError);
    expect(() => planTrigger(targets, req)).toThrow(message);
  });
});

describe('describeTriggerTargets', () => {
  it.each([
    ['defaults: manual on with push, no dispatch', {}, { manual: true, dispatchEventType: undefined, inputs: [PUSH_INPUT] }],
    ['manual off declares no inputs', { triggers: { manual: false } }, { manual: false, dispatchEventType: undefined, inputs: [] }],
    ['a custom workflow path gives its file name', { output: { github: '.github/workflows/image.yaml' } }, { workflowFile: 'image.yaml' }],
  ])('%s', (_name, extra, expected) => {
    const result = validateConfig({ ci: ['github', 'gitlab'], image: { name: 'acme/site' }, test: { commands: ['true'] }, ...extra });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(describeTriggerTargets(result.config)).toMatchObject({ ci: ['github', 'gitlab'], workflowFile: 'dockyard.yml', ...expected });
  });
});
