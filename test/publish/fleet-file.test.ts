import { describe, expect, it } from 'vitest';
import { FleetFileError, parseFleetFile } from '../../src/publish/fleet-file.js';

describe('parseFleetFile', () => {
  it('reads GitHub (default) and GitLab entries, bases, comments and blank lines', () => {
    const text =
      '# platform fleet\n\nacme/api\ngithub:acme/web.site base=develop   # the site\r\ngitlab:acme/platform/worker.git\n  gitlab:Acme_Group/sub.group/proj-1 base=release/2.x\n';
    expect(parseFleetFile(text, 'repos.txt')).toEqual([
      { platform: 'github', path: 'acme/api', id: 'github:acme/api', line: 3 },
      { platform: 'github', path: 'acme/web.site', id: 'github:acme/web.site', line: 4, base: 'develop' },
      { platform: 'gitlab', path: 'acme/platform/worker', id: 'gitlab:acme/platform/worker', line: 5 },
      {
        platform: 'gitlab',
        path: 'Acme_Group/sub.group/proj-1',
        id: 'gitlab:Acme_Group/sub.group/proj-1',
        line: 6,
        base: 'release/2.x',
      },
    ]);
  });

  it.each([
    ['acme', 'fleet.txt:1: expected [github:]OWNER/REPO or gitlab:GROUP/PROJECT [base=BRANCH], got "acme"'],
    [
      'acme/api/extra',
      'fleet.txt:1: expected [github:]OWNER/REPO or gitlab:GROUP/PROJECT [base=BRANCH], got "acme/api/extra"',
    ],
    [
      'bitbucket:acme/api',
      'fleet.txt:1: expected [github:]OWNER/REPO or gitlab:GROUP/PROJECT [base=BRANCH], got "bitbucket:acme/api"',
    ],
    ['gitlab:lonely', 'fleet.txt:1: expected gitlab:GROUP/PROJECT [base=BRANCH], got "gitlab:lonely"'],
    ['acme/api branch=main', 'fleet.txt:1: expected base=BRANCH after the repository, got "branch=main"'],
    ['acme/api base=a~b', 'fleet.txt:1: expected base=BRANCH after the repository, got "base=a~b"'],
    ['acme/api\nACME/API', 'fleet.txt:2: github:ACME/API is listed twice (first on line 1)'],
    ['\n# only comments\n', 'fleet.txt: expected at least one repository (OWNER/REPO per line), got none'],
  ])('%j → %s', (text, message) => {
    expect(() => parseFleetFile(text, 'fleet.txt')).toThrow(new FleetFileError(message));
  });
});
