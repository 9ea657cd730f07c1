import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_PINS } from '../../../src/targets/github/action-pins.js';
import { EXAMPLES_DIR, ROOT } from '../../support/paths.js';

/*
 * "Re-run failed jobs" runs the failed jobs again in the same workflow run; actions/upload-artifact v4+ refuses a
 * second upload of an artifact name in a run unless `overwrite: true` ("If false, the action will fail if an
 * artifact for the given name already exists", https://github.com/actions/upload-artifact#inputs). Every upload a
 * generated workflow makes can be repeated by such a re-run (the build's candidate, the push's digest, the SBOM,
 * the coverage report, the gate results, the published digests), so every one must overwrite.
 */

/** Every committed GitHub workflow: the golden scenarios' and the examples'. */
function workflowFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) found.push(path);
    }
  };
  walk(join(ROOT, 'test', 'golden'));
  walk(EXAMPLES_DIR);
  return found.sort();
}

interface UploadStep {
  file: string;
  job: string;
  step: string;
  with: Record<string, unknown>;
}

function uploadSteps(file: string): UploadStep[] {
  const workflow = parse(readFileSync(file, 'utf8')) as {
    jobs?: Record<string, { steps?: Array<Record<string, unknown>> }>;
  };
  return Object.entries(workflow.jobs ?? {}).flatMap(([job, body]) =>
    (body.steps ?? [])
      .filter((s) => typeof s.uses === 'string' && s.uses.startsWith(`${ACTION_PINS.uploadArtifact.action}@`))
      .map((s) => ({
        file: relative(ROOT, file),
        job,
        step: String(s.name),
        with: (s.with ?? {}) as Record<string, unknown>,
      })),
  );
}

const files = workflowFiles();
const uploads = files.flatMap(uploadSteps);

describe('every upload-artifact step of every golden and example workflow survives "Re-run failed jobs"', () => {
  it('finds the workflows and their uploads (the scan is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(uploads.length).toBeGreaterThan(50);
    // Each kind of upload a re-run can repeat is present in the scan.
    for (const name of [
      'Upload the candidate',
      'Upload the gate results',
      'Upload the SBOM',
      'Upload the pushed digests',
      'Upload the published digests',
      'Upload the coverage report',
    ]) {
      expect(
        uploads.some((u) => u.step === name),
        name,
      ).toBe(true);
    }
  });

  it('the pinned upload-artifact is v4 or later (the version whose names are unique per run)', () => {
    expect(Number(/^v(\d+)/.exec(ACTION_PINS.uploadArtifact.tag)?.[1])).toBeGreaterThanOrEqual(4);
  });

  it('sets overwrite: true on each of them', () => {
    const missing = uploads.filter((u) => u.with.overwrite !== true).map((u) => `${u.file}: ${u.job} / ${u.step}`);
    expect(missing).toEqual([]);
  });
});
