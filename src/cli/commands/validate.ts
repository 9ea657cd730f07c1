import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { CiSystem } from '../../config/schema/primitives.js';
import { findConfigFile } from '../../io/load-config.js';
import { checkWithActionlint } from '../../validate/check-actionlint.js';
import { checkWithWorkflowParser } from '../../validate/check-github-parser.js';
import { checkWithGitlabCiLocal, isGitlabCiLocalAvailable } from '../../validate/check-gitlab-ci-local.js';
import {
  checkGitlabComponentSpec,
  localizeComponentIncludes,
  splitComponentTemplate,
} from '../../validate/check-gitlab-component.js';
import { targetOf } from '../../targets/registry.js';
import { checkWithGitlabLintApi } from '../../validate/check-gitlab-lint-api.js';
import { checkWithShellcheck, isShellcheckAvailable } from '../../validate/check-shellcheck.js';
import { extractGithubScripts, extractGitlabScripts } from '../../validate/extract-scripts.js';
import { formatFinding, sortFindings, type Finding } from '../../validate/finding.js';
import { createSchemaChecker, type SchemaChecker } from '../../validate/check-json-schema.js';
import { readGitlabCiSchema } from '../../io/read-gitlab-ci-schema.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';

/** Parsed flags of `dockyard validate`. */
export interface ValidateOptions {
  config?: string;
  dir?: string;
  'gitlab-url'?: string;
  'gitlab-project'?: string;
}

/**
 * `dockyard validate`: check the pipeline files on disk. GitHub workflows go through GitHub's own parser
 * (`@actions/workflow-parser`) and actionlint; GitLab files through gitlab-ci-local's schema validation when
 * it is installed, or GitLab's CI Lint API when `--gitlab-url`, `--gitlab-project` and `GITLAB_TOKEN` are
 * given, else GitLab's CI JSON Schema shipped in the package (`schema/gitlab-ci.json`: keys, types and values, not
 * includes or `needs`), so an installed package without gitlab-ci-local still fails a broken file; every script
 * through shellcheck when it is installed. Skipped and partial checks are named.
 *
 * @returns 0 when no check reports an error, 1 otherwise (or when a file is missing).
 * @see https://docs.gitlab.com/api/lint/
 */
export async function runValidate(
  options: ValidateOptions,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const dir = resolve(options.dir ?? '.');
  findConfigFile(dir, options.config);
  const loaded = await loadValidatedConfig(dir, options.config, output);
  if (!loaded) return 1;
  const findings: Finding[] = [];
  const skipped: string[] = [];
  let missing = 0;
  const files: Record<string, string> = {};
  for (const ci of loaded.config.ci) {
    for (const path of targetOf(ci).pipelineFilePaths(loaded.config)) {
      const content = await readFile(resolve(dir, path), 'utf8').catch(() => undefined);
      if (content === undefined) {
        output.err(`${output.color.red('missing')} ${path}: run \`npx dockyard synth\` first`);
        missing++;
        continue;
      }
      files[path] = content;
      findings.push(...(await checkFile(ci, path, content, options, env, skipped, files)));
    }
  }
  for (const finding of sortFindings(findings)) output.out(formatFinding(finding));
  for (const line of skipped) output.err(`${output.color.yellow('skipped')} ${line}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  output.err(`${findings.length} finding(s), ${errors} error(s).`);
  return errors > 0 || missing > 0 ? 1 : 0;
}

async function checkFile(
  ci: CiSystem,
  path: string,
  content: string,
  options: ValidateOptions,
  env: NodeJS.ProcessEnv,
  skipped: string[],
  files: Readonly<Record<string, string>> = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  // A component template (mode "reusable") is a spec header and a pipeline; gitlab-ci-local includes it locally.
  const component = ci === 'gitlab' ? splitComponentTemplate(content) : undefined;
  const parsed: unknown = component ? component.body : parse(content);
  const local = component
    ? { config: stringify({ include: [{ local: path }] }), extraFiles: { [path]: content } }
    : ci === 'gitlab'
      ? localizeComponentIncludes(parsed, files)
      : undefined;
  if (component) findings.push(...checkGitlabComponentSpec(component, path));
  if (ci === 'github') {
    findings.push(...(await checkWithWorkflowParser(content, path)), ...(await checkWithActionlint(content, path)));
  } else if (local && isGitlabCiLocalAvailable()) {
    findings.push(...(await checkWithGitlabCiLocal(local.config, path, { extraFiles: local.extraFiles })));
  } else if (options['gitlab-url'] && options['gitlab-project'] && env.GITLAB_TOKEN) {
    findings.push(
      ...(await checkWithGitlabLintApi(content, path, {
        baseUrl: options['gitlab-url'],
        projectId: options['gitlab-project'],
        token: env.GITLAB_TOKEN,
      })),
    );
  } else if (isGitlabCiLocalAvailable()) {
    findings.push(...(await checkWithGitlabCiLocal(content, path)));
  } else {
    // Without gitlab-ci-local or the Lint API: GitLab's own JSON Schema, shipped in the package (schema/gitlab-ci.SOURCE.md).
    findings.push(...checkWithGitlabSchema(parsed, path, content));
    skipped.push(
      `${path}: checked with GitLab's CI JSON Schema only (keys, types, values); for GitLab's full check (includes, needs, rules) install gitlab-ci-local, or pass --gitlab-url and --gitlab-project with GITLAB_TOKEN set`,
    );
  }
  if (isShellcheckAvailable()) {
    const scripts = ci === 'github' ? extractGithubScripts(parsed) : extractGitlabScripts(parsed);
    findings.push(...(await checkWithShellcheck(scripts, path)));
  } else {
    skipped.push(`${path}: shellcheck is not installed, scripts were not linted`);
  }
  return findings;
}

let gitlabSchemaChecker: SchemaChecker | undefined;

/** Check a GitLab file against GitLab's CI JSON Schema shipped in the package (compiled once per process). */
function checkWithGitlabSchema(parsed: unknown, path: string, content: string): Finding[] {
  gitlabSchemaChecker ??= createSchemaChecker(readGitlabCiSchema(), 'gitlab-ci.json');
  return gitlabSchemaChecker(parsed, path, content);
}
