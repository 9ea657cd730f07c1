import { gitlabPlatformRunner } from './gitlab-platform-runners.js';
/**
 * The GitLab CI target: one `.gitlab-ci.yml` (or a CI/CD component and the pipeline including it) with the metadata
 * helper beside it, runners chosen by tag, compute minutes per second × the runner's cost factor.
 *
 * @see https://docs.gitlab.com/ci/yaml/
 */
import { emitGitlabCi } from './emit-gitlab-ci.js';
import { gitlabDeployJobName } from './gitlab-deploy-notify-jobs.js';
import { gitlabMetaHelperPath } from './gitlab-metadata-job.js';
import { globToGitlabRegex } from './gitlab-refs.js';
import { GITLAB_OWN_REGISTRY, resolveGitlabRegistries } from './gitlab-registries.js';
import { gitlabRunnerOf } from './gitlab-runners.js';
import type { CiTarget } from '../ci-target.js';
import { checkGitlabConfig } from './check-gitlab-config.js';
import { gitlabCostFactorOf } from './gitlab-cost-factor.js';
import { gitlabHelperFiles, gitlabPipelineFilePaths, renderGitlabFiles } from './render-gitlab-files.js';

/** GitLab CI/CD. */
export const gitlabTarget: CiTarget = {
  id: 'gitlab',
  name: 'GitLab',
  capabilities: {
    hostedNativePlatforms: ['linux/amd64', 'linux/386', 'linux/arm64'],
    unsupportedCacheModes: {
      gha: 'the GitHub Actions cache service exists only on GitHub; use "registry" or "local"',
      inline: 'buildah cannot export inline BuildKit cache; use "registry" or "local"',
    },
    runnerSelector: 'tag',
    reservedSecretPrefixes: [],
  },
  vocabulary: {
    changeRequests: 'merge requests',
    deployApproval: 'manual job (when: manual), started by someone allowed to deploy',
    publishCondition:
      ' (on a protected branch or tag; on an unprotected one the unprotected-ref job fails the pipeline instead)',
  },
  billing: {
    rounding: 'per-second',
    costFactorOf: (pipeline, job, platform) => gitlabCostFactorOf(gitlabRunnerOf(pipeline, job, platform).tags),
  },
  ownRegistry: GITLAB_OWN_REGISTRY,
  yaml: {},
  checkConfig: checkGitlabConfig,
  renderFiles: renderGitlabFiles,
  pipelineFilePaths: gitlabPipelineFilePaths,
  emitPipelineObject: (config, pipeline, scripts) => ({
    path: config.output.gitlab,
    value: emitGitlabCi(scripts, pipeline, gitlabMetaHelperPath(config.output.gitlab)),
  }),
  helperFiles: gitlabHelperFiles,
  runnerOf: (pipeline, job, platform) => {
    const { tags, emulated } = gitlabRunnerOf(pipeline, job, platform);
    return { runner: [...tags], emulated };
  },
  describeRunner: (runner) => (runner.length > 0 ? `tags: ${runner.join(', ')}` : 'any runner (untagged)'),
  registryRefsOf: (pipeline) => resolveGitlabRegistries(pipeline).map((r) => r.ref),
  deployJobIdOf: gitlabDeployJobName,
  matchesRefPattern: (pattern, name) => new RegExp(globToGitlabRegex(pattern)).test(name),
  schedulesOnDefaultBranchOnly: false,
  platformRunnerOf: gitlabPlatformRunner,
  repositoryNotesOf: () => [],
};
