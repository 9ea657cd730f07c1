import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { checkWithActionlint } from '../../src/validate/check-actionlint.js';
import { checkWithWorkflowParser } from '../../src/validate/check-github-parser.js';
import { checkWithGitlabCiLocal } from '../../src/validate/check-gitlab-ci-local.js';
import {
  checkGitlabComponentSpec,
  localizeComponentIncludes,
  splitComponentTemplate,
} from '../../src/validate/check-gitlab-component.js';
import { createSchemaChecker, type SchemaChecker } from '../../src/validate/check-json-schema.js';
import { checkWithShellcheck, isShellcheckAvailable } from '../../src/validate/check-shellcheck.js';
import { extractGithubScripts, extractGitlabScripts } from '../../src/validate/extract-scripts.js';
import { formatFinding, type Finding } from '../../src/validate/finding.js';
import { HAS_SHARED, SHARED } from './paths.js';
import { IN_CI } from './required-tools.js';

let schemaCheckers: { github: SchemaChecker; gitlab: SchemaChecker } | undefined;
let warned = false;

function loadSchemaCheckers(): typeof schemaCheckers {
  if (!HAS_SHARED) {
    if (!warned) {
      console.warn(
        `SKIPPED: JSON Schema checks (SchemaStore github-workflow.json, GitLab ci.json): ${SHARED}/schemas is absent.`,
      );
      warned = true;
    }
    return undefined;
  }
  schemaCheckers ??= {
    github: createSchemaChecker(
      JSON.parse(readFileSync(resolve(SHARED, 'schemas', 'github-workflow.json'), 'utf8')),
      'github-workflow.json',
    ),
    gitlab: createSchemaChecker(
      JSON.parse(readFileSync(resolve(SHARED, 'schemas', 'gitlab-ci.json'), 'utf8')),
      'gitlab-ci.json',
    ),
  };
  return schemaCheckers;
}

let warnedShellcheck = false;
async function shellcheck(scripts: Parameters<typeof checkWithShellcheck>[0], path: string): Promise<Finding[]> {
  if (!isShellcheckAvailable()) {
    if (IN_CI)
      throw new Error(`shellcheck of ${path} cannot run: shellcheck is not installed; .ci/run must install it`);
    if (!warnedShellcheck)
      console.warn('SKIPPED: shellcheck of generated scripts: shellcheck is not installed (.ci/run installs it).');
    warnedShellcheck = true;
    return [];
  }
  return checkWithShellcheck(scripts, path);
}

/**
 * Run every validator on a generated file: GitHub's parser, actionlint, the SchemaStore schema and shellcheck
 * for workflows; gitlab-ci-local, GitLab's schema and shellcheck for GitLab CI files.
 */
export async function validateGeneratedFile(
  file: GeneratedFile,
  siblings: readonly GeneratedFile[] = [],
): Promise<Finding[]> {
  if (file.kind === 'helper') return [];
  if (file.ci === 'gitlab') {
    const component = splitComponentTemplate(file.content);
    if (component) return validateComponentTemplate(file, component);
    const local = localizeComponentIncludes(
      parse(file.content),
      Object.fromEntries(siblings.map((f) => [f.path, f.content])),
    );
    if (local) return validateGitlab(file, local.config, local.extraFiles);
  }
  const parsed: unknown = parse(file.content);
  const schemas = loadSchemaCheckers();
  if (file.ci === 'github') {
    return [
      ...(await checkWithWorkflowParser(file.content, file.path)),
      ...(await checkWithActionlint(file.content, file.path)),
      ...(schemas ? schemas.github(parsed, file.path, file.content) : []),
      ...(await shellcheck(extractGithubScripts(parsed), file.path)),
    ];
  }
  return validateGitlab(file, file.content, {});
}

async function validateGitlab(
  file: GeneratedFile,
  ciLocalContent: string,
  extraFiles: Record<string, string>,
): Promise<Finding[]> {
  const parsed: unknown = parse(file.content);
  const schemas = loadSchemaCheckers();
  return [
    ...(await checkWithGitlabCiLocal(ciLocalContent, file.path, { extraFiles })),
    ...(schemas ? schemas.gitlab(parsed, file.path, file.content) : []),
    ...(await shellcheck(extractGitlabScripts(parsed), file.path)),
  ];
}

/**
 * A component template: the header against the documented spec:inputs rules, the pipeline document against
 * GitLab's schema and shellcheck, and the whole file through gitlab-ci-local as an `include: local` with no inputs
 * (so it interpolates the defaults and validates the header as GitLab does).
 */
async function validateComponentTemplate(
  file: GeneratedFile,
  component: NonNullable<ReturnType<typeof splitComponentTemplate>>,
): Promise<Finding[]> {
  const schemas = loadSchemaCheckers();
  return [
    ...checkGitlabComponentSpec(component, file.path),
    ...(await checkWithGitlabCiLocal(stringify({ include: [{ local: file.path }] }), file.path, {
      extraFiles: { [file.path]: file.content },
    })),
    ...(schemas ? schemas.gitlab(component.body, file.path, file.content) : []),
    ...(await shellcheck(extractGitlabScripts(component.body), file.path)),
  ];
}

/** Findings as printable lines (for readable assertion failures). */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map(formatFinding);
}
