import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitlabAutoCancel, GitlabCiConfig, GitlabWorkflow } from '../../../src/targets/gitlab/gitlab-ci-types.js';
import type {
  GitlabArtifactReports,
  GitlabArtifacts,
  GitlabCache,
  GitlabEnvironment,
  GitlabJob,
  GitlabRule,
} from '../../../src/targets/gitlab/gitlab-types.js';
import { HAS_SHARED, SHARED } from '../../support/paths.js';

/*
 * The GitLab model is checked by the type checker (`tsc -p test/tsconfig.json`, part of `npm test`): each
 * `@ts-expect-error` below fails the typecheck when the line it marks stops being an error, i.e. when the model
 * accepts a misspelt keyword or a wrong shape again. The `it` blocks keep the literals from being dropped.
 */
describe('the typed GitLab model rejects', () => {
  const jobs: Array<[string, GitlabJob]> = [
    // @ts-expect-error a misspelt job keyword
    ['a misspelt keyword', { scirpt: ['true'] }],
    // @ts-expect-error `script` is a list of strings
    ['a script that is a string', { script: 'true' }],
    // @ts-expect-error `needs` entries are names or `{ job }`
    ['a need without a job', { needs: [{ artifacts: false }] }],
    // @ts-expect-error `when` is one of GitLab's values
    ['an unknown when', { rules: [{ if: '$CI', when: 'sometimes' }] }],
    // @ts-expect-error `artifacts: when` has no `manual`
    ['artifacts uploaded manually', { artifacts: { paths: ['x'], when: 'manual' } }],
    // @ts-expect-error variables are strings or `{ value, expand }`
    ['a variable object without value', { variables: { A: { expand: false } } }],
    // @ts-expect-error an image object needs `name`
    ['an image without a name', { image: { entrypoint: [''] } }],
  ];
  const configs: Array<[string, GitlabCiConfig]> = [
    // @ts-expect-error `stages` is a list
    ['stages that are a string', { stages: 'build' }],
    // @ts-expect-error `workflow: auto_cancel: on_new_commit` is one of three values
    ['an unknown auto-cancel', { workflow: { auto_cancel: { on_new_commit: 'all' } } }],
    // @ts-expect-error a job under a name is a job: a misspelt keyword in it is an error too
    ['a job with a misspelt keyword', { build: { stage: 'build', scirpt: ['true'] } }],
  ];

  it.each([...jobs, ...configs])('%s (checked by tsc)', (_, value) => {
    expect(value).toBeTypeOf('object');
  });
});

/*
 * Every keyword of the model is one GitLab's CI JSON Schema knows, where the schema puts it (`../shared/schemas/
 * gitlab-ci.json`, the file the validators use). Each list names every key of its type, once (`satisfies`: a key
 * added to the model and not here is a type error), so a keyword the schema does not have fails here.
 */
const JOB_KEYS = {
  stage: true,
  extends: true,
  needs: true,
  dependencies: true,
  image: true,
  services: true,
  id_tokens: true,
  variables: true,
  environment: true,
  before_script: true,
  script: true,
  after_script: true,
  when: true,
  allow_failure: true,
  coverage: true,
  artifacts: true,
  cache: true,
  parallel: true,
  tags: true,
  rules: true,
  interruptible: true,
  resource_group: true,
  timeout: true,
} satisfies Record<keyof GitlabJob, true>;
const ARTIFACT_KEYS = {
  paths: true,
  exclude: true,
  when: true,
  expire_in: true,
  reports: true,
  name: true,
} satisfies Record<keyof GitlabArtifacts, true>;
const REPORT_KEYS = {
  dotenv: true,
  container_scanning: true,
  cyclonedx: true,
  junit: true,
  coverage_report: true,
} satisfies Record<keyof GitlabArtifactReports, true>;
const CACHE_KEYS = { key: true, paths: true, policy: true, when: true } satisfies Record<keyof GitlabCache, true>;
const ENVIRONMENT_KEYS = { name: true, url: true, action: true } satisfies Record<keyof GitlabEnvironment, true>;
const RULE_KEYS = { if: true, when: true, allow_failure: true, variables: true } satisfies Record<
  keyof GitlabRule,
  true
>;
const WORKFLOW_KEYS = { name: true, auto_cancel: true, rules: true } satisfies Record<keyof GitlabWorkflow, true>;
const AUTO_CANCEL_KEYS = { on_new_commit: true, on_job_failure: true } satisfies Record<keyof GitlabAutoCancel, true>;
const TOP_LEVEL_KEYS = { workflow: true, variables: true, stages: true, include: true, spec: true };

type Schema = { properties?: Record<string, Schema>; definitions?: Record<string, Schema>; [key: string]: unknown };
const schema: Schema | undefined = HAS_SHARED
  ? JSON.parse(readFileSync(resolve(SHARED, 'schemas', 'gitlab-ci.json'), 'utf8'))
  : undefined;
if (!schema) console.warn(`SKIPPED: the GitLab model against GitLab's CI JSON Schema: ${SHARED}/schemas is absent.`);

describe.skipIf(!schema)("the typed GitLab model against GitLab's CI JSON Schema", () => {
  const defs = schema?.definitions ?? {};
  const propertiesOf = (node: Schema | undefined): string[] => Object.keys(node?.properties ?? {});
  it.each([
    ['job keywords', JOB_KEYS, propertiesOf(defs.job_template)],
    ['artifacts', ARTIFACT_KEYS, propertiesOf(defs.artifacts)],
    ['artifacts:reports', REPORT_KEYS, propertiesOf(defs.artifacts?.properties?.reports)],
    ['cache', CACHE_KEYS, propertiesOf(defs.cache_item)],
    ['environment', ENVIRONMENT_KEYS, propertiesOf((defs.job_template?.properties?.environment?.oneOf as Schema[])[1])],
    ['rules', RULE_KEYS, propertiesOf(((defs.rules?.items as Schema | undefined)?.anyOf as Schema[] | undefined)?.[0])],
    ['workflow', WORKFLOW_KEYS, propertiesOf(schema?.properties?.workflow)],
    ['workflow:auto_cancel', AUTO_CANCEL_KEYS, propertiesOf(defs.workflowAutoCancel)],
    ['global keywords', TOP_LEVEL_KEYS, propertiesOf(schema)],
  ])('%s', (_, keys, known) => {
    expect(known.length, 'the schema lists the keywords').toBeGreaterThan(0);
    expect(Object.keys(keys).filter((key) => !known.includes(key))).toEqual([]);
  });
});
