import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const BASE = { ci: ['github', 'gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } };
const EXPECTED =
  'expected a path inside the project, relative to the config file (e.g. .github/workflows/dockyard.yml)';

describe('output.github / output.gitlab stay inside the project', () => {
  it.each([
    ['github', '../other-repo/.github/workflows/dockyard.yml', 'has a .. segment'],
    ['gitlab', '/etc/cron.d/dockyard', 'is an absolute path'],
    ['github', 'C:/Users/ci/dockyard.yml', 'is an absolute path'],
    ['gitlab', '\\\\server\\share\\ci.yml', 'is an absolute path'],
    ['gitlab', 'ci/../../.gitlab-ci.yml', 'has a .. segment'],
    ['github', '.github\\workflows\\dockyard.yml', 'has a backslash'],
  ])('output.%s %j is rejected', (ci, path, problem) => {
    expectConfigIssue({ ...BASE, output: { [ci]: path } }, `output.${ci}`, [
      problem,
      EXPECTED,
      `got ${JSON.stringify(path)}`,
    ]);
  });

  it.each([['.github/workflows/dockyard.yml'], ['ci/gitlab/pipeline.yml'], ['./.gitlab-ci.yml'], ['a..b/c.yml']])(
    'accepts %j',
    (path) => {
      expect(validateConfig({ ...BASE, output: { github: path, gitlab: path.replace('.yml', '-gl.yml') } }).ok).toBe(
        true,
      );
    },
  );
});
