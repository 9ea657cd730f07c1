import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkWithGitlabCiLocal,
  isGitlabCiLocalAvailable,
  parseGitlabCiLocalOutput,
  resolveGitlabCiLocalCommand,
} from '../../src/validate/check-gitlab-ci-local.js';
import { skipWithoutTools } from '../support/required-tools.js';

const FILE = '.gitlab-ci.yml';
const available = !skipWithoutTools(
  'gitlab-ci-local checks',
  isGitlabCiLocalAvailable() ? [] : ['gitlab-ci-local or git'],
);

const VALID = `stages: [build, release]
variables:
  IMAGE: $CI_REGISTRY_IMAGE
default:
  image: docker:27
.docker:
  services: [docker:27-dind]
build:
  extends: .docker
  stage: build
  script:
    - docker build -t "$IMAGE:$CI_COMMIT_SHA" .
release:
  stage: release
  needs: [build]
  rules:
    - if: $CI_COMMIT_TAG
  script:
    - echo "release $CI_COMMIT_TAG"
`;

function breakCi(search: string, replacement: string): string {
  if (!VALID.includes(search)) throw new Error(`fixture does not contain ${search}`);
  return VALID.replace(search, replacement);
}

// A private TMPDIR, so that other processes' temp dirs (parallel test runs) cannot change what is counted.
const savedTmpdir = process.env.TMPDIR;
let privateTmp: string;
beforeAll(() => {
  privateTmp = mkdtempSync(`${os.tmpdir()}/dockyard-glcl-test-`);
  process.env.TMPDIR = privateTmp;
});
afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(privateTmp, { recursive: true, force: true });
});
const leftovers = (): string[] => readdirSync(os.tmpdir()).filter((n) => n.startsWith('dockyard-glcl-'));

// Each run takes ~0.5-1.5 s (gitlab-ci-local compiles GitLab's JSON schema every time).
describe.skipIf(!available)('checkWithGitlabCiLocal', { timeout: 60_000 }, () => {
  it('runs the gitlab-ci-local installed with this package, under the current node', () => {
    const [program, script] = resolveGitlabCiLocalCommand() ?? [];
    expect(program).toBe(process.execPath);
    expect(script).toMatch(/node_modules[\\/]gitlab-ci-local[\\/]dist[\\/]index\.js$/);
  });

  it('passes a valid file and leaves no temp dir behind', async () => {
    const before = leftovers();
    expect(await checkWithGitlabCiLocal(VALID, FILE)).toEqual([]);
    expect(leftovers()).toEqual(before);
  });

  it.each<[string, string, string[]]>([
    ['stage not in stages', breakCi('  stage: release\n', '  stage: deploy\n'), ['stage:deploy not found for release']],
    ['needs of the wrong type', breakCi('needs: [build]', 'needs: build'), ['release needs: must be an array']],
    [
      'needs an unknown job',
      breakCi('needs: [build]', 'needs: [biuld]'),
      ['needs: [biuld] for release could not be found'],
    ],
    [
      'schema violations (all reported)',
      breakCi('  stage: build\n', '  stage: build\n  when: sometimes\n  retry: lots\n  bogus: 1\n'),
      [
        "'bogus' property is not expected to be here at build [#/additionalProperties]",
        "'when' property must be one of [on_success, on_failure, always, never, manual, delayed] (found sometimes) at build.when [#/definitions/when/enum]",
        "'retry' property type must be integer at build.retry [#/definitions/retry_max/type]",
      ],
    ],
    [
      'a remote include (the network is never reached)',
      `include:\n  - remote: https://gitlab.example.com/ci/templates/docker.yml\n${VALID}`,
      [
        'Remote include could not be fetched https://gitlab.example.com/ci/templates/docker.yml (validation runs offline: network access is blocked)',
      ],
    ],
    [
      'a missing local include',
      `include:\n  - local: ci/jobs.yml\n${VALID}`,
      ['Local include file cannot be found ci/jobs.yml'],
    ],
  ])('fails on %s', async (_name, content, messages) => {
    const findings = await checkWithGitlabCiLocal(content, FILE);
    expect(findings).toEqual(
      messages.map((message) => ({ tool: 'gitlab-ci-local', file: FILE, severity: 'error', message })),
    );
  });

  it('reports the line and column of a YAML syntax error', async () => {
    const findings = await checkWithGitlabCiLocal(breakCi('needs: [build]', 'needs: [build'), FILE);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      tool: 'gitlab-ci-local',
      severity: 'error',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(findings[0]?.message).toMatch(/^YAMLException: /);
  });

  it('finds local includes given as extraFiles', async () => {
    const jobs = 'lint:\n  stage: build\n  script: [echo lint]\n';
    expect(
      await checkWithGitlabCiLocal(`include:\n  - local: ci/jobs.yml\n${VALID}`, FILE, {
        extraFiles: { 'ci/jobs.yml': jobs },
      }),
    ).toEqual([]);
    const badJobs = 'lint:\n  stage: nope\n  script: [echo lint]\n';
    expect(
      await checkWithGitlabCiLocal(`include:\n  - local: ci/jobs.yml\n${VALID}`, FILE, {
        extraFiles: { 'ci/jobs.yml': badJobs },
      }),
    ).toEqual([{ tool: 'gitlab-ci-local', file: FILE, severity: 'error', message: 'stage:nope not found for lint' }]);
  });

  it('rejects extraFiles outside the scratch repository, and cleans up', async () => {
    const before = leftovers();
    await expect(checkWithGitlabCiLocal(VALID, FILE, { extraFiles: { '../escape.yml': 'x: 1' } })).rejects.toThrow(
      /must be relative and stay inside/,
    );
    expect(leftovers()).toEqual(before);
  });
});

describe('parseGitlabCiLocalOutput', () => {
  const schemaBlock = [
    'parsing and downloads finished in 63 ms.',
    'Invalid .gitlab-ci.yml configuration!',
    "\t• 'bogus' property is not expected to be here at build [#/additionalProperties]",
    '',
    'For further troubleshooting, consider either of the following:',
    '\t• Use --json-schema-validation=false to disable schema validation (not recommended)',
  ].join('\n');
  const yamlError = [
    'YAMLException: unexpected end of the stream within a flow collection (5:1)',
    '',
    ' 4 |   script: [ "a" ',
    '-----^',
    '    at HD (file:///x/node_modules/gitlab-ci-local/dist/index.js:211:1340)',
  ].join('\n');
  const gitNoise = [
    'Unable to retrieve default remote branch, falling back to `main`.',
    '  Command failed with exit code 128: git symbolic-ref --short refs/remotes/origin/HEAD',
    'fatal: ref refs/remotes/origin/HEAD is not a symbolic ref',
    'stage:test not found for build',
  ].join('\n');

  it.each<[string, string, number, object[]]>([
    [
      'schema block (hints are not findings)',
      schemaBlock,
      1,
      [{ severity: 'error', message: "'bogus' property is not expected to be here at build [#/additionalProperties]" }],
    ],
    [
      'YAML error with position',
      yamlError,
      1,
      [
        {
          severity: 'error',
          line: 5,
          column: 1,
          message: 'YAMLException: unexpected end of the stream within a flow collection (5:1)',
        },
      ],
    ],
    [
      'git fallback chatter is skipped',
      gitNoise,
      1,
      [{ severity: 'error', message: 'stage:test not found for build' }],
    ],
    [
      'coloured output',
      '\u001b[31mstage:x not found for y\u001b[39m',
      1,
      [{ severity: 'error', message: 'stage:x not found for y' }],
    ],
    [
      'failure without a message',
      'json schema validated in 401 ms\n',
      2,
      [{ severity: 'error', message: 'gitlab-ci-local exited with code 2 without a message' }],
    ],
    ['success', 'parsing and downloads finished in 50 ms.\njson schema validated in 417 ms\n', 0, []],
    [
      'success with a warning',
      "WARNING: Interpreting 'a:b' as 'a/b'\n",
      0,
      [{ severity: 'warning', message: "Interpreting 'a:b' as 'a/b'" }],
    ],
  ])('%s', (_name, stderr, code, expected) => {
    const findings = parseGitlabCiLocalOutput(stderr, code, 'x.yml');
    expect(findings).toEqual(
      expected.map((e) => expect.objectContaining({ tool: 'gitlab-ci-local', file: 'x.yml', ...e })),
    );
  });
});
