import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GITLAB_CERT_IDENTITY,
  gitlabProvenanceScript,
  publishedDigestOutputsScript,
  recordPublishedIndexScript,
  signPublishedScript,
  verifyInstructionsScript,
} from '../../src/emit/supply-chain-scripts.js';

let dir: string;
let bin: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-supply-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SHELLS = ['dash', 'bash'] as const;
const D1 = `sha256:${'a1'.repeat(32)}`;
const D2 = `sha256:${'b2'.repeat(32)}`;
const AMD = `sha256:${'0a'.repeat(32)}`;
const ARM = `sha256:${'0b'.repeat(32)}`;

function run(shell: (typeof SHELLS)[number], script: string, env: Record<string, string> = {}, cwd = dir) {
  return spawnSync(shell, ['-euc', script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, DIR: dir, ...env },
  });
}

/** A stand-in tool that appends its arguments to `calls` and exits with `status`. */
function stub(name: string, body = '', status = 0): void {
  writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${join(dir, 'calls')}"\n${body}\nexit ${status}\n`, {
    mode: 0o755,
  });
}
const calls = () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');

describe.each(SHELLS)('signPublishedScript (%s)', (shell) => {
  it.each([
    [
      'signs each index recursively',
      undefined,
      [`cosign sign --yes --recursive docker.io/a/b@${D1}`, `cosign sign --yes --recursive registry.x/b@${D2}`],
    ],
    [
      'signs and attests each index',
      '"$DIR/provenance.json"',
      [
        `cosign sign --yes --recursive docker.io/a/b@${D1}`,
        `cosign attest --yes --type slsaprovenance1 --predicate DIR/provenance.json docker.io/a/b@${D1}`,
        `cosign sign --yes --recursive registry.x/b@${D2}`,
        `cosign attest --yes --type slsaprovenance1 --predicate DIR/provenance.json registry.x/b@${D2}`,
      ],
    ],
  ])('%s', (_, predicate, expected) => {
    stub('cosign');
    writeFileSync(join(dir, 'published'), `docker.io/a/b@${D1}\n\nregistry.x/b@${D2}\n`);
    const result = run(shell, signPublishedScript('"$DIR/published"', predicate));
    expect(result.status, result.stderr).toBe(0);
    expect(calls().map((c) => c.replaceAll(dir, 'DIR'))).toEqual(expected);
  });

  it.each([
    ['an empty file', ''],
    ['no file', undefined],
  ])('signs nothing and succeeds, saying so, when the manifest job published nothing (%s)', (_, content) => {
    stub('cosign');
    if (content !== undefined) writeFileSync(join(dir, 'published'), content);
    const result = run(shell, `${signPublishedScript('"$DIR/published"')}\necho after`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no image index was published on this ref; nothing to sign');
    expect(result.stdout).not.toContain('after');
    expect(() => calls()).toThrow();
  });

  it('fails the job when cosign fails', () => {
    stub('cosign', '', 1);
    writeFileSync(join(dir, 'published'), `docker.io/a/b@${D1}\nregistry.x/b@${D2}\n`);
    const result = run(shell, signPublishedScript('"$DIR/published"'));
    expect(result.status).not.toBe(0);
    expect(calls()).toHaveLength(1);
  });
});

const GITLAB_ENV = {
  CI_PROJECT_URL: 'https://gitlab.com/acme/shop',
  CI_PROJECT_PATH: 'acme/shop',
  CI_PROJECT_ID: '4242',
  CI_CONFIG_PATH: 'ci/image.gitlab-ci.yml',
  CI_PIPELINE_SOURCE: 'push',
  CI_SERVER_URL: 'https://gitlab.com',
  CI_COMMIT_SHA: 'c0ffee'.repeat(6) + 'c0ff',
  CI_RUNNER_ID: '12270837',
  CI_PIPELINE_URL: 'https://gitlab.com/acme/shop/-/pipelines/99',
  CI_PIPELINE_CREATED_AT: '2026-11-22T10:00:00Z',
};

describe.each(SHELLS)('gitlabProvenanceScript (%s)', (shell) => {
  it.each([
    [
      'a branch with a quote and a backslash',
      { CI_COMMIT_BRANCH: 'feat/"quoted"\\x', CI_COMMIT_REF_NAME: 'feat/"quoted"\\x' },
      'refs/heads/feat/"quoted"\\x',
    ],
    ['a tag', { CI_COMMIT_TAG: 'v1.2.3', CI_COMMIT_REF_NAME: 'v1.2.3' }, 'refs/tags/v1.2.3'],
  ])('writes a SLSA v1 predicate for %s', (_, refEnv, gitRef) => {
    const result = run(shell, gitlabProvenanceScript('"$DIR/out/provenance.json"'), { ...GITLAB_ENV, ...refEnv });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'provenance.json'), 'utf8'))).toEqual({
      buildDefinition: {
        buildType: 'urn:dockyard:gitlab-ci-pipeline:v1',
        externalParameters: {
          repository: GITLAB_ENV.CI_PROJECT_URL,
          ref: gitRef,
          configPath: 'ci/image.gitlab-ci.yml',
          pipelineSource: 'push',
        },
        internalParameters: { serverUrl: 'https://gitlab.com', projectId: '4242' },
        resolvedDependencies: [
          { uri: `git+https://gitlab.com/acme/shop@${gitRef}`, digest: { gitCommit: GITLAB_ENV.CI_COMMIT_SHA } },
        ],
      },
      runDetails: {
        builder: { id: 'https://gitlab.com/acme/shop/-/runners/12270837' },
        metadata: { invocationId: GITLAB_ENV.CI_PIPELINE_URL, startedOn: '2026-11-22T10:00:00Z' },
      },
    });
  });
});

describe.each(SHELLS)('verifyInstructionsScript (%s)', (shell) => {
  const published = `docker.io/a/b@${D1}\nregistry.x/b@${D2}\n`;
  const cosignVerify = (ref: string) =>
    `cosign verify '${ref}' --certificate-identity 'ID' --certificate-oidc-issuer 'ISSUER'`;

  it.each([
    ['github', (ref: string) => [cosignVerify(ref), `gh attestation verify 'oci://${ref}' --repo 'acme/shop'`]],
    [
      'cosign',
      (ref: string) => [
        cosignVerify(ref),
        `cosign verify-attestation --type slsaprovenance1 '${ref}' --certificate-identity 'ID' --certificate-oidc-issuer 'ISSUER'`,
      ],
    ],
    ['', (ref: string) => [cosignVerify(ref)]],
  ])('provenance "%s": one block of commands per published index', (provenance, lines) => {
    writeFileSync(join(dir, 'published'), published);
    writeFileSync(join(dir, 'verify.md'), 'earlier summary\n');
    const env = {
      DOCKYARD_CERT_IDENTITY: 'ID',
      DOCKYARD_CERT_ISSUER: 'ISSUER',
      DOCKYARD_PROVENANCE: provenance,
      GITHUB_REPOSITORY: 'acme/shop',
    };
    const result = run(shell, verifyInstructionsScript('"$DIR/published"', '"$DIR/verify.md"'), env);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'verify.md'), 'utf8')).toBe(
      [
        'earlier summary',
        '## Verify the published images',
        '',
        '```sh',
        ...lines(`docker.io/a/b@${D1}`),
        ...lines(`registry.x/b@${D2}`),
        '```',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing when nothing was published', () => {
    writeFileSync(join(dir, 'published'), '');
    const result = run(shell, verifyInstructionsScript('"$DIR/published"', '"$DIR/verify.md"'));
    expect(result.status, result.stderr).toBe(0);
    expect(() => readFileSync(join(dir, 'verify.md'))).toThrow();
  });

  it('the GitLab identity is the project URL, the CI config path and the ref', () => {
    const result = run(shell, `${GITLAB_CERT_IDENTITY}\necho "$DOCKYARD_CERT_IDENTITY|$DOCKYARD_CERT_ISSUER"`, {
      ...GITLAB_ENV,
      CI_COMMIT_BRANCH: 'main',
      CI_COMMIT_REF_NAME: 'main',
    });
    expect(result.stdout.trim()).toBe(
      'https://gitlab.com/acme/shop//ci/image.gitlab-ci.yml@refs/heads/main|https://gitlab.com',
    );
  });
});

describe('recordPublishedIndexScript (bash, as in the GitHub manifest job)', () => {
  function setUp(indexDigests: string[]) {
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: indexDigests.map((digest) => ({ digest, size: 1 })),
    });
    writeFileSync(join(dir, 'remote-index.json'), index);
    // skopeo stand-in: `inspect --raw` prints the index; `manifest-digest FILE` hashes the file, as skopeo does.
    stub(
      'skopeo',
      `case "$1" in inspect) cat "${join(dir, 'remote-index.json')}" ;; manifest-digest) printf 'sha256:%s\\n' "$(sha256sum "$2" | cut -d' ' -f1)" ;; esac`,
    );
    mkdirSync(join(dir, 'digests'));
    writeFileSync(join(dir, 'digests', 'linux-amd64'), `${AMD}\n`);
    writeFileSync(join(dir, 'digests', 'linux-arm64'), `${ARM}\n`);
    return `sha256:${createHash('sha256').update(index).digest('hex')}`;
  }
  const script = [
    'for repository in $DOCKYARD_REPOSITORIES; do',
    '  first_tag="$repository:v1"',
    recordPublishedIndexScript('"$DIR/index.json"', '"$DIR/published"'),
    'done',
  ].join('\n');
  const env = { DOCKYARD_REPOSITORIES: 'docker.io/a/b registry.x/b', DOCKYARD_SLUGS: 'linux-amd64 linux-arm64' };

  it('records repository@index-digest per registry after checking the index holds every pushed digest', () => {
    const digest = setUp([AMD, ARM]);
    const result = run('bash', script, env, join(dir, 'digests'));
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'published'), 'utf8')).toBe(`docker.io/a/b@${digest}\nregistry.x/b@${digest}\n`);
    expect(calls()[0]).toBe('skopeo inspect --raw docker://docker.io/a/b:v1');
  });

  it('refuses to record an index the tag no longer points at (a platform digest is missing)', () => {
    setUp([AMD, `sha256:${'ff'.repeat(32)}`]);
    const result = run('bash', script, env, join(dir, 'digests'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'docker.io/a/b:v1 does not hold the pushed linux-arm64 digest; not signing another image',
    );
    expect(() => readFileSync(join(dir, 'published'))).toThrow();
  });
});

describe.each(SHELLS)('publishedDigestOutputsScript (%s)', (shell) => {
  it.each([
    [
      'both registries published',
      `docker.io/a/b@${D1}\nregistry.x/b@${D2}\n`,
      [`digest0=${D1}`, `digest1=${D2}`, 'any=true'],
    ],
    ['only the second one', `registry.x/b@${D2}\n`, ['digest0=', `digest1=${D2}`, 'any=true']],
    ['nothing', '', ['digest0=', 'digest1=', 'any=false']],
    ['a repository whose name prefixes another', `docker.io/a/bc@${D1}\n`, ['digest0=', 'digest1=', 'any=false']],
  ])('%s', (_, published, outputs) => {
    writeFileSync(join(dir, 'published'), published);
    writeFileSync(join(dir, 'output'), '');
    const result = run(shell, publishedDigestOutputsScript('"$DIR/published"'), {
      DOCKYARD_REPOSITORIES: 'docker.io/a/b registry.x/b',
      GITHUB_OUTPUT: join(dir, 'output'),
    });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'output'), 'utf8').trim().split('\n')).toEqual(outputs);
  });
});
