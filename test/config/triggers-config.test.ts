import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { describeTriggerTargets, PUSH_INPUT } from '../../src/model/trigger-targets.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const none = { branches: [], tags: [], pullRequests: false, schedule: [], manual: false };

function valid(patch: Record<string, unknown>) {
  const result = validateConfig({ ...base, ...patch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('trigger and concurrency configs that are rejected', () => {
  it.each([
    [
      'an empty event type',
      { triggers: { dispatch: { eventType: '' } } },
      'triggers.dispatch.eventType',
      'not a dispatch event type',
    ],
    [
      'an event type with a space',
      { triggers: { dispatch: { eventType: 'build now' } } },
      'triggers.dispatch.eventType',
      'not a dispatch event type (letters, digits, . _ -',
    ],
    [
      'an event type with a glob',
      { triggers: { dispatch: { eventType: 'build-*' } } },
      'triggers.dispatch.eventType',
      'not a dispatch event type',
    ],
    [
      'an event type starting with a dash',
      { triggers: { dispatch: { eventType: '-build' } } },
      'triggers.dispatch.eventType',
      'starting with a letter or digit',
    ],
    [
      'an event type of 101 characters',
      { triggers: { dispatch: { eventType: 'a'.repeat(101) } } },
      'triggers.dispatch.eventType',
      'too large; expected at most 100',
    ],
    [
      'dispatch as a boolean',
      { triggers: { dispatch: true } },
      'triggers.dispatch',
      'wrong type (boolean); expected an object',
    ],
    ['an unknown dispatch key', { triggers: { dispatch: { types: ['x'] } } }, 'triggers.dispatch.types', 'unknown key'],
    [
      'manual as an object of inputs',
      { triggers: { manual: { inputs: {} } } },
      'triggers.manual',
      'wrong type (object); expected a boolean',
    ],
    [
      'cancelSuperseded as a string',
      { concurrency: { cancelSuperseded: 'yes' } },
      'concurrency.cancelSuperseded',
      'wrong type (string); expected a boolean',
    ],
    [
      'an unknown concurrency key',
      { concurrency: { cancelInProgress: true } },
      'concurrency.cancelInProgress',
      'unknown key',
    ],
    ['no trigger at all', { triggers: none }, 'triggers', 'no trigger starts a pipeline'],
    [
      'the same schedule twice',
      { triggers: { schedule: [{ cron: '0 4 * * 1' }, { cron: '0  4 * * 1' }] } },
      'triggers.schedule[1].cron',
      'this schedule is listed twice',
    ],
  ])('%s', (_, patch, path, message) => {
    expectConfigIssue({ ...base, ...patch }, path, [message]);
  });
});

describe('trigger and concurrency configs that are accepted', () => {
  it.each([
    ['the defaults', {}, { manual: true, dispatch: undefined, cancelSuperseded: true }],
    [
      'dispatch with the default event type',
      { triggers: { dispatch: {} } },
      { manual: true, dispatch: { eventType: 'dockyard-build' }, cancelSuperseded: true },
    ],
    [
      'dispatch only, nothing else',
      { triggers: { ...none, dispatch: { eventType: 'rebuild.base_1' } } },
      { manual: false, dispatch: { eventType: 'rebuild.base_1' }, cancelSuperseded: true },
    ],
    [
      'an event type of 100 characters',
      { triggers: { dispatch: { eventType: 'a'.repeat(100) } } },
      { manual: true, dispatch: { eventType: 'a'.repeat(100) }, cancelSuperseded: true },
    ],
    [
      'manual only',
      { triggers: { ...none, manual: true } },
      { manual: true, dispatch: undefined, cancelSuperseded: true },
    ],
    [
      'cancellation off',
      { concurrency: { cancelSuperseded: false } },
      { manual: true, dispatch: undefined, cancelSuperseded: false },
    ],
    ['an empty concurrency object', { concurrency: {} }, { manual: true, dispatch: undefined, cancelSuperseded: true }],
  ])('%s', (_, patch, expected) => {
    const pipeline = planPipeline(valid(patch));
    expect(pipeline.triggers.manual).toBe(expected.manual);
    expect(pipeline.triggers.dispatch).toEqual(expected.dispatch);
    expect(pipeline.concurrency).toEqual({ cancelSuperseded: expected.cancelSuperseded });
  });
});

describe('describeTriggerTargets', () => {
  it.each([
    ['the defaults', {}, { workflowFile: 'dockyard.yml', manual: true, inputs: [PUSH_INPUT] }],
    [
      'dispatch and manual',
      { triggers: { dispatch: {} } },
      { workflowFile: 'dockyard.yml', manual: true, dispatchEventType: 'dockyard-build', inputs: [PUSH_INPUT] },
    ],
    [
      'dispatch only, a custom workflow path',
      {
        triggers: { ...none, dispatch: { eventType: 'nightly' } },
        output: { github: '.github/workflows/image-build.yaml' },
      },
      { workflowFile: 'image-build.yaml', manual: false, dispatchEventType: 'nightly', inputs: [PUSH_INPUT] },
    ],
    [
      'neither manual nor dispatch',
      { triggers: { manual: false } },
      { workflowFile: 'dockyard.yml', manual: false, inputs: [] },
    ],
  ])('%s', (_, patch, expected) => {
    expect(describeTriggerTargets(valid(patch))).toEqual(expected);
  });

  it('describes the push input as both CI systems render it', () => {
    expect(PUSH_INPUT).toEqual({
      name: 'push',
      type: 'boolean',
      default: true,
      description: 'Publish the image when every gate passes (only on refs that publish)',
      gitlabVariable: 'DOCKYARD_PUSH',
    });
  });
});
