/*
 * The publishing and deploy step files run as files (see step-scripts.test.ts): digests, push by digest with a
 * skopeo stand-in, deploy under dash, and the notify job's awk program with awk -f.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST, runStepFiles, skipWithoutShellTools, STEPS, stubCommand } from '../support/step-files.js';

const skip = skipWithoutShellTools('publishing step scripts under dash');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runSteps = (files: readonly string[], env?: Record<string, string>, path?: string) =>
  runStepFiles(dir, files, env, path);
const stub = (name: string, body: string) => stubCommand(dir, name, body);

describe.skipIf(skip)('read-recorded-digest.sh', () => {
  it.each([
    [`${DIGEST}\n`, 0, ''],
    ['sha256:abc\n', 1, 'digest does not hold a sha256 digest'],
    [`${DIGEST}\n${DIGEST}\n`, 1, 'digest does not hold a sha256 digest'],
  ])('%j: exit %i', (content, status, message) => {
    writeFileSync(join(dir, 'digest'), content);
    const run = runSteps(['read-recorded-digest.sh'], { dir });
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
  });
});

describe.skipIf(skip)('record-digest.sh and push-by-digest.sh, with a skopeo stand-in', () => {
  const archive = (digest: string) => {
    const layout = join(dir, 'layout');
    mkdirSync(layout, { recursive: true });
    writeFileSync(join(layout, 'index.json'), `{"schemaVersion":2,"manifests":[{"digest":"${digest}","size":1}]}`);
    spawnSync('tar', ['-cf', join(dir, 'image.tar'), '-C', layout, 'index.json']);
  };

  it('records the archive digest, then pushes it by digest to every repository and records it for the manifest job', () => {
    archive(DIGEST);
    expect(runSteps(['record-digest.sh'], { dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'digest'), 'utf8')).toBe(`${DIGEST}\n`);
    const path = stub('skopeo', 'echo "$@" >> skopeo.log');
    const run = runSteps(
      ['push-by-digest.sh'],
      { dir, digests: 'digests', slug: 'linux-amd64', DOCKYARD_REPOSITORIES: 'ghcr.io/acme/api docker.io/acme/api' },
      path,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'skopeo.log'), 'utf8').split('\n')).toEqual([
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/image.tar docker://ghcr.io/acme/api@${DIGEST}`,
      `copy --retry-times 3 --preserve-digests oci-archive:${dir}/image.tar docker://docker.io/acme/api@${DIGEST}`,
      '',
    ]);
    expect(readFileSync(join(dir, 'digests', 'linux-amd64'), 'utf8')).toBe(`${DIGEST}\n`);
  });

  it('refuses an archive whose digest is not the one recorded', () => {
    archive(`sha256:${'cd'.repeat(32)}`);
    writeFileSync(join(dir, 'digest'), `${DIGEST}\n`);
    const path = stub('skopeo', 'echo "$@" >> skopeo.log');
    const run = runSteps(
      ['push-by-digest.sh'],
      { dir, digests: 'digests', slug: 's', DOCKYARD_REPOSITORIES: 'r' },
      path,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`not the digest built and tested (${DIGEST}); not publishing`);
    expect(readdirSync(dir)).not.toContain('skopeo.log');
  });

  it('record-digest.sh fails on an archive without a digest', () => {
    archive('none');
    const run = runSteps(['record-digest.sh'], { dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`dockyard: no manifest digest in ${dir}/image.tar\n`);
  });
});

describe.skipIf(skip)('deploy.sh', () => {
  const IMAGE = 'ghcr.io/acme/api';
  const deploy = (line: string, command: string) =>
    runSteps(['deploy.sh'], {
      line,
      DOCKYARD_ENVIRONMENT: 'staging',
      DOCKYARD_DEPLOY_COMMAND: command,
      DOCKYARD_TAG_LIST: `${IMAGE}:1.2.3\ndocker.io/acme/api:1.2.3\n${IMAGE}:latest`,
    });

  it.each([
    ['the first published image', 0, `${IMAGE}@${DIGEST}`, 'echo "$DOCKYARD_IMAGE|$DOCKYARD_DIGEST|$DOCKYARD_TAGS"'],
    ['a failing command', 3, `${IMAGE}@${DIGEST}`, 'exit 3'],
    ['nothing published', 0, '', 'echo never'],
  ])('%s: exit %i', (_, status, line, command) => {
    const run = deploy(line, command);
    expect(run.status, run.stderr).toBe(status);
    if (line === '') {
      expect(run.stdout).toBe('dockyard: nothing was published on this ref; staging not deployed\n');
    } else {
      expect(run.stdout.split('\n')[0]).toBe(`dockyard: deploying ${IMAGE}@${DIGEST} to staging`);
    }
    if (command.startsWith('echo "')) expect(run.stdout.split('\n')[1]).toBe(`${IMAGE}|${DIGEST}|1.2.3 latest`);
  });
});

describe('notify-body.awk, run with awk -f', () => {
  const body = (kind: string, event: string, gates: string) => {
    const run = spawnSync('awk', ['-F', '\t', '-v', `kind=${kind}`, '-f', join(STEPS, 'notify-body.awk')], {
      input: gates,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        DOCKYARD_NOTIFY_EVENT: event,
        DOCKYARD_NOTIFY_IMAGE: 'ghcr.io/acme/api',
        DOCKYARD_NOTIFY_DIGEST: DIGEST,
        DOCKYARD_PROJECT: 'acme/api',
        DOCKYARD_REF: 'feature/<b>&"x"',
        DOCKYARD_TAG_LIST: 'ghcr.io/acme/api:1.2.3\nghcr.io/acme/api:latest',
        DOCKYARD_PIPELINE_URL: 'https://ci.example/p/1',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };
  const GATES = 'lint\t-\tpass\t0\tnone\nsize\tlinux/amd64\tfail\t12 MB\t<= 10 MB\n';

  it('slack, failure: escaped title, the failed gate with its limit, tags and pipeline', () => {
    const message = body('slack', 'failure', GATES) as { text: string; blocks: { text: { text: string } }[] };
    expect(message.text).toBe('dockyard: acme/api failed on feature/&lt;b&gt;&amp;"x"');
    expect(message.blocks[0].text.text.split('\n')).toEqual([
      '*dockyard: acme/api failed on feature/&lt;b&gt;&amp;"x"*',
      `*Image:* ghcr.io/acme/api@${DIGEST}`,
      '*Tags:* 1.2.3, latest',
      '*Failed gates:* size (linux/amd64): 12 MB (limit &lt;= 10 MB)',
      '*Pipeline:* https://ci.example/p/1',
    ]);
  });

  it('teams, success: an Adaptive Card 1.4 with a fact set and no failed gates', () => {
    const message = body('teams', 'success', GATES) as {
      attachments: { content: { version: string; body: { text?: string; facts?: { title: string }[] }[] } }[];
    };
    const card = message.attachments[0].content;
    expect(card.version).toBe('1.4');
    expect(card.body[0].text).toBe('dockyard: acme/api succeeded on feature/<b>&"x"');
    expect(card.body[1].facts?.map((f) => f.title)).toEqual(['Image', 'Tags', 'Pipeline']);
  });
});
