import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const sha = '0123456789abcdef0123456789abcdef01234567';

describe('reusable output configs that are rejected', () => {
  it.each([
    ['an unknown output mode', { mode: 'component' }, 'output.mode', '"workflow", "reusable"'],
    [
      'a GitHub central ref that is a branch',
      { mode: 'reusable', reusable: { github: { repository: 'acme/ci', ref: 'main' } } },
      'output.reusable.github.ref',
      'not pinned',
    ],
    [
      'a GitHub central ref that is a moving major tag',
      { mode: 'reusable', reusable: { github: { repository: 'acme/ci', ref: 'v1' } } },
      'output.reusable.github.ref',
      'not pinned',
    ],
    [
      'a GitHub central ref that is a short SHA',
      { mode: 'reusable', reusable: { github: { repository: 'acme/ci', ref: sha.slice(0, 7) } } },
      'output.reusable.github.ref',
      'not pinned',
    ],
    [
      'a GitHub central repository without an ref',
      { mode: 'reusable', reusable: { github: { repository: 'acme/ci' } } },
      'output.reusable.github.ref',
      'required value is missing',
    ],
    [
      'a GitHub central repository that is not owner/repo',
      { mode: 'reusable', reusable: { github: { repository: 'acme', ref: 'v1.0.0' } } },
      'output.reusable.github.repository',
      'not an owner/repo name',
    ],
    [
      'a GitLab component version ~latest',
      { mode: 'reusable', reusable: { gitlab: { project: 'acme/ci', version: '~latest' } } },
      'output.reusable.gitlab.version',
      'not pinned',
    ],
    [
      'a partial GitLab component version',
      { mode: 'reusable', reusable: { gitlab: { project: 'acme/ci', version: '1.2' } } },
      'output.reusable.gitlab.version',
      'not pinned',
    ],
    [
      'a GitLab project without a group',
      { mode: 'reusable', reusable: { gitlab: { project: 'ci', version: '1.2.0' } } },
      'output.reusable.gitlab.project',
      'not a group/project path',
    ],
    [
      'a name with uppercase and underscores',
      { mode: 'reusable', reusable: { name: 'My_Image' } },
      'output.reusable.name',
      'not a component name',
    ],
    [
      'an unknown key in reusable',
      { mode: 'reusable', reusable: { inputs: {} } },
      'output.reusable.inputs',
      'unknown key',
    ],
    [
      'reusable settings without mode reusable',
      { reusable: { name: 'image' } },
      'output.reusable',
      'reusable settings apply only to output mode "reusable"',
    ],
    [
      'a caller outside .github/workflows',
      { mode: 'reusable', github: 'ci/image.yml' },
      'output.github',
      'must be directly in .github/workflows/',
    ],
    [
      'a reusable workflow named like its caller',
      { mode: 'reusable', github: '.github/workflows/image.yml', reusable: { name: 'image' } },
      'output.reusable.name',
      'would overwrite the caller',
    ],
    [
      'a GitLab caller inside templates/',
      { mode: 'reusable', gitlab: 'templates/ci.yml' },
      'output.gitlab',
      'must not be inside templates/',
    ],
  ])('%s', (_, output, path, message) => {
    expectConfigIssue({ ...base, output }, path, [message]);
  });
});

describe('reusable output configs that are accepted', () => {
  it.each([
    ['mode reusable with defaults', { mode: 'reusable' }],
    [
      'a GitHub ref pinned by SHA and a GitLab version pinned by SHA',
      {
        mode: 'reusable',
        reusable: { github: { repository: 'acme/ci', ref: sha }, gitlab: { project: 'acme/ci', version: sha } },
      },
    ],
    [
      'exact release tags',
      {
        mode: 'reusable',
        reusable: {
          github: { repository: 'acme/ci', ref: 'v2.0.1' },
          gitlab: { project: 'acme/sub/ci', version: '2.0.1' },
        },
      },
    ],
    ['the default workflow mode', { mode: 'workflow' }],
  ])('%s', (_, output) => {
    const result = validateConfig({ ...base, output });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
