import { describe, expect, it } from 'vitest';
import type { GitlabCiConfig } from '../../../src/emit/gitlab/gitlab-ci-types.js';
import type { GitlabJob } from '../../../src/emit/gitlab/gitlab-types.js';

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
