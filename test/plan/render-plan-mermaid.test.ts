import { describe, expect, it } from 'vitest';
import type { PlanJob, PlanView } from '../../src/plan/describe-plan.js';
import { escapeMermaidLabel, renderPlanMermaid } from '../../src/plan/render-plan-mermaid.js';
import { renderPlanText } from '../../src/plan/render-plan-text.js';
import { checkMermaidFlowchart } from '../support/check-mermaid-flowchart.js';
import { parseMermaid } from '../support/parse-mermaid.js';

const job = (id: string, extra: Partial<PlanJob> = {}): PlanJob => ({
  id,
  title: `the ${id} job`,
  stage: 'verify',
  needs: [],
  perPlatform: false,
  runs: [{ platform: null, runner: ['ubuntu-24.04'], emulated: false }],
  gates: [],
  publishes: [],
  tagsImage: false,
  produces: [],
  environments: [],
  notifications: null,
  caveat: null,
  steps: [],
  ...extra,
});

const view = (jobs: PlanJob[]): PlanView => ({
  version: 1,
  ci: 'github',
  configured: ['github'],
  image: 'acme/api',
  platforms: ['linux/amd64', 'linux/arm/v7'],
  registries: ['ghcr.io/acme/api'],
  jobs,
});

describe('renderPlanMermaid', () => {
  it.each([
    ['quotes', 'say "hi"', 'say #34;hi#34;'],
    ['brackets and braces', 'a [b] {c}', 'a #91;b#93; #123;c#125;'],
    ['html and entities', '<b>&#quot;', '#60;b#62;#38;#35;quot;'],
    ['pipes and backticks', 'a|`b`', 'a#124;#96;b#96;'],
    ['line breaks', 'one\ntwo', 'one<br/>two'],
  ])('escapes %s in labels', (_, text, escaped) => {
    expect(escapeMermaidLabel(text)).toBe(escaped);
  });

  it('renders job kinds it does not know (deploy, notify) with unsafe ids and labels, and Mermaid parses the result', async () => {
    const jobs = [
      job('metadata'),
      job('build', {
        needs: ['metadata'],
        perPlatform: true,
        runs: [
          { platform: 'linux/amd64', runner: ['ubuntu-24.04'], emulated: false },
          { platform: 'linux/arm/v7', runner: ['ubuntu-24.04'], emulated: true },
        ],
      }),
      job('deploy-"prod" [eu]', {
        stage: 'publish',
        needs: ['build'],
        publishes: ['ghcr.io/acme/api'],
        gates: [{ gate: 'approval', threshold: 'a reviewer approves' }],
      }),
      job('deploy_"prod"_[eu]', { stage: 'publish', needs: ['deploy-"prod" [eu]'] }),
      job('end', { stage: 'publish', needs: ['deploy_"prod"_[eu]', 'not-a-job'] }),
    ];
    const text = renderPlanMermaid(view(jobs)).join('\n');
    expect(await parseMermaid(text)).toBe('flowchart-v2');
    expect(checkMermaidFlowchart(text)).toEqual([]);
    expect(text).toContain(
      'job_deploy__prod___eu_{{"deploy-#34;prod#34; #91;eu#93;<br/>gate: approval<br/>publishes<br/>ubuntu-24.04"}}',
    );
    expect(text).toContain('job_deploy__prod___eu__2["deploy_#34;prod#34;_#91;eu#93;<br/>ubuntu-24.04"]');
    expect(text).toContain('job_deploy__prod___eu_ --> job_deploy__prod___eu__2');
    expect(text).toContain('linux/arm/v7<br/>ubuntu-24.04 (QEMU)');
    expect(text).not.toContain('not_a_job');
    expect(renderPlanText(view(jobs)).join('\n')).toContain('gate approval: a reviewer approves');
  });

  it.each([
    ['an unescaped quote', 'flowchart LR\n  a["x"y"]'],
    ['an unclosed subgraph', 'flowchart LR\n  subgraph s["s"]\n  a["x"]'],
  ])('the checks reject %s', async (_, text) => {
    await expect(parseMermaid(text)).rejects.toThrow(/Parse error/);
    expect(checkMermaidFlowchart(text)).not.toEqual([]);
  });
});
