import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { stepScripts } from '../support/step-scripts.js';

function plan(annotationLevels?: string[]) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    annotations: ['com.acme.team=platform'],
    ...(annotationLevels ? { annotationLevels } : {}),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

type Steps = Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>;

describe.each([
  [undefined, true, false],
  [['manifest'], true, false],
  [['index'], false, true],
  [['manifest', 'index'], true, true],
])('annotationLevels %j', (levels, onManifest, onIndex) => {
  it(`GitHub: build-push-action ${onManifest ? 'gets' : 'does not get'} the annotations; imagetools create ${onIndex ? 'moves them to the index' : 'adds none'}`, () => {
    const jobs = emitGithubWorkflow(stepScripts, plan(levels)).jobs as Record<string, { steps: Steps }>;
    const build = jobs.build.steps.find((s) => s.uses?.startsWith('docker/build-push-action'))!;
    expect(build.with?.annotations).toBe(onManifest ? '${{ needs.metadata.outputs.annotations }}' : undefined);
    const script = jobs.manifest.steps.find((s) => s.run?.includes('imagetools create'))!.run!;
    expect(script.includes('--annotation "index:${line#manifest:}"')).toBe(onIndex);
  });

  it(`GitLab: buildah build ${onManifest ? 'gets' : 'does not get'} --annotation; buildah manifest create ${onIndex ? 'gets' : 'does not get'} them`, () => {
    const ci = emitGitlabCi(stepScripts, plan(levels), '.gitlab/dockyard-meta.mjs') as Record<
      string,
      { script: string[] }
    >;
    expect(ci.build.script.join('\n').includes('--annotation "$item"')).toBe(onManifest);
    const manifest = ci.manifest.script.join('\n');
    expect(manifest.includes('--annotation "$item"')).toBe(onIndex);
    expect(manifest).toContain(
      onIndex ? 'buildah manifest create "$@" dockyard-index' : 'buildah manifest create dockyard-index',
    );
  });
});

it('rejects an annotation level listed twice or an unknown level, naming the path', () => {
  for (const [levels, message] of [
    [['index', 'index'], 'lists a level twice'],
    [['platform'], 'one of "manifest", "index"'],
  ] as const) {
    const result = validateConfig({
      ci: ['github'],
      image: { name: 'acme/api' },
      test: { commands: ['true'] },
      annotationLevels: levels,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const issue = result.errors[0];
      expect(issue.path).toMatch(/^annotationLevels/);
      expect(`${issue.problem} ${issue.expected}`).toContain(message);
    }
  }
});
