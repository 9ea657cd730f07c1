import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  GithubJob,
  GithubPermissionScope,
  GithubStep,
  GithubTriggers,
  GithubWorkflow,
} from '../../../src/targets/github/github-types.js';
import { HAS_SHARED, SHARED } from '../../support/paths.js';

/*
 * The GitHub model is checked by the type checker (`tsc -p test/tsconfig.json`, part of `npm test`): each
 * `@ts-expect-error` below fails the typecheck when the line it marks stops being an error, i.e. when the model
 * accepts a misspelt keyword or a wrong shape again. The `it` blocks keep the literals from being dropped.
 */
const JOB = { name: 'x', 'runs-on': 'ubuntu-24.04', 'timeout-minutes': 5, steps: [] };

describe('the typed GitHub model rejects', () => {
  const steps: Array<[string, GithubStep]> = [
    // @ts-expect-error a misspelt step keyword
    ['a misspelt step keyword', { name: 'x', runs: 'true' }],
    // @ts-expect-error `env` values are strings
    ['an env value that is a number', { name: 'x', run: 'true', env: { A: 1 } }],
  ];
  const jobs: Array<[string, GithubJob]> = [
    // @ts-expect-error a misspelt permission scope
    ['a misspelt permission scope', { ...JOB, permissions: { package: 'write' } }],
    // @ts-expect-error permission levels are read, write and none
    ['an unknown permission level', { ...JOB, permissions: { contents: 'admin' } }],
    // @ts-expect-error `needs` is a list
    ['needs that are a string', { ...JOB, permissions: {}, needs: 'build' }],
  ];
  const workflows: Array<[string, GithubWorkflow]> = [
    // @ts-expect-error a misspelt event
    ['a misspelt event', { name: 'x', on: { pull_requests: {} }, permissions: {}, jobs: {} }],
    // @ts-expect-error schedules are `{ cron }` entries
    ['a schedule that is a string', { name: 'x', on: { schedule: '0 3 * * *' }, permissions: {}, jobs: {} }],
  ];

  it.each([...steps, ...jobs, ...workflows])('%s (checked by tsc)', (_, value) => {
    expect(value).toBeTypeOf('object');
  });
});

/*
 * Every keyword of the model is one SchemaStore's workflow schema knows, where the schema puts it
 * (`../shared/schemas/github-workflow.json`, the file the validators use). Each list names every key of its type,
 * once (`satisfies`: a key added to the model and not here is a type error), so a keyword the schema does not have
 * fails here.
 */
const STEP_KEYS = {
  name: true,
  id: true,
  if: true,
  uses: true,
  run: true,
  shell: true,
  'working-directory': true,
  'continue-on-error': true,
  with: true,
  env: true,
} satisfies Record<keyof GithubStep, true>;
const JOB_KEYS = {
  name: true,
  needs: true,
  if: true,
  'runs-on': true,
  environment: true,
  container: true,
  permissions: true,
  concurrency: true,
  strategy: true,
  'timeout-minutes': true,
  outputs: true,
  steps: true,
} satisfies Record<keyof GithubJob, true>;
const SCOPES = {
  actions: true,
  attestations: true,
  checks: true,
  contents: true,
  deployments: true,
  discussions: true,
  'id-token': true,
  issues: true,
  packages: true,
  pages: true,
  'pull-requests': true,
  'security-events': true,
  statuses: true,
} satisfies Record<GithubPermissionScope, true>;
const EVENTS = {
  push: true,
  pull_request: true,
  schedule: true,
  workflow_dispatch: true,
  repository_dispatch: true,
} satisfies Record<keyof GithubTriggers, true>;
const WORKFLOW_KEYS = {
  name: true,
  on: true,
  permissions: true,
  concurrency: true,
  jobs: true,
} satisfies Record<keyof GithubWorkflow, true>;

type Schema = { properties?: Record<string, Schema>; definitions?: Record<string, Schema>; [key: string]: unknown };
const schema: Schema | undefined = HAS_SHARED
  ? JSON.parse(readFileSync(resolve(SHARED, 'schemas', 'github-workflow.json'), 'utf8'))
  : undefined;
if (!schema)
  console.warn(`SKIPPED: the GitHub model against SchemaStore's workflow schema: ${SHARED}/schemas is absent.`);

describe.skipIf(!schema)("the typed GitHub model against SchemaStore's workflow schema", () => {
  const defs = schema?.definitions ?? {};
  const propertiesOf = (node: Schema | undefined): string[] => Object.keys(node?.properties ?? {});
  const on = (schema?.properties?.on?.oneOf as Schema[] | undefined)?.find((o) => o.type === 'object');
  it.each([
    ['step keywords', STEP_KEYS, propertiesOf(defs.step)],
    ['job keywords', JOB_KEYS, propertiesOf(defs.normalJob)],
    ['permission scopes', SCOPES, propertiesOf(defs['permissions-event'])],
    ['events', EVENTS, propertiesOf(on)],
    ['workflow keywords', WORKFLOW_KEYS, propertiesOf(schema)],
  ])('%s', (_, keys, known) => {
    expect(known.length, 'the schema lists the keywords').toBeGreaterThan(0);
    expect(Object.keys(keys).filter((key) => !known.includes(key))).toEqual([]);
  });
});
