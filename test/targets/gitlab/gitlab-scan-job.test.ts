import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGitlabCi } from '../../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { writeTrivyInputStandIn } from '../../support/trivy-input-stand-in.js';
import { gitlabJobsById } from '../../support/gitlab-jobs.js';
import { stepScripts } from '../../support/step-scripts.js';

/*
 * The GitLab scan job's script, run for real in dash against an OCI archive laid out as `buildah push oci-archive:`
 * writes it, with a stand-in `trivy` that opens `--input` exactly as Trivy v0.69.3 does (test/support/trivy-input-stand-in.ts):
 * Trivy reads a Docker archive tar or an OCI layout *directory*, never an OCI tar, and cuts `--input` at `@` or `:`.
 * The gate and the report must both scan the recorded candidate digest, and the report's image name must have the
 * form GitLab's container scanning schema requires (`^[^:]+(:\d+[^:]*)?:[^:]+$`, quoted in
 * https://gitlab.com/gitlab-org/gitlab/-/issues/372273).
 */
const GITLAB_REPORT_IMAGE = /^[^:]+(:\d+[^:]*)?:[^:]+$/;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let work: string;
let bin: string;

/** An OCI archive (oci-layout, index.json, blobs/sha256/*) holding one image; returns its manifest digest. */
function writeOciArchive(dir: string): string {
  const layout = join(work, 'layout');
  rmSync(layout, { recursive: true, force: true });
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  mkdirSync(join(work, 'root', 'etc'), { recursive: true });
  writeFileSync(join(work, 'root', 'etc', 'os-release'), 'ID=alpine\nVERSION_ID=3.23.3\n');
  const tar = spawnSync('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '-cf',
    '-',
    '-C',
    join(work, 'root'),
    'etc',
  ]);
  const layer = spawnSync('gzip', ['-n'], { input: tar.stdout }).stdout;
  const blob = (bytes: Buffer | string) => {
    const hex = sha256(bytes);
    writeFileSync(join(layout, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  const layerBlob = blob(layer);
  const config = blob(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar.stdout)}`] },
    }),
  );
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layerBlob }],
    }),
  );
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion": "1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  mkdirSync(dir, { recursive: true });
  spawnSync('tar', ['-cf', join(dir, 'image.tar'), '-C', layout, 'oci-layout', 'index.json', 'blobs']);
  writeFileSync(join(dir, 'digest'), `${manifest.digest}\n`);
  return manifest.digest;
}

function scanJob(scan: Record<string, unknown>): { script: string[] } {
  const result = validateConfig({
    ci: ['gitlab'],
    image: { name: 'acme/api' },
    cache: 'none',
    test: { commands: ['true'] },
    scan,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return (
    gitlabJobsById(emitGitlabCi(stepScripts, planPipeline(result.config), '.gitlab/dockyard-meta.mjs')) as Record<
      string,
      { script: string[] }
    >
  ).scan;
}

describe('GitLab scan job against an OCI archive, with a stand-in Trivy that opens --input as Trivy v0.69.3 does', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-scan-'));
    bin = writeTrivyInputStandIn(work);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ['the gate only', { severities: ['CRITICAL', 'HIGH'] }, 1],
    [
      'the container scanning report, then the gate',
      { severities: ['CRITICAL', 'HIGH'], ignoreUnfixed: true, report: true },
      2,
    ],
  ])('%s: every Trivy run scans the recorded candidate digest', (_, scan, runs) => {
    const project = join(work, `project-${runs}`);
    const digest = writeOciArchive(join(project, 'dockyard', 'linux-amd64'));
    const log = join(project, 'trivy.log');
    const run = spawnSync('dash', ['-euc', scanJob(scan).script.join('\n')], {
      cwd: project,
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        DOCKYARD_SLUG: 'linux-amd64',
        DOCKYARD_PLATFORM: 'linux/amd64',
        TRIVY_STAND_IN_LOG: log,
      },
    });
    expect(run.status, run.stderr).toBe(0);
    const scanned = readFileSync(log, 'utf8').trim().split('\n');
    expect(scanned).toHaveLength(runs);
    for (const line of scanned) expect(line.split(' ')[1]).toBe(digest);
    if (runs === 2) {
      const report = JSON.parse(readFileSync(join(project, 'gl-container-scanning-report.json'), 'utf8')) as {
        image: string;
      };
      expect(report.image).toMatch(GITLAB_REPORT_IMAGE);
      expect(report.image).toBe(`dockyard-candidate@${digest}`);
    }
  });

  it('the stand-in rejects what Trivy rejects: an OCI tar by its path, and a name cut at ":" into a missing directory', () => {
    const project = join(work, 'rejects');
    writeOciArchive(join(project, 'dockyard', 'linux-amd64'));
    const trivy = (input: string) =>
      spawnSync(join(bin, 'trivy'), ['image', '--input', input], { cwd: project, encoding: 'utf8' });
    const tar = trivy('dockyard/linux-amd64/image.tar');
    expect(tar.status).toBe(1);
    expect(tar.stderr).toContain(
      'unable to open dockyard/linux-amd64/image.tar as a Docker image: file manifest.json not found in tar',
    );
    expect(tar.stderr).toContain('stat dockyard/linux-amd64/image.tar/index.json: not a directory');
    const named = trivy('dockyard-candidate:linux-amd64');
    expect(named.status).toBe(1);
    expect(named.stderr).toContain(
      'unable to open dockyard-candidate:linux-amd64 as an OCI Image: stat dockyard-candidate/index.json: no such file or directory',
    );
  });
});
