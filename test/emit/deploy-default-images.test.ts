import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { ROOT } from '../support/paths.js';
import { stepScripts } from '../support/step-scripts.js';

/*
 * No default deploy image may lack a tool the documented example (docs/deploy-and-notify.md) calls. What each
 * image holds, from its own source:
 * - the GitHub runner: https://github.com/actions/runner-images/blob/main/images/ubuntu/Ubuntu2404-Readme.md
 * - registry.k8s.io/kubectl: https://github.com/kubernetes/kubernetes/blob/master/build/server-image/kubectl/Dockerfile
 *   (debian-base plus bash, grep, sed, gawk, coreutils, jq; the kubectl binary)
 * - alpine: busybox only (https://hub.docker.com/_/alpine), the former GitLab default.
 */
const RUNNER = 'the ubuntu-24.04 runner';
const TOOLS: Record<string, readonly string[]> = {
  [RUNNER]: ['sh', 'bash', 'printf', 'kubectl', 'helm', 'kustomize', 'jq', 'yq', 'curl', 'aws', 'az', 'gcloud', 'ssh'],
  'registry.k8s.io/kubectl:v1.34.1': ['sh', 'bash', 'printf', 'kubectl', 'jq', 'grep', 'sed', 'awk'],
  'docker.io/library/alpine:3.22.2': ['sh', 'printf', 'grep', 'sed', 'awk', 'wget'],
};
/** The external tools a deploy command might call (shell builtins and repository scripts aside). */
const EXTERNAL = ['kubectl', 'helm', 'kustomize', 'jq', 'yq', 'curl', 'aws', 'az', 'gcloud', 'ssh'];

/** The `deploy` and `notify` keys of the documented example, evaluated as the TypeScript object literal it is. */
function documentedExample(): Record<string, unknown> {
  const doc = readFileSync(join(ROOT, 'docs', 'deploy-and-notify.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/deploy-and-notify.md: no ts example block');
  return new Function(`return ({${block}});`)() as Record<string, unknown>;
}

const example = documentedExample();
const result = validateConfig({
  ci: ['github', 'gitlab'],
  image: { name: 'acme/shop' },
  test: { commands: ['true'] },
  ...example,
});
if (!result.ok) throw new Error(JSON.stringify(result.errors));
const pipeline = planPipeline(result.config);
const environments = result.config.deploy!.environments;

type Jobs = Record<string, { container?: string; image?: { name: string; entrypoint?: string[] } }>;
const github = emitGithubWorkflow(stepScripts, pipeline).jobs as unknown as Jobs;
const gitlab = emitGitlabCi(stepScripts, pipeline, '.gitlab/dockyard-meta.mjs') as unknown as Jobs;

describe.each(environments.map((e) => [e.name, e] as const))(
  'the documented deploy example, environment %s',
  (name, environment) => {
    const used = EXTERNAL.filter((tool) => new RegExp(`(^|[\\s;&|(])${tool}\\b`).test(environment.command));

    it.each([
      ['GitHub', () => github[`deploy-${name}`].container ?? RUNNER],
      ['GitLab', () => gitlab[`deploy-${name}`].image!.name],
    ])('%s: the image the command runs in has every tool it calls', (_, imageOf) => {
      const image = imageOf();
      expect(Object.keys(TOOLS), `unknown deploy image ${image}: add what it holds, from its source`).toContain(image);
      expect(
        used.filter((tool) => !TOOLS[image].includes(tool)),
        `${image} lacks a tool of: ${environment.command}`,
      ).toEqual([]);
    });

    it('GitLab: the entrypoint is reset, so a tool image (entrypoint kubectl) runs the job script', () => {
      expect(gitlab[`deploy-${name}`].image!.entrypoint).toEqual(['']);
    });
  },
);

describe('the documented deploy example', () => {
  it('calls kubectl with the default image in at least one environment (the case the defaults must cover)', () => {
    expect(environments.some((e) => e.image === undefined && /\bkubectl\b/.test(e.command))).toBe(true);
  });
});
