import { describe, expect, it } from 'vitest';
import { globToGitlabRegex } from '../../../src/targets/gitlab/gitlab-refs.js';

describe('globToGitlabRegex', () => {
  it.each([
    ['main', ['main'], ['main2', 'xmain']],
    ['release/*', ['release/1.0', 'release/x'], ['release/1/2', 'release']],
    ['release/**', ['release/1.0', 'release/a/b'], ['releases/a']],
    ['v*', ['v1', 'v1.2.3', 'v'], ['1.2', 'v1/2']],
    // GitHub's semantics on GitLab too: `?` zero or one, `+` one or more of the preceding character.
    ['v?.*', ['v.2', '.x'], ['v1.2', 'v10.2']],
    ['v1+.*', ['v1.0', 'v11.0'], ['v.0', 'v2.0']],
    ['**/rc', ['rc', 'a/b/rc'], ['xrc']],
    ['v*.*.*', ['v1.2.3'], ['v1.2']],
  ])('%s', (glob, matching, notMatching) => {
    const source = globToGitlabRegex(glob);
    expect(source).not.toMatch(/(^|[^\\])\//); // GitLab regex literals need every / escaped
    const regex = new RegExp(source);
    for (const ref of matching) expect(ref, `${glob} ~ ${ref}`).toMatch(regex);
    for (const ref of notMatching) expect(ref, `${glob} !~ ${ref}`).not.toMatch(regex);
  });
});
