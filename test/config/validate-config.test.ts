import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';

const base = { ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const withBase = (patch: Record<string, unknown>) => ({ ...base, ...patch });

interface BadCase {
  name: string;
  config: unknown;
  /** Path of the (first) error. */
  path: string;
  /** Fragments the formatted error must contain: problem, expected and got. */
  contains: string[];
}

const BAD: BadCase[] = [
  {
    name: 'wrong platform string',
    config: withBase({ platforms: ['linux/amd65'] }),
    path: 'platforms[0]',
    contains: ['unknown value', '"linux/amd64"', 'got "linux/amd65"'],
  },
  {
    name: 'unknown cache mode',
    config: withBase({ cache: 's3' }),
    path: 'cache',
    contains: ['unknown value', '"registry"', 'got "s3"'],
  },
  {
    name: 'tag line with an unknown type',
    config: withBase({ tags: ['type=semvr,pattern={{version}}'] }),
    path: 'tags[0]',
    contains: ['unknown tag type "semvr"', 'one of schedule, semver', 'got "type=semvr'],
  },
  {
    name: 'semver line without pattern',
    config: withBase({ tags: ['type=semver'] }),
    path: 'tags[0]',
    contains: ['type=semver needs the "pattern" attribute'],
  },
  {
    name: 'ref line with a bad event',
    config: withBase({ tags: ['type=ref,event=commit'] }),
    path: 'tags[0]',
    contains: ['unknown ref event "commit"', 'event=branch|tag|pr'],
  },
  {
    name: 'tag line with an unknown attribute',
    config: withBase({ tags: ['type=sha,length=7'] }),
    path: 'tags[0]',
    contains: ['unknown attribute "length" for type=sha', 'one of format'],
  },
  {
    name: 'typed tag object with an unknown type',
    config: withBase({ tags: [{ type: 'version' }] }),
    path: 'tags[0].type',
    contains: ['unknown type', '"semver"'],
  },
  {
    name: 'missing image name',
    config: { ci: ['github'], image: {}, test: { commands: ['true'] } },
    path: 'image.name',
    contains: ['required value is missing', 'expected a string', 'got nothing'],
  },
  {
    name: 'image name with upper case',
    config: withBase({ image: { name: 'Acme/API' } }),
    path: 'image.name',
    contains: ['not a valid image repository path', 'got "Acme/API"'],
  },
  {
    name: 'duplicate registries',
    config: withBase({ registries: [{ type: 'ghcr' }, { type: 'ghcr' }] }),
    path: 'registries[1]',
    contains: ['duplicate registry ghcr.io/*', 'each registry and repository once'],
  },
  {
    name: 'duplicate platforms',
    config: withBase({ platforms: ['linux/amd64', { platform: 'linux/amd64' }] }),
    path: 'platforms[1]',
    contains: ['duplicate platform linux/amd64'],
  },
  {
    name: 'unknown top-level key',
    config: withBase({ platform: ['linux/amd64'] }),
    path: 'platform',
    contains: ['unknown key "platform"', 'one of the keys', 'platforms'],
  },
  {
    name: 'unknown nested key',
    config: withBase({ image: { name: 'acme/api', dockerFile: 'x' } }),
    path: 'image.dockerFile',
    contains: ['unknown key "dockerFile"', 'dockerfile'],
  },
  {
    name: 'unknown registry type',
    config: withBase({ registries: [{ type: 'quay' }] }),
    path: 'registries[0].type',
    contains: ['unknown type', '"ghcr", "dockerhub", "gitlab", "generic"', 'got "quay"'],
  },
  {
    name: 'GitLab registry host in upper case',
    config: withBase({ ci: ['gitlab'], registries: [{ type: 'gitlab', host: 'Registry.GitLab.com' }] }),
    path: 'registries[0].host',
    contains: ['not a registry host (host[:port], lower case)', 'got "Registry.GitLab.com"'],
  },
  {
    name: 'Docker Hub first with the registry cache on GitLab',
    config: withBase({ ci: ['gitlab'], registries: [{ type: 'dockerhub', repository: 'acme/api' }] }),
    path: 'cache',
    contains: [
      'not supported on GitLab',
      'acme/api/buildcache-<platform>',
      'Docker Hub has no nested repositories',
      'expected cache "local" or "none", or a first registry other than Docker Hub',
      'got "registry"',
    ],
  },
  {
    name: 'generic registry without host',
    config: withBase({ registries: [{ type: 'generic', credentials: { username: 'U', password: 'P' } }] }),
    path: 'registries[0].host',
    contains: ['required value is missing'],
  },
  {
    name: 'unknown CI system',
    config: withBase({ ci: ['jenkins'] }),
    path: 'ci[0]',
    contains: ['unknown value', '"github", "gitlab"', 'got "jenkins"'],
  },
  { name: 'empty ci list', config: withBase({ ci: [] }), path: 'ci', contains: ['needs at least 1 item(s)'] },
  {
    name: 'missing test',
    config: { ci: ['github'], image: { name: 'acme/api' } },
    path: 'test',
    contains: ['required value is missing'],
  },
  {
    name: 'test target without image.target',
    config: withBase({ test: { target: 'test' } }),
    path: 'image.target',
    contains: ['a test target needs the production stage named'],
  },
  {
    name: 'test target equal to production stage',
    config: withBase({ image: { name: 'a/b', target: 'prod' }, test: { target: 'prod' } }),
    path: 'test.target',
    contains: ['must differ from the production stage'],
  },
  {
    name: 'gha cache on GitLab',
    config: withBase({ ci: ['gitlab'], cache: 'gha' }),
    path: 'cache',
    contains: ['cache mode "gha" is not supported on GitLab'],
  },
  {
    name: 'inline cache on GitLab',
    config: withBase({ ci: ['github', 'gitlab'], cache: 'inline' }),
    path: 'cache',
    contains: ['not supported on GitLab', 'or a mode per CI system (cache: { github: "inline", gitlab: "registry" })'],
  },
  {
    name: 'gha cache on GitLab in the per-CI form',
    config: withBase({ ci: ['github', 'gitlab'], cache: { github: 'gha', gitlab: 'gha' } }),
    path: 'cache.gitlab',
    contains: ['cache mode "gha" is not supported on GitLab', 'expected "registry", "local" or "none"', 'got "gha"'],
  },
  {
    name: 'a CI system the per-CI cache does not know',
    config: withBase({ cache: { github: 'gha', circleci: 'local' } }),
    path: 'cache.circleci',
    contains: ['unknown key "circleci"', 'expected one of the keys github, gitlab'],
  },
  {
    name: 'an unknown mode in the per-CI cache',
    config: withBase({ cache: { gitlab: 's3' } }),
    path: 'cache.gitlab',
    contains: ['unknown value', 'got "s3"'],
  },
  {
    name: 'ghcr without credentials on GitLab',
    config: withBase({ ci: ['gitlab'], registries: [{ type: 'ghcr' }] }),
    path: 'registries[0]',
    contains: ['GITHUB_TOKEN is not supported on GitLab'],
  },
  {
    name: 'GitLab registry on GitHub without host',
    config: withBase({ registries: [{ type: 'gitlab' }] }),
    path: 'registries[0]',
    contains: ['CI_REGISTRY_* variables are not supported on GitHub'],
  },
  {
    name: 'unknown expression in a tag pattern',
    config: withBase({ tags: ['type=raw,value={{brnach}}-x'] }),
    path: 'tags[0]',
    contains: ['brnach'],
  },
  {
    name: 'unknown time zone in a date expression',
    config: withBase({ tags: ["type=schedule,pattern={{date 'YYYYMMDD' tz='Mars/Olympus'}}"] }),
    path: 'tags[0]',
    contains: ['Mars/Olympus'],
  },
  {
    name: 'label line without =',
    config: withBase({ labels: ['maintainer'] }),
    path: 'labels[0]',
    contains: ['not a key=value line'],
  },
  {
    name: 'bad expression in a label',
    config: withBase({ labels: ['org.opencontainers.image.vendor={{vendor}}'] }),
    path: 'labels[0]',
    contains: ['vendor'],
  },
  {
    name: 'native strategy without a runner for a platform with no hosted runner',
    config: withBase({
      ci: ['github', 'gitlab'],
      platforms: [{ platform: 'linux/arm/v6', strategy: 'native', runner: { gitlab: 'armv6' } }],
    }),
    path: 'platforms[0].runner.github',
    contains: ['strategy "native" needs a GitHub runner for linux/arm/v6'],
  },
  {
    name: 'unknown build strategy',
    config: withBase({ platforms: [{ platform: 'linux/arm64', strategy: 'emulate' }] }),
    path: 'platforms[0].strategy',
    contains: ['unknown value', '"qemu"'],
  },
  {
    name: 'test platform that is not built',
    config: withBase({ test: { commands: ['true'], platforms: ['linux/arm64'] } }),
    path: 'test.platforms[0]',
    contains: ['linux/arm64 is not built', 'linux/amd64'],
  },
  {
    name: 'secret name with a dash',
    config: withBase({ image: { name: 'a/b', secrets: [{ id: 'npm', env: 'NPM-TOKEN' }] } }),
    path: 'image.secrets[0].env',
    contains: ['not a valid secret/variable name', 'got "NPM-TOKEN"'],
  },
  {
    name: 'duplicate secret ids',
    config: withBase({
      image: {
        name: 'a/b',
        secrets: [
          { id: 'npm', env: 'A' },
          { id: 'npm', env: 'B' },
        ],
      },
    }),
    path: 'image.secrets[1].id',
    contains: ['duplicate secret id "npm"'],
  },
  {
    name: 'bad cron',
    config: withBase({ triggers: { schedule: [{ cron: 'every day' }] } }),
    path: 'triggers.schedule[0].cron',
    contains: ['not a valid cron expression: has 2 field(s), not 5', 'got "every day"'],
  },
  {
    name: 'branch pattern with a character class',
    config: withBase({ triggers: { branches: ['[ab]*'] } }),
    path: 'triggers.branches[0]',
    contains: ['unsupported ref pattern'],
  },
  {
    name: 'severity in lower case',
    config: withBase({ scan: { severities: ['high'] } }),
    path: 'scan.severities[0]',
    contains: ['unknown value', '"HIGH"', 'got "high"'],
  },
  {
    name: 'unknown handoff mode',
    config: withBase({ handoff: 'registri' }),
    path: 'handoff',
    contains: ['unknown value', '"artifact", "registry"', 'got "registri"'],
  },
  {
    name: 'unknown handoff mode in the object form',
    config: withBase({ handoff: { mode: 'cache' } }),
    path: 'handoff.mode',
    contains: ['unknown value', '"registry"', 'got "cache"'],
  },
  {
    name: 'unknown key in the handoff object',
    config: withBase({ handoff: { mode: 'registry', stagingRepository: 'acme/x' } }),
    path: 'handoff.stagingRepository',
    contains: ['unknown key "stagingRepository"', 'mode, staging'],
  },
  {
    name: 'staging repository with handoff mode artifact',
    config: withBase({ handoff: { mode: 'artifact', staging: { repository: 'acme/api-staging' } } }),
    path: 'handoff.staging',
    contains: [
      'a staging repository is used only by handoff mode "registry"',
      'expected mode "registry", or no staging',
      'got {"repository":"acme/api-staging"}',
    ],
  },
  {
    name: 'registry handoff to Docker Hub without a staging repository',
    config: withBase({ registries: [{ type: 'dockerhub' }], handoff: 'registry' }),
    path: 'handoff.staging.repository',
    contains: [
      'Docker Hub has no nested repositories',
      'acme/api/staging cannot exist',
      'e.g. "acme/api-staging"',
      'got nothing',
    ],
  },
  {
    name: 'staging repository equal to a published repository',
    config: withBase({
      registries: [{ type: 'ghcr', repository: 'acme/web' }],
      handoff: { mode: 'registry', staging: { repository: 'acme/web' } },
    }),
    path: 'handoff.staging.repository',
    contains: ['must not be a repository the image is published to (acme/web)', 'got "acme/web"'],
  },
  {
    name: 'staging repository equal to the default GitHub repository',
    config: withBase({ handoff: { mode: 'registry', staging: { repository: 'acme/api' } } }),
    path: 'handoff.staging.repository',
    contains: ['must not be a repository the image is published to (acme/api)'],
  },
  {
    name: 'staging repository with upper case',
    config: withBase({ handoff: { mode: 'registry', staging: { repository: 'Acme/Staging' } } }),
    path: 'handoff.staging.repository',
    contains: ['not a valid image repository path', 'got "Acme/Staging"'],
  },
  {
    name: 'config is not an object',
    config: ['ci'],
    path: '(root)',
    contains: ['wrong type (array)', 'expected an object'],
  },
];

describe('validateConfig: bad configs', () => {
  it.each(BAD)('$name', ({ config, path, contains }) => {
    const result = validateConfig(config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.errors.find((e) => e.path === path);
    expect(issue, `an error at ${path}; got ${result.errors.map(formatIssue).join(' / ')}`).toBeDefined();
    const text = formatIssue(issue!);
    expect(text.startsWith(`${path}: `)).toBe(true);
    expect(text).toMatch(/; expected .+, got .+/);
    for (const fragment of contains) expect(text).toContain(fragment);
  });
});

describe('validateConfig: good configs', () => {
  it('applies the documented defaults', () => {
    const result = validateConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.platforms).toEqual(['linux/amd64']);
    expect(result.config.cache).toBe('registry');
    expect(result.config.handoff).toBe('artifact');
    expect(result.config.image.context).toBe('.');
    expect(result.config.triggers).toEqual({
      branches: ['main'],
      tags: ['v*'],
      pullRequests: true,
      schedule: [],
      manual: true,
      paths: [],
    });
    expect(result.config.scan).toEqual({
      scanner: 'trivy',
      severities: ['CRITICAL', 'HIGH'],
      ignoreUnfixed: false,
      report: false,
    });
    expect(result.config.flavor).toEqual({ latest: 'auto', prefix: '', suffix: '', onlatest: false });
    expect(result.config.tags).toEqual([
      'type=schedule',
      'type=ref,event=branch',
      'type=ref,event=tag',
      'type=ref,event=pr',
    ]);
    expect(result.config.output).toEqual({
      github: '.github/workflows/dockyard.yml',
      gitlab: '.gitlab-ci.yml',
      mode: 'workflow',
    });
  });

  it.each([
    ['a mode string', 'registry', {}],
    ['a mode string on GitLab', 'registry', { ci: ['gitlab'] }],
    ['the object form', { mode: 'registry' }, { registries: [{ type: 'ghcr' }] }],
    [
      'a named staging repository on Docker Hub',
      { mode: 'registry', staging: { repository: 'acme/api-staging' } },
      { registries: [{ type: 'dockerhub' }, { type: 'ghcr' }] },
    ],
    ['Docker Hub as a later registry', 'registry', { registries: [{ type: 'ghcr' }, { type: 'dockerhub' }] }],
    [
      'a staging repository equal to a repository on another host',
      { mode: 'registry', staging: { repository: 'acme/web' } },
      { registries: [{ type: 'ghcr' }, { type: 'dockerhub', repository: 'acme/web' }] },
    ],
    ['artifact mode in the object form', { mode: 'artifact' }, {}],
  ])('accepts handoff as %s', (_, handoff, patch) => {
    const result = validateConfig(withBase({ ...patch, handoff }));
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([]);
    if (result.ok) expect(result.config.handoff).toEqual(handoff);
  });

  it('warns about build args that look like secrets, without failing', () => {
    const result = validateConfig(withBase({ image: { name: 'a/b', buildArgs: { NPM_TOKEN: 'x' } } }));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      expect.stringContaining('image.buildArgs.NPM_TOKEN: build args end up in the image history'),
    ]);
  });

  it('reports every error at once', () => {
    const result = validateConfig({ ci: ['x'], image: {}, cache: 'y', test: { commands: ['true'] } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(['ci[0]', 'image.name', 'cache']);
  });
});
