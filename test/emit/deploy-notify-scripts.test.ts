import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployScript, notifyScript } from '../../src/emit/deploy-notify-scripts.js';
import { stepScripts } from '../support/step-scripts.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../support/loopback-http.js';

/*
 * The deploy and notify scripts run for real: with dash and bash (mawk), and with busybox sh and busybox awk as in
 * the curl image GitLab's notify jobs use; the notify script POSTs to a loopback HTTP server that records each body.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-dn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Received {
  path: string;
  method: string;
  contentType: string | undefined;
  body: string;
}
let server: LoopbackHttpServer;
let received: Received[] = [];
/** Paths answered with this status instead of 200. */
let failing = new Map<string, number>();
beforeAll(async () => {
  server = await startLoopbackHttpServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      path: req.url ?? '',
      method: req.method ?? '',
      contentType: req.headers['content-type'],
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const status = failing.get(req.url ?? '') ?? 200;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'invalid_token');
  });
});
afterAll(() => server.stop());
beforeEach(() => {
  received = [];
  failing = new Map();
});

/** A shell and the awk it finds first on PATH. */
const SHELLS = [
  { name: 'dash + mawk', argv: ['dash', '-euc'], busyboxAwk: false },
  { name: 'bash + mawk', argv: ['bash', '-euc'], busyboxAwk: false },
  { name: 'busybox sh + busybox awk', argv: ['busybox', 'sh', '-euc'], busyboxAwk: true },
] as const;

function run(
  shell: (typeof SHELLS)[number],
  script: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let path = process.env.PATH ?? '';
  if (shell.busyboxAwk) {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync('/usr/bin/busybox', join(bin, 'awk'));
    path = `${bin}:${path}`;
  }
  return new Promise((done) => {
    const child = spawn(shell.argv[0], [...shell.argv.slice(1), script], {
      cwd: dir,
      env: { PATH: path, DIR: dir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const SLACK_PATH = '/services/T000/B000/slack-secret-token';
const TEAMS_PATH = '/workflows/teams-secret-sig';
const NOTIFY = notifyScript(stepScripts, '"$DIR/published"', '"$DIR/gates"', ['slack', 'teams']);

/** Write the fixtures of a failed pipeline: two published registries, three gate results (one failed, with hostile characters). */
function writeFailedPipeline(): void {
  writeFileSync(join(dir, 'published'), `docker.io/acme/shop@${DIGEST}\nregistry.acme.example/shop/web@${DIGEST}\n`);
  mkdirSync(join(dir, 'gates'));
  writeFileSync(
    join(dir, 'gates', 'scan-linux-amd64.tsv'),
    'scan\tlinux/amd64\tfail\t2 "CRITICAL" <b> & \\n $(id)\tCRITICAL,HIGH\n',
  );
  writeFileSync(join(dir, 'gates', 'size.tsv'), 'size\tlinux/amd64\tpass\t120 MB\t400 MB\n');
  writeFileSync(join(dir, 'gates', 'lint.tsv'), 'lint\t-\tfail\t3 findings\twarning\n');
}

function notifyEnv(event: string): Record<string, string> {
  return {
    DOCKYARD_NOTIFY_EVENT: event,
    DOCKYARD_PROJECT: 'acme/shop',
    DOCKYARD_REF: 'main',
    DOCKYARD_PIPELINE_URL: 'https://ci.example/acme/shop/-/pipelines/42',
    DOCKYARD_TAG_LIST:
      'docker.io/acme/shop:1.4.2\ndocker.io/acme/shop:we"ird\\tag\nregistry.acme.example/shop/web:1.4.2',
    DOCKYARD_SLACK_WEBHOOK: `${server.url}${SLACK_PATH}`,
    DOCKYARD_TEAMS_WEBHOOK: `${server.url}${TEAMS_PATH}`,
  };
}

/** Failed gates in result file order (the shell's sorted glob: lint.tsv before scan-….tsv). */
const FAILED_GATES =
  'lint: 3 findings (limit warning); scan (linux/amd64): 2 "CRITICAL" <b> & \\n $(id) (limit CRITICAL,HIGH)';
const IMAGE = `docker.io/acme/shop@${DIGEST}`;
const TAGS = '1.4.2, we"ird\\tag';

function slackBody(title: string, facts: Array<[string, string]>) {
  const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return {
    text: escape(title),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [`*${escape(title)}*`, ...facts.map(([k, v]) => `*${k}:* ${escape(v)}`)].join('\n'),
        },
      },
    ],
  };
}

function teamsBody(title: string, color: string, facts: Array<[string, string]>) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, color },
            { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
          ],
        },
      },
    ],
  };
}

const PIPELINE: [string, string] = ['Pipeline', 'https://ci.example/acme/shop/-/pipelines/42'];

describe.each(SHELLS)('notifyScript with $name', (shell) => {
  it.each([
    {
      event: 'failure',
      title: 'dockyard: acme/shop failed on main',
      color: 'Attention',
      facts: [['Image', IMAGE], ['Tags', TAGS], ['Failed gates', FAILED_GATES], PIPELINE] as Array<[string, string]>,
    },
    {
      event: 'success',
      title: 'dockyard: acme/shop succeeded on main',
      color: 'Good',
      facts: [['Image', IMAGE], ['Tags', TAGS], PIPELINE] as Array<[string, string]>,
    },
  ])('posts the exact Slack and Teams bodies on $event', async ({ event, title, color, facts }) => {
    writeFailedPipeline();
    const result = await run(shell, NOTIFY, notifyEnv(event));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`slack notified (${event})`);
    expect(received.map((r) => [r.method, r.path, r.contentType])).toEqual([
      ['POST', SLACK_PATH, 'application/json'],
      ['POST', TEAMS_PATH, 'application/json'],
    ]);
    expect(JSON.parse(received[0].body)).toEqual(slackBody(title, facts));
    expect(JSON.parse(received[1].body)).toEqual(teamsBody(title, color, facts));
    expect(result.stdout + result.stderr).not.toContain('secret');
  });

  it('escapes & < > of a branch name in the Slack text and blocks (no <!here> mention)', async () => {
    // Slack parses &, < and > as control characters in text and mrkdwn: https://docs.slack.dev/messaging/formatting-message-text#escaping
    const result = await run(shell, NOTIFY, {
      ...notifyEnv('success'),
      DOCKYARD_REF: 'fix/<!here>-&-<https://evil.example|docs>',
      DOCKYARD_TAG_LIST: '',
    });
    expect(result.status, result.stderr).toBe(0);
    const body = JSON.parse(received[0].body) as { text: string; blocks: Array<{ text: { text: string } }> };
    const escaped = 'dockyard: acme/shop succeeded on fix/&lt;!here&gt;-&amp;-&lt;https://evil.example|docs&gt;';
    expect(body.text).toBe(escaped);
    expect(body.blocks[0].text.text.split('\n')[0]).toBe(`*${escaped}*`);
    expect(received[0].body).not.toMatch(/<!here>|<https/);
  });

  it('names no image and no gates when the pipeline failed before publishing', async () => {
    const result = await run(shell, NOTIFY, { ...notifyEnv('failure'), DOCKYARD_TAG_LIST: '' });
    expect(result.status, result.stderr).toBe(0);
    const facts: Array<[string, string]> = [
      ['Image', 'not published'],
      ['Tags', 'none'],
      ['Failed gates', 'none recorded (see the pipeline)'],
      PIPELINE,
    ];
    expect(JSON.parse(received[0].body)).toEqual(slackBody('dockyard: acme/shop failed on main', facts));
    expect(JSON.parse(received[1].body)).toEqual(teamsBody('dockyard: acme/shop failed on main', 'Attention', facts));
  });

  it('fails the job when a webhook answers with an HTTP error, after trying every service, without printing the URL', async () => {
    writeFailedPipeline();
    failing.set(SLACK_PATH, 403);
    const result = await run(shell, NOTIFY, notifyEnv('failure'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the slack message was not delivered');
    expect(result.stderr).toContain('403');
    expect(received.map((r) => r.path)).toEqual([SLACK_PATH, TEAMS_PATH]);
    expect(result.stdout).toContain('teams notified (failure)');
    expect(result.stdout + result.stderr).not.toContain('secret');
  });

  it('fails the job when a webhook secret is empty', async () => {
    const result = await run(shell, NOTIFY, { ...notifyEnv('failure'), DOCKYARD_TEAMS_WEBHOOK: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the teams webhook URL is empty: is its secret set and available to this ref?');
    expect(received.map((r) => r.path)).toEqual([SLACK_PATH]);
  });
});

describe.each(SHELLS)('deployScript with $name', (shell) => {
  const DEPLOY = deployScript(stepScripts, '"$DIR/published"');
  const COMMAND =
    'printf "%s|%s|%s|%s|%s\\n" "$DOCKYARD_IMAGE" "$DOCKYARD_DIGEST" "$DOCKYARD_IMAGE_REF" "$DOCKYARD_TAGS" "$KUBECONFIG_STAGING"; exit "${EXIT:-0}"';
  const env = {
    DOCKYARD_ENVIRONMENT: 'staging',
    DOCKYARD_DEPLOY_COMMAND: COMMAND,
    DOCKYARD_TAG_LIST: 'docker.io/acme/shop:1.4.2\ndocker.io/acme/shop:1.4\nregistry.acme.example/shop/web:1.4.2',
    KUBECONFIG_STAGING: 'kube',
  };

  it('runs the command with the first published image, its digest and its tags', async () => {
    writeFailedPipeline();
    const result = await run(shell, DEPLOY, env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `dockyard: deploying ${IMAGE} to staging\ndocker.io/acme/shop|${DIGEST}|${IMAGE}|1.4.2 1.4|kube\n`,
    );
  });

  it('fails with the command', async () => {
    writeFailedPipeline();
    const result = await run(shell, DEPLOY, { ...env, EXIT: '3' });
    expect(result.status).toBe(3);
  });

  it('deploys nothing when nothing was published on this ref', async () => {
    writeFileSync(join(dir, 'published'), '');
    const result = await run(shell, DEPLOY, env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('dockyard: nothing was published on this ref; staging not deployed\n');
  });
});
