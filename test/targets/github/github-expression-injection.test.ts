import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import { renderPipelineFiles } from '../../../src/synth/render-pipeline-files.js';
import { stepScripts } from '../../support/step-scripts.js';
import { expectConfigIssue } from '../../support/config-issues.js';

// GitHub evaluates `${{ … }}` in almost every workflow value (runs-on, container, with, env, run):
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
// A config string must either be refused or reach the workflow as the literal `${{ '${{' }}` form.
const BASE = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const DEPLOY = { name: 'staging', command: 'true' };

describe('config text is never evaluated as a GitHub expression', () => {
  it.each([
    [
      'platforms[0].runner.github',
      { platforms: [{ platform: 'linux/amd64', runner: { github: '${{ secrets.DEPLOY_KEY }}' } }] },
      '${{ secrets.DEPLOY_KEY }}',
    ],
    [
      'deploy.environments[0].image',
      { deploy: { environments: [{ ...DEPLOY, image: 'alpine:${{ github.token }}' }] } },
      'alpine:${{ github.token }}',
    ],
  ])('%s: "${{" is refused with the path, problem and expected', (path, patch, value) => {
    expectConfigIssue({ ...BASE, ...patch }, path, [
      'contains "${{", which GitHub Actions would evaluate as an expression',
      'expected text without "${{"',
      `got ${JSON.stringify(value)}`,
    ]);
  });

  it.each([
    [
      'an edge rule branch (object)',
      { tags: [{ type: 'edge', branch: 'x${{ secrets.NPM_TOKEN }}' }] },
      'secrets.NPM_TOKEN',
    ],
    ['an edge rule branch (line)', { tags: ['type=edge,branch=x${{ secrets.NPM_TOKEN }}'] }, 'secrets.NPM_TOKEN'],
    ['a raw tag value', { tags: [{ type: 'raw', value: 'v${{branch}}' }] }, 'branch'],
    ['a flavor prefix', { flavor: { prefix: 'p${{sha}}' } }, 'sha'],
    ['a label', { labels: ['org.example.ref=${{tag}}'] }, 'tag'],
    ['an annotation', { annotations: ['org.example.ref=${{tag}}'] }, 'tag'],
    [
      'a build arg',
      { image: { name: 'acme/api', buildArgs: { REF: '${{ github.triggering_actor }}' } } },
      'github.triggering_actor',
    ],
    ['a test command', { test: { commands: ['echo ${{ github.token }}'] } }, 'github.token'],
    ['a deploy command', { deploy: { environments: [{ ...DEPLOY, command: 'echo ${{ secrets.X }}' }] } }, 'secrets.X'],
  ])('%s reaches the workflow literally', (_name, patch, expression) => {
    const result = validateConfig({ ...BASE, ...patch });
    expect(result.ok, result.ok ? '' : JSON.stringify(result.errors)).toBe(true);
    if (!result.ok) return;
    const [github] = renderPipelineFiles(
      result.config,
      { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' },
      { gitlabMetaHelper: '', dockyardVersion: '0.0.0', steps: stepScripts },
    );
    const escaped = "${{ '${{' }}";
    expect(github.content).toContain(escaped);
    const unescaped = github.content.replaceAll(escaped, '');
    expect(unescaped).not.toMatch(new RegExp(`\\$\\{\\{\\s*${expression.replace('.', '\\.')}`));
  });
});
