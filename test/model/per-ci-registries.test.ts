import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { gitlabJobsById } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

type Obj = Record<string, any>;
const BASE = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] }, cache: 'none' };

function render(registries: unknown[]) {
  const result = validateConfig({ ...BASE, registries });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const github = emitGithubWorkflow(stepScripts, planPipeline(result.config, 'github')).jobs as unknown as Obj;
  const gitlab = gitlabJobsById(
    emitGitlabCi(stepScripts, planPipeline(result.config, 'gitlab'), '.gitlab/dockyard-meta.mjs'),
  ) as Obj;
  const githubLogin = (github.push.steps as Obj[]).find((s) =>
    String(s.uses ?? '').startsWith('docker/login-action'),
  )!.with;
  const gitlabLogin = (gitlab.push.script as string[]).find((l) => l.includes('skopeo login'))!;
  return { githubLogin, gitlabLogin, githubPermissions: github.push.permissions, result };
}

describe('registry credentials per CI system', () => {
  it('ghcr with credentials for GitLab only: GITHUB_TOKEN on GitHub, the PAT on GitLab', () => {
    const { githubLogin, gitlabLogin } = render([
      { type: 'ghcr', credentials: { gitlab: { username: 'GHCR_USER', password: 'GHCR_PAT' } } },
    ]);
    expect(githubLogin).toMatchObject({
      registry: 'ghcr.io',
      username: '${{ github.actor }}',
      password: '${{ secrets.GITHUB_TOKEN }}',
    });
    expect(gitlabLogin).toBe(
      'printf \'%s\' "$GHCR_PAT" | skopeo login --username "$GHCR_USER" --password-stdin "ghcr.io"',
    );
  });

  it('the GitLab registry with credentials for GitHub only: the deploy token on GitHub, CI_REGISTRY_* on GitLab', () => {
    const { githubLogin, gitlabLogin } = render([
      {
        type: 'gitlab',
        host: 'registry.gitlab.com',
        repository: 'acme/api',
        credentials: { github: { username: 'GL_DEPLOY_USER', password: 'GL_DEPLOY_TOKEN' } },
      },
    ]);
    expect(githubLogin).toMatchObject({
      registry: 'registry.gitlab.com',
      username: '${{ secrets.GL_DEPLOY_USER }}',
      password: '${{ secrets.GL_DEPLOY_TOKEN }}',
    });
    expect(gitlabLogin).toBe(
      'printf \'%s\' "$CI_REGISTRY_PASSWORD" | skopeo login --username "$CI_REGISTRY_USER" --password-stdin "registry.gitlab.com"',
    );
  });

  it.each([
    [
      'ghcr with credentials for GitHub only is still refused on GitLab',
      { type: 'ghcr', credentials: { github: { username: 'U', password: 'P' } } },
      'ghcr needs credentials on GitLab',
      'or credentials: { gitlab: { username, password } } to keep GITHUB_TOKEN on GitHub',
    ],
    [
      'the GitLab registry with credentials for GitLab only is still refused on GitHub',
      {
        type: 'gitlab',
        host: 'registry.gitlab.com',
        repository: 'acme/api',
        credentials: { gitlab: { username: 'U', password: 'P' } },
      },
      'the GitLab registry needs host, repository and credentials on GitHub',
      'or credentials: { github: { username, password } } to keep CI_REGISTRY_* on GitLab',
    ],
    [
      'an unknown CI system in the per-CI form',
      { type: 'ghcr', credentials: { circleci: { username: 'U', password: 'P' } } },
      'circleci',
      '',
    ],
  ])('%s', (_, registry, problem, expected) => {
    const result = validateConfig({ ...BASE, registries: [registry] });
    expect(result.ok).toBe(false);
    const text = result.ok
      ? ''
      : result.errors.map((e) => `${e.path}: ${e.problem}; expected ${e.expected}`).join('\n');
    expect(text).toContain(problem);
    expect(text).toContain(expected);
  });
});
