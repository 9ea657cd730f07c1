import { describe, expect, it } from 'vitest';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { renderGoldenPipelineFiles } from '../support/render-golden.js';
import { describeFindings, validateGeneratedFile } from '../support/validate-generated.js';

/*
 * The slow golden check: every validator (GitHub's workflow parser, actionlint, the SchemaStore and GitLab JSON
 * Schemas, shellcheck on every script, gitlab-ci-local --list) on every golden scenario's pipeline files, with zero
 * findings. The byte comparison is golden.test.ts.
 */
describe.each(Object.keys(GOLDEN_SCENARIOS))('golden scenario %s', (name) => {
  it('passes every validator with zero findings', async () => {
    const files = renderGoldenPipelineFiles(name);
    for (const file of files) {
      expect(describeFindings(await validateGeneratedFile(file, files)), `${name}/${file.path}`).toEqual([]);
    }
  });
});
