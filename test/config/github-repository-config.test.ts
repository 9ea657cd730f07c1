import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const withBase = (patch: Record<string, unknown>) => ({ ...base, ...patch });

describe('config github block: rejected', () => {
  it.each([
    [
      'an unknown visibility',
      withBase({ github: { visibility: 'secret' } }),
      'github.visibility',
      ['"public"', '"private"', '"internal"', 'got "secret"'],
    ],
    [
      'an unknown plan',
      withBase({ github: { visibility: 'private', plan: 'business' } }),
      'github.plan',
      ['"free"', '"enterprise"', 'got "business"'],
    ],
    [
      'an unknown key (strict)',
      withBase({ github: { visibility: 'private', owner: 'acme' } }),
      'github.owner',
      ['unknown key "owner"', 'visibility, plan, codeScanning'],
    ],
    [
      'codeScanning that is not a boolean',
      withBase({ github: { codeScanning: 'yes' } }),
      'github.codeScanning',
      ['boolean', 'got "yes"'],
    ],
    [
      'a GitLab-only config',
      { ...base, ci: ['gitlab'], github: { visibility: 'private' } },
      'github',
      ['describes the GitHub repository, but `ci` does not list github', 'ci including "github"'],
    ],
    [
      'an internal repository outside Enterprise Cloud',
      withBase({ github: { visibility: 'internal', plan: 'team' } }),
      'github.plan',
      [
        'internal repositories exist only on GitHub Enterprise Cloud, not on plan "team"',
        'plan "enterprise"',
        'got "team"',
      ],
    ],
    [
      'an internal repository on the default plan',
      withBase({ github: { visibility: 'internal' } }),
      'github.plan',
      ['not on plan "free"', 'got "free"'],
    ],
    [
      'code scanning on a private repository on GitHub Free',
      withBase({ scan: { report: true }, github: { visibility: 'private', codeScanning: true } }),
      'github.codeScanning',
      [
        'code scanning is not available on private repositories on plan "free"',
        'GitHub Code Security',
        'Team or Enterprise Cloud',
        'got true',
      ],
    ],
    [
      'code scanning on a private repository on GitHub Pro',
      withBase({ scan: { report: true }, github: { visibility: 'private', plan: 'pro', codeScanning: true } }),
      'github.codeScanning',
      ['on plan "pro"', 'kept as an artifact'],
    ],
  ])('%s', (_, config, path, fragments) => {
    expectConfigIssue(config, path, fragments);
  });
});

describe('config github block: accepted', () => {
  it.each([
    ['no block: a public repository', {}, undefined],
    ['public, defaults', { github: {} }, { visibility: 'public', plan: 'free' }],
    ['private on Free', { github: { visibility: 'private' } }, { visibility: 'private', plan: 'free' }],
    [
      'private on Team with Code Security',
      { scan: { report: true }, github: { visibility: 'private', plan: 'team', codeScanning: true } },
      { visibility: 'private', plan: 'team', codeScanning: true },
    ],
    [
      'internal on Enterprise Cloud',
      { github: { visibility: 'internal', plan: 'enterprise' } },
      { visibility: 'internal', plan: 'enterprise' },
    ],
    [
      'public without code scanning',
      { scan: { report: true }, github: { codeScanning: false } },
      { visibility: 'public', plan: 'free', codeScanning: false },
    ],
  ])('%s', (_, patch, github) => {
    const result = validateConfig(withBase(patch));
    expect(result.ok, result.ok ? '' : result.errors.map(formatIssue).join(' / ')).toBe(true);
    if (result.ok) {
      expect(result.config.github).toEqual(github);
      expect(result.warnings).toEqual([]);
    }
  });

  it('codeScanning without scan.report is a warning: it has no effect', () => {
    const result = validateConfig(withBase({ github: { visibility: 'private', plan: 'team', codeScanning: true } }));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^github\.codeScanning: has no effect: only scan\.report uploads anything to code scanning; expected scan\.report true, or no codeScanning, got true$/,
      ),
    ]);
  });
});
