import { posix } from 'node:path';
import { describeValue, type ConfigIssue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/**
 * Cross-field rules of `output.mode: "reusable"`: `output.reusable` only with that mode; on GitHub the caller must
 * sit directly in `.github/workflows/` (where GitHub looks for reusable workflows, no subdirectories) and the
 * reusable workflow must not overwrite it (`<name>.yml` differs from the caller's file name).
 *
 * @see https://docs.github.com/actions/sharing-automations/reusing-workflows#creating-a-reusable-workflow
 */
export function checkReusable(config: DockyardConfig): ConfigIssue[] {
  const { output } = config;
  const out: ConfigIssue[] = [];
  if (output.mode !== 'reusable') {
    if (output.reusable !== undefined) {
      out.push(
        issue(
          'output.reusable',
          'reusable settings apply only to output mode "reusable"',
          'output.mode: "reusable", or no output.reusable',
          output.reusable,
        ),
      );
    }
    return out;
  }
  const name = output.reusable?.name ?? 'dockyard-image';
  if (config.ci.includes('github')) {
    if (posix.dirname(posix.normalize(output.github)) !== '.github/workflows') {
      out.push(
        issue(
          'output.github',
          'a reusable workflow and its caller must be directly in .github/workflows/ (GitHub finds reusable workflows only there)',
          'a path like ".github/workflows/image.yml"',
          output.github,
        ),
      );
    }
    if (posix.basename(output.github) === `${name}.yml`) {
      out.push(
        issue(
          'output.reusable.name',
          `the reusable workflow ${name}.yml would overwrite the caller ${output.github}`,
          'a name different from the caller file name',
          name,
        ),
      );
    }
  }
  if (config.ci.includes('gitlab') && posix.normalize(output.gitlab).startsWith('templates/')) {
    out.push(
      issue(
        'output.gitlab',
        'the caller must not be inside templates/: every file there is published as a component',
        'a path outside templates/, e.g. ".gitlab-ci.yml"',
        output.gitlab,
      ),
    );
  }
  return out;
}

function issue(path: string, problem: string, expected: string, received: unknown): ConfigIssue {
  return { path, problem, expected, received: describeValue(received), severity: 'error' };
}
