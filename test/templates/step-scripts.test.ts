import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_SCRIPT_FILES, type StepScripts } from '../../src/emit/step-scripts.js';
import { isShellcheckAvailable } from '../../src/validate/check-shellcheck.js';
import { ROOT } from '../support/paths.js';
import { skipWithoutTools } from '../support/required-tools.js';
import { stepScripts } from '../support/step-scripts.js';

/*
 * The step scripts as files (templates/steps/): each .sh passes shellcheck and `dash -n` as it is, and runs under
 * dash with the variables the pipelines give it (the files themselves, concatenated in the order the emitters join
 * them, no TypeScript in between); the size gate's program runs with node. What the emitters add around the files
 * (directories, the hadolint command) is tested beside them in test/emit/.
 */

const STEPS = resolve(ROOT, 'templates', 'steps');
const COVERAGE_FIXTURES = resolve(ROOT, 'test', 'emit', 'fixtures', 'coverage-reports');
const SH_FILES = readdirSync(STEPS)
  .filter((f) => f.endsWith('.sh'))
  .sort();
const dashMissing = spawnSync('dash', ['-c', 'true']).error !== undefined;
const skip = skipWithoutTools('step scripts under shellcheck and dash', [
  ...(isShellcheckAvailable() ? [] : ['shellcheck']),
  ...(dashMissing ? ['dash'] : []),
]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PLATFORM = { DOCKYARD_PLATFORM: 'linux/amd64', DOCKYARD_SLUG: 'linux-amd64' };

/** Run the named step files, in order, as one `dash -eu` script in the work directory, with only `env` and PATH. */
function runSteps(files: readonly string[], env: Record<string, string> = {}, path = process.env.PATH ?? '') {
  const script = files.map((f) => readFileSync(join(STEPS, f), 'utf8')).join('\n');
  return spawnSync('dash', ['-euc', script], { cwd: dir, encoding: 'utf8', env: { PATH: path, ...env } });
}

/** The fields of a result file in `<dir>/gates`. */
const result = (file: string) =>
  readFileSync(join(dir, 'gates', `${file}.tsv`), 'utf8')
    .replace(/\n$/, '')
    .split('\t');

/** Put an executable `name` (an sh script) on a PATH of its own, ahead of the system PATH. */
function stub(name: string, body: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
  return `${bin}:${process.env.PATH ?? ''}`;
}

describe('templates/steps', () => {
  it('holds exactly the files StepScripts names', () => {
    expect(readdirSync(STEPS).sort()).toEqual(Object.values(STEP_SCRIPT_FILES).sort());
  });

  it.each(Object.entries(STEP_SCRIPT_FILES))('%s (%s): the embedded body has no header left', (field) => {
    const body = stepScripts[field as keyof StepScripts];
    expect(body.length).toBeGreaterThan(0);
    expect(body.startsWith('#!')).toBe(false);
    expect(body.endsWith('\n')).toBe(false);
  });

  it('image-size.cjs: its body holds no single quote (the pipelines embed it in sh single quotes)', () => {
    expect(stepScripts.imageSizeProgram).not.toContain("'");
    expect(spawnSync('node', ['--check', join(STEPS, 'image-size.cjs')]).status).toBe(0);
  });
});

describe.skipIf(skip)('every .sh under shellcheck and dash', () => {
  it.each(SH_FILES)('%s passes shellcheck -s sh and dash -n', (file) => {
    const lint = spawnSync('shellcheck', ['-s', 'sh', join(STEPS, file)], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const parse = spawnSync('dash', ['-n', join(STEPS, file)], { encoding: 'utf8' });
    expect(parse.status, parse.stderr).toBe(0);
  });
});

describe.skipIf(skip)('gate-result.sh', () => {
  it.each([
    ['a per-platform result', ['sbom-linux-amd64', 'sbom', 'linux/amd64', 'pass', 'spdx-json', 'generated']],
    ['tabs and newlines in the figure flattened', ['lint', 'lint', '-', 'fail', '2\tfinding(s)\nmore', 'none']],
  ])('writes %s', (_, args) => {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const run = spawnSync(
      'dash',
      ['-euc', `${readFileSync(join(STEPS, 'gate-result.sh'), 'utf8')}\ngate_result ${quoted}`],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', gates: 'gates' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(result(args[0])).toEqual([...args.slice(1, 4), args[4].replace(/[\t\n]/g, ' '), args[5]]);
  });
});

describe.skipIf(skip)('coverage.sh (after gate-result.sh)', () => {
  const coverage = (env: Record<string, string>) =>
    runSteps(['gate-result.sh', 'coverage.sh'], { gates: 'gates', ...PLATFORM, ...env });

  it.each([
    ['coverage-py.cobertura.xml', 'cobertura', '69.23', 0, '69.23%', 'pass'],
    ['coverage-py.cobertura.xml', 'cobertura', '69.24', 1, '69.23%', 'fail'],
    ['coverage-py.cobertura.xml', 'cobertura', '80', 1, '69.23%', 'fail'],
    ['line-rate-only.cobertura.xml', 'cobertura', '69', 0, '69.23%', 'pass'],
    ['line-rate-only.cobertura.xml', 'cobertura', '69.5', 1, '69.23%', 'fail'],
    ['node-test.lcov.info', 'lcov', '53.84', 0, '53.84%', 'pass'],
    ['node-test.lcov.info', 'lcov', '53.85', 1, '53.84%', 'fail'],
    ['node-test.lcov.info', 'lcov', '0', 0, '53.84%', 'pass'],
  ])('%s (%s), minimum %s: exit %i, figure %s, %s', (fixture, format, minimum, status, figure, verdict) => {
    copyFileSync(join(COVERAGE_FIXTURES, fixture), join(dir, 'report'));
    const summary = join(dir, 'summary.md');
    const run = coverage({
      DOCKYARD_COVERAGE_FILE: join(dir, 'report'),
      DOCKYARD_COVERAGE_FORMAT: format,
      DOCKYARD_COVERAGE_MINIMUM: minimum,
      DOCKYARD_SUMMARY: summary,
    });
    expect(run.status, run.stderr).toBe(status);
    // The line GitLab's coverage regex reads, and GitHub's step summary line.
    expect(run.stdout).toContain(`dockyard: coverage ${figure} (minimum ${minimum}%)`);
    expect(/dockyard: coverage \d+(?:\.\d+)?%/.exec(run.stdout)?.[0]).toBe(`dockyard: coverage ${figure}`);
    expect(readFileSync(summary, 'utf8')).toBe(`dockyard: coverage ${figure} (minimum ${minimum}%) on linux/amd64\n`);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', verdict, figure, `>= ${minimum}%`]);
    if (status !== 0) expect(run.stderr).toContain(`coverage ${figure} is below the minimum of ${minimum}%`);
  });

  it.each([
    ['a missing report', undefined, 'cobertura', 'no coverage report at', 'no report'],
    [
      'an HTML page given as Cobertura',
      '<html><body>coverage</body></html>',
      'cobertura',
      'is not a Cobertura report',
      'unreadable report',
    ],
    [
      'a Cobertura report without line counts',
      '<coverage version="1"></coverage>',
      'cobertura',
      'has no line counts',
      'unreadable report',
    ],
    [
      'an LCOV file without LF/LH records',
      'TN:\nSF:a.js\nend_of_record\n',
      'lcov',
      'counts no coverable lines',
      'no lines',
    ],
    [
      'an LCOV file with no coverable lines',
      'TN:\nSF:a.js\nLF:0\nLH:0\nend_of_record\n',
      'lcov',
      'counts no coverable lines',
      'no lines',
    ],
    ['an unknown format', 'x', 'jacoco', 'unknown coverage format jacoco', 'unknown format'],
  ])('fails on %s', (_, content, format, message, figure) => {
    if (content !== undefined) writeFileSync(join(dir, 'report'), content);
    const run = coverage({
      DOCKYARD_COVERAGE_FILE: join(dir, 'report'),
      DOCKYARD_COVERAGE_FORMAT: format,
      DOCKYARD_COVERAGE_MINIMUM: '80',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^dockyard: coverage gate failed: /);
    expect(run.stderr).toContain(message);
    expect(result('coverage-linux-amd64')).toEqual(['coverage', 'linux/amd64', 'fail', figure, '>= 80%']);
  });
});

describe.skipIf(skip)('lint.sh (after gate-result.sh), with a hadolint stand-in', () => {
  it.each([
    ['no finding', 'exit 0', 0, 'pass', '0 finding(s)'],
    [
      'findings at the threshold',
      "echo 'Dockerfile:3 DL3008 warning: Pin versions'; echo 'Dockerfile:7 SC2086 info: Quote'; exit 1",
      1,
      'fail',
      '2 finding(s)',
    ],
  ])('%s (stand-in: %s): exit %i, %s', (_, body, status, verdict, figure) => {
    const path = stub('hadolint', `echo "$@" > args\n${body}`);
    const run = runSteps(
      ['gate-result.sh', 'lint.sh'],
      {
        gates: 'gates',
        DOCKYARD_DOCKERFILE: 'Dockerfile',
        DOCKYARD_LINT_THRESHOLD: 'warning',
        DOCKYARD_LINT_IGNORE: 'DL3007 DL3018',
      },
      path,
    );
    expect(run.status, run.stderr).toBe(status);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe(
      '--no-color --failure-threshold warning --ignore DL3007 --ignore DL3018 Dockerfile\n',
    );
    expect(result('lint')).toEqual(['lint', '-', verdict, figure, 'no finding >= warning']);
    if (status !== 0) {
      expect(run.stdout).toContain('Dockerfile:3 DL3008');
      expect(run.stderr).toContain('dockyard: hadolint found problems at or above warning in Dockerfile');
    }
  });
});

describe.skipIf(skip)('gate-summary.sh', () => {
  const write = (file: string, fields: string[]) => {
    mkdirSync(join(dir, 'gates'), { recursive: true });
    writeFileSync(join(dir, 'gates', `${file}.tsv`), `${fields.join('\t')}\n`);
  };
  const summary = (env: Record<string, string> = {}) =>
    runSteps(['gate-summary.sh'], { gates: 'gates', out: 'summary.md', ...env });

  it('renders every result file as one table and passes when every gate passed or warned', () => {
    write('size-linux-amd64', ['size', 'linux/amd64', 'warn', '12 MB | big', '<= 10 MB']);
    write('lint', ['lint', '-', 'pass', '0 finding(s)', 'none']);
    const run = summary({ DOCKYARD_GATE_FILES: 'lint size-linux-amd64' });
    expect(run.status, run.stderr).toBe(0);
    const table = [
      '### dockyard gates',
      '',
      '| gate | platform | result | figure | threshold |',
      '| --- | --- | --- | --- | --- |',
      '| lint | - | pass | 0 finding(s) | none |',
      '| size | linux/amd64 | warn | 12 MB \\| big | <= 10 MB |',
      '',
    ].join('\n');
    expect(run.stdout).toBe(table);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(table);
  });

  it.each([
    ['a failed gate', [['lint', ['lint', '-', 'fail', '2 finding(s)', 'none']]], '', '| lint | - | fail |'],
    ['a listed gate without a result file', [], 'smoke-linux-amd64', '| smoke-linux-amd64 | - | missing |'],
  ] as const)('fails on %s', (_, files, listed, row) => {
    for (const [file, fields] of files) write(file, [...fields]);
    const run = summary({ DOCKYARD_GATE_FILES: listed });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(row);
    expect(run.stderr).toBe('dockyard: a gate failed or reported no result; nothing is published\n');
  });
});

const DIGEST = `sha256:${'ab'.repeat(32)}`;

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

describe('image-size.cjs, run with node', () => {
  const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  /** An OCI layout with one gzip layer of `size` zero bytes; returns the manifest bytes. */
  const layout = (size: number): Buffer => {
    const blobs = join(dir, 'layout', 'blobs', 'sha256');
    mkdirSync(blobs, { recursive: true });
    const put = (bytes: Buffer) => {
      writeFileSync(join(blobs, sha(bytes).slice(7)), bytes);
      return sha(bytes);
    };
    const layer = gzipSync(Buffer.alloc(size));
    const config = Buffer.from('{}');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: put(layer), size: layer.length }],
      }),
    );
    const index = {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: put(manifest),
          size: manifest.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
      ],
    };
    writeFileSync(join(dir, 'layout', 'index.json'), JSON.stringify(index));
    return manifest;
  };
  const measure = (env: Record<string, string>) => {
    const run = spawnSync('node', [join(STEPS, 'image-size.cjs')], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        DOCKYARD_PLATFORM: 'linux/amd64',
        DOCKYARD_SIZE_MEASURE: 'uncompressed',
        DOCKYARD_SIZE_ON_EXCEED: 'fail',
        DOCKYARD_RESULT_FILE: join(dir, 'result'),
        ...env,
      },
    });
    const written = readFileSync(join(dir, 'result'), 'utf8');
    return { ...run, result: written.replace(/\n$/, '').split('\t') };
  };

  it.each([
    ['under the limit', '3', 'fail', 0, 'pass'],
    ['over the limit, fail', '1', 'fail', 1, 'fail'],
    ['over the limit, warn', '1', 'warn', 0, 'warn'],
  ])('%s: exit %i, %s', (_, limit, onExceed, status, verdict) => {
    layout(2_000_000);
    const run = measure({
      DOCKYARD_LAYOUT: join(dir, 'layout'),
      DOCKYARD_SIZE_LIMIT: limit,
      DOCKYARD_SIZE_ON_EXCEED: onExceed,
    });
    expect(run.status, run.stderr).toBe(status);
    expect(run.result[0]).toBe(verdict);
    expect(run.result[1]).toMatch(/^0\.00 MB compressed, 2\.00 MB uncompressed$/);
    expect(run.result[2]).toBe(`<= ${limit} MB uncompressed (${onExceed})`);
    if (status === 1) expect(run.stderr).toContain('the uncompressed size 2.00 MB exceeds the limit of 1 MB');
  });

  it('measures the compressed size from a recorded manifest that hashes to the candidate digest', () => {
    const manifest = layout(1000);
    writeFileSync(join(dir, 'manifest.json'), manifest);
    const run = measure({
      DOCKYARD_MANIFEST: join(dir, 'manifest.json'),
      DOCKYARD_DIGEST: sha(manifest),
      DOCKYARD_SIZE_LIMIT: '1',
      DOCKYARD_SIZE_MEASURE: 'compressed',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.result).toEqual(['pass', '0.00 MB compressed', '<= 1 MB compressed (fail)']);
  });

  it.each([
    [
      'an archive without index.json',
      { DOCKYARD_LAYOUT: 'missing' },
      'cannot read the candidate archive',
      'unreadable archive',
    ],
    [
      'a manifest with another digest',
      { DOCKYARD_MANIFEST: 'manifest.json', DOCKYARD_DIGEST: DIGEST, DOCKYARD_SIZE_MEASURE: 'compressed' },
      `not the candidate digest ${DIGEST}`,
      'unreadable manifest',
    ],
  ])('exits 2 on %s', (_, env, message, figure) => {
    writeFileSync(join(dir, 'manifest.json'), '{"layers":[]}');
    const absolute = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        k === 'DOCKYARD_DIGEST' || k === 'DOCKYARD_SIZE_MEASURE' ? v : join(dir, v),
      ]),
    );
    const run = measure({ DOCKYARD_SIZE_LIMIT: '1', ...absolute });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.result[1]).toBe(figure);
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
