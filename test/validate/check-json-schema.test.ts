import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSchemaChecker } from '../../src/validate/check-json-schema.js';
import { VALID_WORKFLOW } from './fixtures/github-workflows.js';

// /work/shared/schemas, beside the project root (see ../shared/schemas/README.md).
const schemaPath = (name: string): string => fileURLToPath(new URL(`../../../shared/schemas/${name}`, import.meta.url));
const loadSchema = (name: string): object => JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object;

const SMALL_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    homepage: { type: 'string', format: 'uri' },
    mode: { enum: ['fast', 'safe'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  markdownDescription: 'vendor keyword, must be ignored (strict: false)',
};

describe('createSchemaChecker (inline schema)', () => {
  const check = createSchemaChecker(SMALL_SCHEMA, 'small');

  it('passes a valid object', () => {
    expect(check({ name: 'x', homepage: 'https://example.com/a', mode: 'safe', tags: ['a'] }, 'a.yml')).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['missing required property', {}, "small: (root) must have required property 'name'"],
    ['unknown property', { name: 'x', colour: 'red' }, "small: (root) must NOT have additional properties: 'colour'"],
    ['wrong type deep inside', { name: 'x', tags: ['a', 2] }, 'small: /tags/1 must be string'],
    ['enum', { name: 'x', mode: 'slow' }, 'small: /mode must be equal to one of the allowed values: "fast", "safe"'],
    ['format (ajv-formats)', { name: 'x', homepage: 'not a uri' }, 'small: /homepage must match format "uri"'],
  ])('fails on %s', (_name, obj, message) => {
    expect(check(obj, 'a.yml')).toContainEqual({ tool: 'json-schema', file: 'a.yml', severity: 'error', message });
  });

  it('reports every error once (allErrors, deduplicated)', () => {
    const messages = check({ colour: 'red', mode: 'slow' }, 'a.yml').map((f) => f.message);
    expect(messages).toHaveLength(3);
    expect(new Set(messages).size).toBe(3);
  });

  it('locates errors in the YAML source when it is given', () => {
    const source = 'name: x\ntags:\n  - a\n  - 2\ncolour: red\n';
    const findings = check(parse(source), 'a.yml', source);
    expect(findings).toContainEqual(
      expect.objectContaining({ message: 'small: /tags/1 must be string', line: 4, column: 5 }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        message: "small: (root) must NOT have additional properties: 'colour'",
        line: 5,
        column: 1,
      }),
    );
  });

  it('throws when the schema does not compile', () => {
    expect(() => createSchemaChecker({ type: 'no-such-type' }, 'broken')).toThrow(/type/);
  });
});

const githubSchemaExists = existsSync(schemaPath('github-workflow.json'));
if (!githubSchemaExists) {
  console.warn(
    `[validate] SKIPPED github-workflow JSON-schema check: ${schemaPath('github-workflow.json')} is absent (../shared not checked out).`,
  );
}

describe.skipIf(!githubSchemaExists)('createSchemaChecker with SchemaStore github-workflow.json', () => {
  const check = githubSchemaExists
    ? createSchemaChecker(loadSchema('github-workflow.json'), 'github-workflow')
    : () => [];

  it('passes a valid workflow', () => {
    expect(check(parse(VALID_WORKFLOW), 'ci.yml', VALID_WORKFLOW)).toEqual([]);
  });

  it.each<[string, string, string]>([
    [
      'unknown job key',
      VALID_WORKFLOW.replace('    needs: test\n', '    needs: test\n    bogus: 1\n'),
      "github-workflow: /jobs/build must NOT have additional properties: 'bogus'",
    ],
    [
      'needs of the wrong type',
      VALID_WORKFLOW.replace('needs: test', 'needs: {job: test}'),
      'github-workflow: /jobs/build/needs must be string',
    ],
    [
      'bad permission level',
      VALID_WORKFLOW.replace('contents: read', 'contents: maybe'),
      'github-workflow: /permissions/contents must be equal to one of the allowed values: "read", "write", "none"',
    ],
  ])('fails on %s', (_name, source, message) => {
    const messages = check(parse(source), 'ci.yml', source).map((f) => f.message);
    expect(messages).toContain(message);
  });
});

const gitlabSchemaExists = existsSync(schemaPath('gitlab-ci.json'));
if (!gitlabSchemaExists) {
  console.warn(
    `[validate] SKIPPED gitlab-ci JSON-schema check: ${schemaPath('gitlab-ci.json')} is absent (../shared not checked out).`,
  );
}

describe.skipIf(!gitlabSchemaExists)("createSchemaChecker with GitLab's ci.json", () => {
  const check = gitlabSchemaExists ? createSchemaChecker(loadSchema('gitlab-ci.json'), 'gitlab-ci') : () => [];
  const VALID =
    'stages: [build]\nbuild:\n  stage: build\n  image: docker:27\n  needs: []\n  script:\n    - docker build .\n';

  it('passes a valid file', () => {
    expect(check(parse(VALID), '.gitlab-ci.yml', VALID)).toEqual([]);
  });

  it.each<[string, string, string, number]>([
    ['needs of the wrong type', VALID.replace('needs: []', 'needs: build'), 'gitlab-ci: /build/needs must be array', 5],
    [
      'unknown keyword',
      VALID.replace('  image: docker:27\n', '  image: docker:27\n  bogus: 1\n'),
      "gitlab-ci: /build must NOT have additional properties: 'bogus'",
      5,
    ],
    [
      'bad when',
      VALID.replace('  needs: []\n', '  needs: []\n  when: sometimes\n'),
      'gitlab-ci: /build/when must be equal to one of the allowed values: "on_success", "on_failure", "always", "never", "manual", "delayed"',
      6,
    ],
  ])('fails on %s', (_name, source, message, line) => {
    expect(check(parse(source), '.gitlab-ci.yml', source)).toContainEqual(
      expect.objectContaining({ tool: 'json-schema', severity: 'error', message, line }),
    );
  });
});
