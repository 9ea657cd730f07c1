/**
 * Validation of generated pipeline files: GitHub's workflow parser, actionlint, shellcheck,
 * gitlab-ci-local, GitLab's CI Lint API and JSON Schema. Every check returns {@link Finding}s.
 *
 * @module
 */
export { formatFinding, sortFindings } from './finding.js';
export type { Finding, FindingSeverity, FindingTool } from './finding.js';
export { checkWithWorkflowParser } from './check-github-parser.js';
export { checkWithActionlint } from './check-actionlint.js';
export { extractGithubScripts, extractGitlabScripts, resolveGithubShell } from './extract-scripts.js';
export type { ExtractedScript, ScriptShell } from './extract-scripts.js';
export { checkWithShellcheck, isShellcheckAvailable, maskTemplateExpressions } from './check-shellcheck.js';
export type { ShellcheckLevel, ShellcheckOptions } from './check-shellcheck.js';
export {
  checkWithGitlabCiLocal,
  isGitlabCiLocalAvailable,
  parseGitlabCiLocalOutput,
  resolveGitlabCiLocalCommand,
} from './check-gitlab-ci-local.js';
export type { GitlabCiLocalOptions } from './check-gitlab-ci-local.js';
export { buildGitlabLintUrl, checkWithGitlabLintApi } from './check-gitlab-lint-api.js';
export type { GitlabLintApiOptions } from './check-gitlab-lint-api.js';
export { createSchemaChecker } from './check-json-schema.js';
export type { SchemaChecker } from './check-json-schema.js';
