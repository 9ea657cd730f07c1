import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { renderGoldenPipelineFiles } from '../support/render-golden.js';
import { ROOT } from '../support/paths.js';

/*
 * The fast golden check: render every scenario in memory and compare the bytes with test/golden/ (seconds, no child
 * process). The validators (actionlint, the JSON Schemas, shellcheck, gitlab-ci-local) run on the same files in
 * golden-validators.test.ts.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe.each(Object.keys(GOLDEN_SCENARIOS))('golden scenario %s', (name) => {
  it('matches the reviewed golden files (UPDATE_GOLDEN=1 to rewrite)', () => {
    for (const file of renderGoldenPipelineFiles(name)) {
      const golden = resolve(ROOT, 'test', 'golden', name, file.path);
      if (UPDATE) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, file.content);
      }
      expect(existsSync(golden), `golden file ${name}/${file.path}`).toBe(true);
      expect(file.content).toBe(readFileSync(golden, 'utf8'));
    }
  });
});
