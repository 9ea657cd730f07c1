import { githubPlatformRunner } from './github-platform-runners.js';
/**
 * The GitHub Actions target: one workflow file (or a reusable workflow and its caller), GitHub-hosted runners by
 * `runs-on` label, billing per job rounded up to a minute.
 *
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
 */
import { emitGithubWorkflow } from './emit-github-workflow.js';
import { githubDeployJobId } from './github-deploy-notify-jobs.js';
import { GITHUB_OWN_REGISTRY, resolveGithubRegistries } from './github-registries.js';
import { githubRunnerOf } from './github-runners.js';
import { describeGithubRepository } from './github-repository-notes.js';
import type { CiTarget } from '../ci-target.js';
import { checkGithubConfig } from './check-github-config.js';
import { matchesGithubFilter } from './match-github-filter.js';
import { GITHUB_YAML, githubPipelineFilePaths, renderGithubFiles } from './render-github-files.js';

/** GitHub Actions. */
export const githubTarget: CiTarget = {
  id: 'github',
  name: 'GitHub',
  capabilities: {
    // GitHub's arm64 runner also runs linux/arm/v7 (docs/platforms-and-runners.md).
    hostedNativePlatforms: ['linux/amd64', 'linux/386', 'linux/arm64', 'linux/arm/v7'],
    unsupportedCacheModes: {},
    runnerSelector: 'label',
    // "Secret names must not start with the GITHUB_ prefix."
    // https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#naming-your-secrets
    reservedSecretPrefixes: ['GITHUB_'],
  },
  vocabulary: {
    changeRequests: 'pull requests',
    deployApproval: 'required reviewers of the environment (repository settings)',
    publishCondition: '',
  },
  billing: { rounding: 'per-job-minute', costFactorOf: () => 1 },
  ownRegistry: GITHUB_OWN_REGISTRY,
  yaml: GITHUB_YAML,
  checkConfig: checkGithubConfig,
  renderFiles: (config, marker, assets) => renderGithubFiles(config, marker, assets),
  pipelineFilePaths: githubPipelineFilePaths,
  emitPipelineObject: (config, pipeline, scripts) => ({
    path: config.output.github,
    value: emitGithubWorkflow(scripts, pipeline),
  }),
  helperFiles: () => [],
  runnerOf: (_pipeline, job, platform) => {
    const { runner, emulated } = githubRunnerOf(job, platform);
    return { runner: [runner], emulated };
  },
  describeRunner: (runner) => runner.join(', '),
  registryRefsOf: (pipeline) => resolveGithubRegistries(pipeline).map((r) => r.ref),
  deployJobIdOf: githubDeployJobId,
  matchesRefPattern: matchesGithubFilter,
  // "Scheduled workflows run on the latest commit on the default or base branch."
  // https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
  schedulesOnDefaultBranchOnly: true,
  platformRunnerOf: githubPlatformRunner,
  repositoryNotesOf: describeGithubRepository,
};
