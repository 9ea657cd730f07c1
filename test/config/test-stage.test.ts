import { describe, expect, it } from 'vitest';
import { checkTestStage } from '../../src/config/check-test-stage.js';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';
import type { DockyardConfig } from '../../src/config/schema/index.js';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { GO_FROM_BUILDER, GO_FROM_GOLANG, NODE_DERIVED, PYTHON_TWO_HOPS } from '../support/multi-stage-dockerfiles.js';
import { expectConfigIssue } from '../support/config-issues.js';

function configOf(
  test: Record<string, unknown>,
  image: Record<string, unknown> = { target: 'production' },
): DockyardConfig {
  const result = validateConfig({ ci: ['github', 'gitlab'], image: { name: 'acme/api', ...image }, test });
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.config;
}

function issuesOf(dockerfile: string, test: Record<string, unknown>, image?: Record<string, unknown>): string[] {
  return checkTestStage(configOf(test, image), { path: 'Dockerfile', summary: parseDockerfile(dockerfile) }).map(
    (i) => `${i.severity} ${formatIssue(i)}`,
  );
}

describe('checkTestStage: the test stage must derive from image.target', () => {
  it.each([
    ['Node, FROM production AS test', NODE_DERIVED, { target: 'test' }, undefined],
    ['Python, through an intermediate stage', PYTHON_TWO_HOPS, { target: 'tests' }, undefined],
    ['commands only: nothing to check', GO_FROM_BUILDER, { commands: ['/api -version'] }, undefined],
  ])('%s: no issue', (_name, dockerfile, test, image) => {
    expect(issuesOf(dockerfile, test, image)).toEqual([]);
  });

  it.each([
    [
      'Go, FROM builder AS test',
      GO_FROM_BUILDER,
      'error test.target: stage "test" (line 14) does not derive from the image target "production"; its chain is test → builder → golang:1.23; expected a chain through "production" (e.g. `FROM production AS test`), or test.from "source" to accept a test that does not test the candidate, got "test"',
    ],
    [
      'Go, FROM golang AS test with COPY --from=production',
      GO_FROM_GOLANG,
      'error test.target: stage "test" (line 10) does not derive from the image target "production"; its chain is test → golang:1.23 (COPY --from=production on line 13 copies files from it, which does not make the stage run on it); expected a chain through "production" (e.g. `FROM production AS test`), or test.from "source" to accept a test that does not test the candidate, got "test"',
    ],
    [
      'ARG without a value in the chain',
      'ARG TEST_BASE\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE} AS test\n',
      'error test.target: cannot tell whether stage "test" derives from the image target "production": its chain is test → ${TEST_BASE} (unknown: ARG TEST_BASE has no value); expected a value for the ARG (a default before the first FROM, or image.buildArgs), a chain through "production", or test.from "source", got "test"',
    ],
  ])('%s: rejected with the chain', (_name, dockerfile, message) => {
    expect(issuesOf(dockerfile, { target: 'test' })).toEqual([message]);
  });

  it('reads image.buildArgs into ARG-substituted FROM lines', () => {
    const dockerfile =
      'ARG TEST_BASE=production\nFROM golang:1.23 AS builder\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE} AS test\n';
    expect(issuesOf(dockerfile, { target: 'test' })).toEqual([]);
    expect(
      issuesOf(dockerfile, { target: 'test' }, { target: 'production', buildArgs: { TEST_BASE: 'builder' } })[0],
    ).toContain('its chain is test → builder → golang:1.23');
  });

  it('stages the Dockerfile lacks', () => {
    expect(issuesOf(NODE_DERIVED, { target: 'e2e' }, { target: 'prod' })).toEqual([
      'error image.target: stage "prod" is not a stage of Dockerfile; expected one of its named stages (deps, production, test), got "prod"',
      'error test.target: stage "e2e" is not a stage of Dockerfile; expected one of its named stages (deps, production, test), got "e2e"',
    ]);
  });

  it('test.from "source" accepts a stage that does not derive, and warns when it does derive', () => {
    expect(issuesOf(GO_FROM_BUILDER, { target: 'test', from: 'source' })).toEqual([]);
    expect(issuesOf(NODE_DERIVED, { target: 'test', from: 'source' })).toEqual([
      'warning test.from: "source" says stage "test" does not test the candidate, but it derives from the image target "production" (its chain is test → production → node:20.20.2-bookworm-slim), so it does test the candidate; expected no test.from (the default "candidate"), got "source"',
    ]);
  });

  it('an unreadable Dockerfile is a warning that the rule was not checked', () => {
    expect(
      checkTestStage(configOf({ target: 'test' }), { path: 'docker/Dockerfile', error: 'no such file' }).map(
        formatIssue,
      ),
    ).toEqual([
      'image.dockerfile: cannot read docker/Dockerfile (no such file): whether test.target "test" derives from the image target was not checked; expected the Dockerfile at image.dockerfile (default <context>/Dockerfile, relative to the config file), got "docker/Dockerfile"',
    ]);
  });

  it('test.from without test.target is rejected by validateConfig', () => {
    expectConfigIssue(
      { ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'], from: 'source' } },
      'test.from',
      ['there is no test.target', 'expected test.target naming the stage', 'got "source"'],
    );
    expectConfigIssue(
      { ci: ['github'], image: { name: 'acme/api', target: 'p' }, test: { target: 't', from: 'image' } },
      'test.from',
      ['unknown value', '"candidate", "source"', 'got "image"'],
    );
  });
});
