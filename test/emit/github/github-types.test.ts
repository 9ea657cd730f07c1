import { describe, expect, it } from 'vitest';
import type { GithubJob, GithubStep, GithubWorkflow } from '../../../src/emit/github/github-types.js';

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
