/**
 * dockyard's library: the config schema and helpers, the pipeline model, the emitters and the renderer, without
 * the CLI. It is what a config's `import … from 'dockyard'` gets when the CLI loads the config (the loader hands it
 * this module, already loaded: src/io/load-config.ts), and what src/index.ts re-exports beside `runCli`.
 */
export { defineConfig } from './config/define-config.js';
export { configSchema, CACHE_MODES } from './config/schema/index.js';
export type {
  DockyardConfig,
  DockyardConfigInput,
  RegistryConfig,
  PlatformConfig,
  CacheMode,
  CacheConfig,
  HandoffConfig,
} from './config/schema/index.js';
export { HANDOFF_MODES, type HandoffMode } from './config/schema/handoff.js';
export { PLATFORM_IDS, CI_SYSTEMS } from './config/schema/primitives.js';
export type { PlatformId, CiSystem } from './config/schema/primitives.js';
export { validateConfig, type ValidationResult } from './config/validate-config.js';
export { formatIssue, type ConfigIssue } from './config/format-issues.js';
export { planPipeline } from './model/plan-pipeline.js';
export type * from './model/pipeline.js';
export { emitGithubWorkflow } from './targets/github/emit-github-workflow.js';
export { emitGitlabCi } from './targets/gitlab/emit-gitlab-ci.js';
// The typed platform models the emitters return (GitLab CI and GitHub Actions keywords as the platforms spell them).
export type * from './targets/gitlab/gitlab-types.js';
export type * from './targets/gitlab/gitlab-ci-types.js';
export type * from './targets/github/github-types.js';
export { renderYaml } from './emit/render-yaml.js';
export { renderPipelineFiles, type GeneratedFile } from './synth/render-pipeline-files.js';
export { parseTagLine, formatTagLine, type TagRule } from './tags/tag-rule.js';
