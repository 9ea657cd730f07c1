import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleGitlabMeta } from '../../scripts/bundle-gitlab-meta-lib.mjs';
import { ROOT } from '../support/paths.js';

describe('templates/gitlab/dockyard-meta.mjs', () => {
  it('is the current bundle of src/tags (npm run bundle)', async () => {
    const committed = readFileSync(resolve(ROOT, 'templates', 'gitlab', 'dockyard-meta.mjs'), 'utf8');
    expect(
      committed === (await bundleGitlabMeta()),
      'templates/gitlab/dockyard-meta.mjs is stale: run npm run bundle',
    ).toBe(true);
  });

  it('is readable: not minified, each part named by its source file, no package imports', () => {
    const committed = readFileSync(resolve(ROOT, 'templates', 'gitlab', 'dockyard-meta.mjs'), 'utf8');
    const lines = committed.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(300);
    expect(lines.length).toBeGreaterThan(1000);
    for (const part of [
      '// src/tags/template.ts',
      '// src/tags/moment-format.ts',
      '// src/tags/csv-fields.ts',
      '// src/tags/compute-meta.ts',
    ]) {
      expect(lines).toContain(part);
    }
    expect(lines.filter((line) => line.startsWith('import ')).sort()).toEqual([
      'import { dirname } from "node:path";',
      'import { mkdirSync, writeFileSync } from "node:fs";',
    ]);
  });

  it('runs on its own, outside any node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockyard-helper-'));
    try {
      copyFileSync(resolve(ROOT, 'templates', 'gitlab', 'dockyard-meta.mjs'), join(dir, 'helper.mjs'));
      const run = spawnSync(process.execPath, ['helper.mjs', 'out/meta.env', 'out/meta.json'], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          CI_PIPELINE_SOURCE: 'push',
          CI_COMMIT_BRANCH: 'main',
          CI_COMMIT_SHA: 'a'.repeat(40),
          DOCKYARD_META_IMAGES: 'registry.example/acme/api',
        },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(dir, 'out', 'meta.env'), 'utf8')).toContain(
        'DOCKYARD_TAGS=registry.example/acme/api:main',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
