import { describe, expect, it } from 'vitest';
import { computeMeta, type MetaInputs } from '../../src/tags/compute-meta.js';
import type { EventContext } from '../../src/tags/event-context.js';
import { formatExplain } from '../../src/tags/explain.js';
import { MetaInputError } from '../../src/tags/meta-error.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const CLOCK = new Date('2020-01-10T00:30:00.000Z');

function makeContext(ref: string, overrides: Partial<EventContext> = {}): EventContext {
  return {
    eventName: 'push',
    ref,
    sha: SHA,
    defaultBranch: 'main',
    repo: {
      name: 'app',
      fullName: 'acme/app',
      description: 'An app',
      url: 'https://github.com/acme/app',
      license: 'MIT',
      defaultBranch: 'main',
    },
    ...overrides,
  };
}

function run(ref: string, inputs: Partial<MetaInputs>, overrides: Partial<EventContext> = {}) {
  const full: MetaInputs = { images: ['acme/app'], tags: [], flavor: [], labels: [], annotations: [], ...inputs };
  return computeMeta(full, makeContext(ref, overrides), CLOCK);
}

describe('computeMeta: OCI tag grammar', () => {
  it.each([
    // {{tag}} is empty on a branch: "-nightly" cannot start a tag.
    ['refs/heads/main', ['type=raw,value={{tag}}-nightly'], ['nightly'], 'starts with "." or "-"'],
    [
      'refs/heads/feature/login#12',
      ['type=ref,event=branch'],
      ['feature-login-12'],
      'has characters a tag cannot hold',
    ],
    ['refs/heads/main', [`type=raw,value=${'x'.repeat(140)}`], ['x'.repeat(128)], 'is 140 characters long'],
    ['refs/heads/main', ['type=raw,value=...', 'type=sha'], ['sha-860c190'], 'dropped'],
  ])('on %s, %o gives %o', (ref, tags, names, warning) => {
    const result = run(ref, { tags });
    expect(result.json['tag-names']).toEqual(names);
    expect(result.warnings.join('\n')).toContain(warning);
  });

  it('lets a truncated sha-long tag fit with a long prefix', () => {
    const result = run('refs/heads/main', { tags: [`type=sha,format=long,prefix=${'p'.repeat(100)}-`] });
    expect(result.version.main).toHaveLength(128);
    expect(result.version.main).toBe(`${'p'.repeat(100)}-${SHA.slice(0, 27)}`);
  });

  it('drops a tag that duplicates another one, latest included', () => {
    const result = run('refs/heads/main', {
      tags: ['type=raw,value=latest', 'type=raw,value=stable'],
      flavor: ['latest=true'],
    });
    expect(result.tags).toEqual(['acme/app:latest', 'acme/app:stable']);
  });
});

describe('computeMeta: major version zero', () => {
  const tags = [
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=semver,pattern={{major}}',
  ];

  it.each([
    ['refs/tags/v0.3.1', tags, ['0.3.1', '0.3', '0', 'latest'], 1],
    ['refs/tags/v1.3.1', tags, ['1.3.1', '1.3', '1', 'latest'], 0],
    ['refs/tags/v0.3.1', ['type=semver,pattern=v{{major}}'], ['v0', 'latest'], 1],
    ['refs/tags/v0.3.1', ['type=semver,pattern={{major}}.{{minor}}'], ['0.3', 'latest'], 0],
    ['refs/tags/0.3', ['type=pep440,pattern={{major}}'], ['0', 'latest'], 1],
    // A pre-release only gets {{version}}: no 0 tag, no warning.
    ['refs/tags/v0.3.1-rc.1', ['type=semver,pattern={{major}}'], ['0.3.1-rc.1'], 0],
  ])('%s with %o → %o and %i warning(s)', (ref, rules, names, warningCount) => {
    const result = run(ref, { tags: rules });
    expect(result.json['tag-names']).toEqual(names);
    const zeroWarnings = result.warnings.filter((w) => w.includes('major-zero'));
    expect(zeroWarnings).toHaveLength(warningCount);
  });

  it('names the rule and the version in the warning', () => {
    const [warning] = run('refs/tags/v0.3.1', { tags: ['type=semver,pattern={{major}}'] }).warnings;
    expect(warning).toMatch(
      /^type=semver,pattern=\{\{major\}\}: pattern "\{\{major\}\}" publishes a major-zero tag for v0\.3\.1/,
    );
  });
});

describe('computeMeta: metadata-action rules', () => {
  it.each([
    [
      'pre-release semver gets {{version}} only, and no latest',
      'refs/tags/v2.0.8-beta.67',
      ['type=semver,pattern={{major}}.{{minor}}'],
      [],
      { main: '2.0.8-beta.67', partial: [], latest: false },
    ],
    [
      'pre-release semver keeps {{raw}}',
      'refs/tags/v2.0.8-beta.67',
      ['type=semver,pattern={{raw}}'],
      [],
      { main: 'v2.0.8-beta.67', partial: [], latest: false },
    ],
    [
      'semver from a value with match',
      'refs/heads/main',
      ['type=semver,pattern={{major}}.{{minor}},value=app/v3.4.5,"match=v(\\d+\\.\\d+\\.\\d+)$"'],
      [],
      { main: '3.4', partial: [], latest: true },
    ],
    [
      'pep440 post-release',
      'refs/tags/1.2post1',
      ['type=pep440,pattern={{major}}.{{minor}}'],
      [],
      { main: '1.2.post1', partial: [], latest: false },
    ],
    [
      'match with a /regex/flags pattern',
      'refs/tags/Release-42',
      ['type=match,pattern=/release-(\\d+)/i,group=1'],
      [],
      { main: '42', partial: [], latest: true },
    ],
    [
      'a raw first rule decides latest=auto',
      'refs/tags/v1.0.0',
      ['type=raw,value=stable,priority=1000', 'type=semver,pattern={{version}}'],
      [],
      { main: 'stable', partial: ['1.0.0'], latest: false },
    ],
    [
      'flavor prefix, except where the rule has its own',
      'refs/heads/dev',
      ['type=ref,event=branch', 'type=sha', 'type=raw,value=x,prefix='],
      ['prefix=arm-'],
      { main: 'arm-dev', partial: ['x', 'sha-860c190'], latest: false },
    ],
    [
      'prefix and suffix expressions',
      'refs/heads/dev',
      ["type=sha,prefix={{branch}}-,suffix=-{{date 'YYYYMMDD'}}"],
      [],
      { main: 'dev-860c190-20200110', partial: [], latest: false },
    ],
    [
      'edge only on the repository default branch',
      'refs/heads/main',
      ['type=edge'],
      [],
      { main: 'edge', partial: [], latest: false },
    ],
    [
      'a schedule tag on a schedule event',
      'refs/heads/main',
      ["type=schedule,pattern=nightly-{{date 'YYYYMMDD' tz='Pacific/Auckland'}}"],
      [],
      { main: 'nightly-20200110', partial: [], latest: false },
    ],
  ])('%s', (_name, ref, tags, flavor, version) => {
    const eventName = tags.some((t) => t.startsWith('type=schedule')) ? 'schedule' : 'push';
    expect(run(ref, { tags, flavor }, { eventName }).version).toEqual(version);
  });

  it('accepts typed tag rules beside lines', () => {
    const result = run('refs/tags/v1.2.3', {
      tags: [
        { type: 'semver', attributes: { pattern: '{{major}}' } },
        'type=semver,pattern={{version}}',
        { type: 'sha', attributes: {}, priority: 950 },
      ],
    });
    // Equal priorities keep their input order.
    expect(result.version).toEqual({ main: 'sha-860c190', partial: ['1', '1.2.3'], latest: false });
  });

  it('uses the short SHA length and annotation levels it is given', () => {
    const result = run('refs/heads/main', {
      tags: ['type=sha'],
      shortShaLength: 10,
      annotationLevels: ['index', 'manifest[linux/amd64]'],
    });
    expect(result.version.main).toBe('sha-860c1904a1');
    expect(result.json.annotations).toContain('index:org.opencontainers.image.version=sha-860c1904a1');
    expect(result.json.annotations).toContain('manifest[linux/amd64]:org.opencontainers.image.revision=' + SHA);
    expect(result.json.annotations).toHaveLength(16);
  });

  it('renders expressions in labels and lets them override the OCI labels', () => {
    const result = run(
      'refs/heads/main',
      {
        labels: [
          "org.opencontainers.image.created={{commit_date 'YYYY-MM-DD' tz='Asia/Tokyo'}}",
          'com.acme.branch={{branch}}',
        ],
      },
      { commitDate: '2022-04-19T20:00:00Z' },
    );
    expect(result.labels).toContain('org.opencontainers.image.created=2022-04-20');
    expect(result.labels).toContain('com.acme.branch=main');
    expect(result.annotations).toContain('org.opencontainers.image.created=2020-01-10T00:30:00.000Z');
  });
});

describe('computeMeta: explain', () => {
  it('says which rule produced, duplicated or skipped each tag, and why', () => {
    const result = run('refs/tags/v1.0.0-rc.1', {
      tags: [
        'type=semver,pattern={{version}}',
        'type=semver,pattern={{major}}',
        'type=ref,event=branch',
        'type=raw,value=x,enable={{is_default_branch}}',
      ],
    });
    expect(result.explain).toEqual([
      {
        rule: 'type=semver,pattern={{version}}',
        priority: 900,
        outcome: 'main',
        tag: '1.0.0-rc.1',
        reason: 'first tag by priority: the version (pre-release 1.0.0-rc.1 only gets {{version}}, and no latest)',
      },
      {
        rule: 'type=semver,pattern={{major}}',
        priority: 900,
        outcome: 'duplicate',
        tag: '1.0.0-rc.1',
        reason:
          'an earlier rule already produced this tag (pre-release 1.0.0-rc.1 only gets {{version}}, and no latest)',
      },
      {
        rule: 'type=ref,event=branch',
        priority: 600,
        outcome: 'skipped',
        reason: 'ref "refs/tags/v1.0.0-rc.1" is not a branch ref',
      },
      {
        rule: 'type=raw,value=x,enable={{is_default_branch}}',
        priority: 200,
        outcome: 'disabled',
        reason: 'enable={{is_default_branch}} is false',
      },
      {
        rule: 'flavor latest=auto',
        outcome: 'skipped',
        reason: 'the first rule that produced a tag does not ask for latest',
      },
    ]);
    expect(formatExplain(result.explain)[0]).toBe(
      '+ main      1.0.0-rc.1  type=semver,pattern={{version}}: first tag by priority: the version (pre-release 1.0.0-rc.1 only gets {{version}}, and no latest)',
    );
  });

  it('warns when a tag ref is not a valid version', () => {
    const result = run('refs/tags/sometag', {
      tags: ['type=semver,pattern={{version}}', 'type=pep440,pattern={{version}}'],
    });
    expect(result.warnings).toEqual([
      'type=semver,pattern={{version}}: "sometag" is not a valid semver (https://semver.org/)',
      'type=pep440,pattern={{version}}: "sometag" does not conform to PEP 440 (https://peps.python.org/pep-0440/)',
      'no tag was generated: check the tags input',
    ]);
  });
});

describe('computeMeta: bad input', () => {
  it.each([
    [{ tags: ['type=nightly'] }, 'tags line "type=nightly": unknown tag type "nightly"'],
    [{ tags: ['type=semver'] }, 'tags line "type=semver": type=semver needs the "pattern" attribute'],
    [
      { tags: ['type=raw,value=x,enable={{branch}}'] },
      'tags line "type=raw,value=x,enable={{branch}}": enable="{{branch}}" renders to "", expected true or false',
    ],
    [{ tags: ['type=raw,value={{brnach}}'] }, 'template "{{brnach}}" uses unknown expression "brnach"'],
    [{ tags: ["type=raw,value={{date 'YYYY' tz='Europe/Atlantis'}}"] }, 'unknown time zone "Europe/Atlantis"'],
    [{ tags: ['type=match,pattern=v(\\d'] }, 'pattern "v(\\d" is not a valid regular expression'],
    [{ tags: ['type=semver,pattern={{mayor}}'] }, 'uses unknown expression "mayor" (known: raw, version, major'],
    [{ flavor: ['latest=always'] }, 'flavor line "latest=always": latest="always" is not one of auto, true, false'],
    [{ images: ['name=acme/app,push=true'] }, 'images line "name=acme/app,push=true": unknown image attribute "push"'],
    [{ labels: ['com.acme.sha={{sha'] }, 'labels line "com.acme.sha={{sha"'],
    [{ annotationLevels: ['layer'] }, 'options line "layer": unknown annotation level'],
    [{ shortShaLength: 0 }, 'shortShaLength must be a positive integer'],
  ] as const)('%o', (inputs, message) => {
    const call = () => run('refs/tags/v1.0.0', inputs as Partial<MetaInputs>);
    expect(call).toThrow(MetaInputError);
    expect(call).toThrow(message);
  });

  it('rejects an invalid clock', () => {
    expect(() =>
      computeMeta(
        { images: [], tags: [], flavor: [], labels: [], annotations: [] },
        makeContext('refs/heads/main'),
        new Date('nope'),
      ),
    ).toThrow('clock is not a valid date');
  });
});
