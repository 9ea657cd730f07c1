import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../../src/config/validate-config.js';
import { githubLiteral } from '../../../src/targets/github/github-literal.js';
import { readRenderAssets } from '../../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../../src/synth/render-pipeline-files.js';
import { checkWithWorkflowParser } from '../../../src/validate/check-github-parser.js';

describe('githubLiteral', () => {
  it.each([
    ['plain', 'plain'],
    ['echo ${{ secrets.X }}', "echo ${{ '${{' }} secrets.X }}"],
    ['a ${{ b ${{ c', "a ${{ '${{' }} b ${{ '${{' }} c"],
    ['$HOME and ${HOME}', '$HOME and ${HOME}'],
  ])('%s', (input, output) => {
    expect(githubLiteral(input)).toBe(output);
  });

  it('keeps config strings out of expression evaluation in the rendered workflow', async () => {
    const result = validateConfig({
      ci: ['github'],
      image: { name: 'a/b', buildArgs: { NOTE: 'built by ${{ github.actor }}' } },
      test: { commands: ['echo "${{ secrets.GITHUB_TOKEN }}"'] },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [file] = renderPipelineFiles(result.config, { configFile: 'c', command: 'x' }, readRenderAssets());
    expect(file.content).not.toContain('built by ${{ github.actor }}');
    expect(file.content).toContain(`NOTE=built by \${{ '\${{' }} github.actor }}`);
    expect(await checkWithWorkflowParser(file.content, 'w.yml')).toEqual([]);
    const workflow = parse(file.content) as {
      jobs: { test: { steps: Array<{ name: string; env?: Record<string, string> }> } };
    };
    expect(workflow.jobs.test.steps.at(-1)?.name).not.toContain('${{ secrets');
    expect(workflow.jobs.test.steps.at(-1)?.env?.TEST_COMMAND).toBe(`echo "\${{ '\${{' }} secrets.GITHUB_TOKEN }}"`);
  });
});

describe('generated run: blocks', () => {
  it('never contain ${{ }} expressions (values reach scripts through env:)', async () => {
    const { GOLDEN_SCENARIOS } = await import('../../golden/scenarios.js');
    for (const [name, input] of Object.entries(GOLDEN_SCENARIOS)) {
      const result = validateConfig(input);
      if (!result.ok) throw new Error(name);
      for (const file of renderPipelineFiles(
        result.config,
        { configFile: 'c', command: 'x' },
        readRenderAssets(),
      ).filter((f) => f.ci === 'github')) {
        const workflow = parse(file.content) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
        for (const [jobId, job] of Object.entries(workflow.jobs)) {
          for (const step of job.steps ?? []) expect(step.run ?? '', `${name} ${jobId}`).not.toContain('${{');
        }
      }
    }
  });
});
