/**
 * The config rules each target owns (`CiTarget.checkConfig`), through `validateConfig`: a rule fires only when its CI
 * system is in `ci`, with the message that names the target.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';

const BASE = { image: { name: 'acme/api' }, test: { commands: ['npm test'] } };

interface Row {
  readonly name: string;
  readonly config: Record<string, unknown>;
  /** [path, problem pattern] of the one error expected; undefined: valid. */
  readonly error?: readonly [string, RegExp];
}

const ROWS: readonly Row[] = [
  {
    name: 'GitLab: reusable caller inside templates/',
    config: { ci: ['gitlab'], output: { mode: 'reusable', gitlab: 'templates/ci.yml' } },
    error: [
      'output.gitlab',
      /^the caller must not be inside templates\/: every file there is published as a component$/,
    ],
  },
  {
    name: 'GitHub only: a caller inside templates/ is no GitLab rule',
    config: { ci: ['github'], output: { mode: 'reusable', gitlab: 'templates/ci.yml' } },
  },
  {
    name: 'GitLab: Docker Hub first with the registry cache',
    config: {
      ci: ['gitlab'],
      cache: 'registry',
      registries: [{ type: 'dockerhub', credentials: { username: 'U', password: 'P' } }],
    },
    error: ['cache', /^cache mode "registry" with Docker Hub as the first registry is not supported on GitLab/],
  },
  {
    name: 'GitHub: a GitLab registry without host and repository',
    config: { ci: ['github'], registries: [{ type: 'gitlab', credentials: { username: 'U', password: 'P' } }] },
    error: ['registries[0]', /^the GitLab registry needs host, repository and credentials on GitHub/],
  },
  {
    name: 'GitLab: the same registry uses CI_REGISTRY_*',
    config: { ci: ['gitlab'], registries: [{ type: 'gitlab' }] },
  },
  {
    name: 'GitHub: a secret named GITHUB_*',
    config: {
      ci: ['github'],
      deploy: { environments: [{ name: 'prod', command: 'deploy', secrets: ['GITHUB_PAT'] }] },
    },
    error: ['deploy.environments[0].secrets[0]', /^not supported on GitHub: secret names cannot start with GITHUB_$/],
  },
  {
    name: 'GitLab: GITHUB_* is an ordinary variable name',
    config: {
      ci: ['gitlab'],
      deploy: { environments: [{ name: 'prod', command: 'deploy', secrets: ['GITHUB_PAT'] }] },
    },
  },
  {
    name: 'GitLab: cache "gha"',
    config: { ci: ['github', 'gitlab'], cache: 'gha' },
    error: [
      'cache',
      /^cache mode "gha" is not supported on GitLab: the GitHub Actions cache service exists only on GitHub/,
    ],
  },
];

describe('config rules of the targets', () => {
  it.each(ROWS)('$name', ({ config, error }) => {
    const result = validateConfig({ ...BASE, ...config });
    if (error === undefined) {
      expect(result.ok ? [] : result.errors).toEqual([]);
      return;
    }
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.path)).toEqual([error[0]]);
    expect(errors[0]!.problem).toMatch(error[1]);
  });
});
