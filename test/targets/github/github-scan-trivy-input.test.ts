import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../../src/targets/github/emit-github-workflow.js';
import type { GithubStep } from '../../../src/targets/github/github-types.js';
import { planPipeline } from '../../../src/model/plan-pipeline.js';
import { findStaticBusybox } from '../../support/loopback-registry.js';
import { writeBuildkitOciArchive } from '../../support/buildkit-oci-archive.js';
import { writeTrivyInputStandIn } from '../../support/trivy-input-stand-in.js';
import { stepScripts } from '../../support/step-scripts.js';

/*
 * The GitHub scan job against a candidate archive in BuildKit's `type=oci` format (what the build job's buildx
 * writes), with a stand-in `trivy` that opens `--input` exactly as Trivy v0.69.3 does
 * (test/support/trivy-input-stand-in.ts: a `docker save` tar or an OCI layout directory, never an OCI tar, the name
 * cut at `@` or `:`). The job's own steps run with bash: the "Unpack the candidate for Trivy" step, then every Trivy
 * step as trivy-action runs it (`trivy image ... --input <input>`, aquasecurity/trivy-action entrypoint.sh), with
 * `${{ runner.temp }}` and `${{ steps.layout.outputs.digest }}` replaced by what the runner would put there.
 */
let work: string;
let bin: string;

type Step = GithubStep & { id?: string; uses?: string; run?: string; with?: Record<string, unknown> };

function scanSteps(scan: Record<string, unknown>): Step[] {
  const result = validateConfig({
    ci: ['github'],
    image: { name: 'ghcr.io/acme/api' },
    cache: 'none',
    test: { commands: ['true'] },
    scan,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const workflow = emitGithubWorkflow(stepScripts, planPipeline(result.config)) as unknown as {
    jobs: Record<string, { steps: Step[] }>;
  };
  return workflow.jobs.scan!.steps;
}

/** Run the unpack step, then every Trivy step's `--input`, with the runner's values; returns what Trivy scanned. */
function runScan(steps: Step[], runnerTemp: string, log: string): { scanned: string[]; errors: string } {
  const output = join(runnerTemp, 'github-output');
  writeFileSync(output, '');
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: output,
    TRIVY_STAND_IN_LOG: log,
  };
  const outputs: Record<string, string> = {};
  let errors = '';
  for (const step of steps) {
    if (step.run !== undefined && step.id === 'layout') {
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', step.run], { env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      for (const line of readFileSync(output, 'utf8').trim().split('\n'))
        outputs[line.split('=')[0]!] = line.slice(line.indexOf('=') + 1);
    }
    if (step.uses?.startsWith('aquasecurity/trivy-action@')) {
      const input = String(step.with!.input)
        .replaceAll('${{ runner.temp }}', runnerTemp)
        .replaceAll('${{ steps.layout.outputs.digest }}', outputs.digest ?? '');
      const run = spawnSync(join(bin, 'trivy'), ['image', '--input', input], { env, encoding: 'utf8' });
      errors += run.stderr;
    }
  }
  return { scanned: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean), errors };
}

describe('GitHub scan job on a BuildKit OCI archive, with a stand-in Trivy that opens --input as Trivy v0.69.3 does', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockyard-gh-scan-'));
    bin = writeTrivyInputStandIn(work);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ['the gate only', { severities: ['CRITICAL', 'HIGH'] }, 1],
    ['the gate, then the SARIF report', { severities: ['CRITICAL'], report: true }, 2],
  ])('%s: every Trivy step scans the digest the build recorded', (_, scan, runs) => {
    const runnerTemp = join(work, `runner-${runs}`);
    const candidate = join(runnerTemp, 'dockyard');
    mkdirSync(candidate, { recursive: true });
    const busybox = findStaticBusybox() ?? '/bin/sh';
    const archive = writeBuildkitOciArchive(candidate, {
      platform: 'linux/amd64',
      files: { '/bin/busybox': busybox },
      name: 'docker.io/library/dockyard-candidate:linux-amd64',
    });
    writeFileSync(join(candidate, 'digest'), `${archive.digest}\n`);
    const log = join(runnerTemp, 'trivy.log');
    writeFileSync(log, '');
    const { scanned, errors } = runScan(scanSteps(scan), runnerTemp, log);
    expect(errors).toBe('');
    expect(scanned).toHaveLength(runs);
    for (const line of scanned) expect(line.split(' ')[1]).toBe(archive.digest);
  });

  it('the archive path itself, as the scan job passed it before, is what Trivy cannot open', () => {
    const runnerTemp = join(work, 'runner-old');
    const candidate = join(runnerTemp, 'dockyard');
    mkdirSync(candidate, { recursive: true });
    const archive = writeBuildkitOciArchive(candidate, { platform: 'linux/amd64', files: { '/bin/sh': '/bin/sh' } });
    const run = spawnSync(join(bin, 'trivy'), ['image', '--input', archive.path], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('as a Docker image: file manifest.json not found in tar');
  });
});
