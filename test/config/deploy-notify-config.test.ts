import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const withBase = (patch: Record<string, unknown>) => ({ ...base, ...patch });
const PR_ONLY = { branches: [], tags: [], pullRequests: true, schedule: [], manual: false };
const env = (name: string, extra: Record<string, unknown> = {}) => ({ name, command: './deploy.sh', ...extra });
const SLACK = { slack: { webhook: 'SLACK_WEBHOOK_URL' } };

const BAD: Array<{ name: string; config: unknown; path: string; contains: string[] }> = [
  {
    name: 'deploy when only pull/merge requests run',
    config: withBase({ deploy: { environments: [env('staging')] }, triggers: PR_ONLY }),
    path: 'deploy',
    contains: [
      'deploy needs published images, but no trigger publishes',
      'triggers.branches, triggers.tags, triggers.schedule or triggers.manual',
    ],
  },
  {
    name: 'notify when only pull/merge requests run',
    config: withBase({ notify: SLACK, triggers: PR_ONLY }),
    path: 'notify',
    contains: ['notify runs on publishing pipelines only, but no trigger publishes'],
  },
  {
    name: 'notify without slack or teams',
    config: withBase({ notify: { on: ['failure'] } }),
    path: 'notify',
    contains: ['notify has nowhere to send', 'notify.slack and/or notify.teams'],
  },
  {
    name: 'duplicate environment names',
    config: withBase({ deploy: { environments: [env('staging'), env('production'), env('Staging')] } }),
    path: 'deploy.environments[2].name',
    contains: [
      'environment "Staging" is listed twice (also deploy.environments[0]',
      'a name used once',
      'got "Staging"',
    ],
  },
  {
    name: 'no environments',
    config: withBase({ deploy: { environments: [] } }),
    path: 'deploy.environments',
    contains: ['got []'],
  },
  {
    name: 'environment name with a space',
    config: withBase({ deploy: { environments: [env('eu west')] } }),
    path: 'deploy.environments[0].name',
    contains: ['not an environment name'],
  },
  {
    name: 'environment without a command',
    config: withBase({ deploy: { environments: [{ name: 'staging' }] } }),
    path: 'deploy.environments[0].command',
    contains: ['expected'],
  },
  {
    name: 'environment URL that is not a URL',
    config: withBase({ deploy: { environments: [env('staging', { url: 'staging.example' })] } }),
    path: 'deploy.environments[0].url',
    contains: ['got "staging.example"'],
  },
  {
    name: 'unknown environment key',
    config: withBase({ deploy: { environments: [env('staging', { reviewers: ['alice'] })] } }),
    path: 'deploy.environments[0].reviewers',
    contains: ['unknown key "reviewers"'],
  },
  {
    name: 'secret name with a dash',
    config: withBase({ deploy: { environments: [env('staging', { secrets: ['KUBE-CONFIG'] })] } }),
    path: 'deploy.environments[0].secrets[0]',
    contains: ['not a secret name'],
  },
  {
    name: 'secret named like a dockyard variable',
    config: withBase({ deploy: { environments: [env('staging', { secrets: ['DOCKYARD_DIGEST'] })] } }),
    path: 'deploy.environments[0].secrets[0]',
    contains: ['reserved for dockyard', 'got "DOCKYARD_DIGEST"'],
  },
  {
    name: 'GITHUB_ secret on GitHub',
    config: withBase({ notify: { slack: { webhook: 'GITHUB_SLACK_URL' } } }),
    path: 'notify.slack.webhook',
    contains: ['not supported on GitHub: secret names cannot start with GITHUB_'],
  },
  {
    name: 'unknown notify event',
    config: withBase({ notify: { on: ['always'], ...SLACK } }),
    path: 'notify.on[0]',
    contains: ['"failure", "success"'],
  },
  {
    name: 'notify event twice',
    config: withBase({ notify: { on: ['failure', 'failure'], ...SLACK } }),
    path: 'notify.on',
    contains: ['lists an event twice'],
  },
  {
    name: 'webhook given as a URL',
    config: withBase({ notify: { teams: { webhook: 'https://example.webhook.office.com/x' } } }),
    path: 'notify.teams.webhook',
    contains: ['not a secret name'],
  },
  {
    name: 'unknown notify key',
    config: withBase({ notify: { ...SLACK, email: 'ops@acme.example' } }),
    path: 'notify.email',
    contains: ['unknown key "email"'],
  },
];

describe('deploy and notify: rejected combinations', () => {
  it.each(BAD)('$name', ({ config, path, contains }) => {
    expectConfigIssue(config, path, contains);
  });
});

describe('deploy and notify: accepted configs and defaults', () => {
  it.each([
    [
      'GITHUB_ secret on GitLab only',
      { ci: ['gitlab'], deploy: { environments: [env('staging', { secrets: ['GITHUB_TOKEN_FOR_DEPLOY'] })] } },
    ],
    ['production first, with approval', { deploy: { environments: [env('production', { approval: true })] } }],
    ['teams only on success', { notify: { on: ['success'], teams: { webhook: 'TEAMS_WEBHOOK_URL' } } }],
    [
      'deploy on manual runs only',
      { deploy: { environments: [env('staging')] }, triggers: { ...PR_ONLY, manual: true } },
    ],
  ])('%s', (_, patch) => {
    const result = validateConfig(withBase(patch));
    expect(result.ok, result.ok ? '' : result.errors.map(formatIssue).join(' / ')).toBe(true);
  });

  it('applies the documented defaults', () => {
    const result = validateConfig(withBase({ deploy: { environments: [env('staging')] }, notify: SLACK }));
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join(' / '));
    expect(result.config.deploy).toEqual({
      environments: [{ name: 'staging', command: './deploy.sh', approval: false, secrets: [] }],
    });
    expect(result.config.notify).toEqual({ on: ['failure'], slack: { webhook: 'SLACK_WEBHOOK_URL' } });
  });
});
