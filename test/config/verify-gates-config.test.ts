import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { expectConfigIssue } from '../support/config-issues.js';

const base = { ci: ['github', 'gitlab'], image: { name: 'acme/api', target: 'production' } };
const cov = { report: '/coverage/cobertura.xml', format: 'cobertura', minimum: 80 };

describe('verification gate configs that are rejected', () => {
  it.each([
    ['a test with neither target nor commands', { test: {} }, 'test', 'needs `target`, `commands` or both'],
    [
      'coverage without a report path',
      { test: { commands: ['true'], coverage: { format: 'lcov', minimum: 80 } } },
      'test.coverage.report',
      'required value is missing',
    ],
    [
      'a relative coverage report path',
      { test: { commands: ['true'], coverage: { ...cov, report: 'coverage/lcov.info' } } },
      'test.coverage.report',
      'not an absolute file path',
    ],
    [
      'a coverage report path with ..',
      { test: { commands: ['true'], coverage: { ...cov, report: '/app/../etc/x.xml' } } },
      'test.coverage.report',
      'must not contain . or .. segments',
    ],
    [
      'a commands report directly under /',
      { test: { commands: ['true'], coverage: { ...cov, report: '/cobertura.xml' } } },
      'test.coverage.report',
      'cannot mount over /',
    ],
    [
      'an unknown coverage format',
      { test: { commands: ['true'], coverage: { ...cov, format: 'jacoco' } } },
      'test.coverage.format',
      '"cobertura", "lcov"',
    ],
    [
      'a coverage minimum above 100',
      { test: { commands: ['true'], coverage: { ...cov, minimum: 101 } } },
      'test.coverage.minimum',
      'at most 100',
    ],
    [
      'a negative coverage minimum',
      { test: { commands: ['true'], coverage: { ...cov, minimum: -1 } } },
      'test.coverage.minimum',
      'too small',
    ],
    [
      'a coverage minimum with three decimals',
      { test: { commands: ['true'], coverage: { ...cov, minimum: 80.125 } } },
      'test.coverage.minimum',
      'more than two decimals',
    ],
    [
      'coverage with both target and commands but no from',
      { test: { target: 'test', commands: ['true'], coverage: cov } },
      'test.coverage.from',
      'which of them writes the coverage report',
    ],
    [
      'coverage from target without a target',
      { test: { commands: ['true'], coverage: { ...cov, from: 'target' } } },
      'test.coverage.from',
      'needs a test target',
    ],
    [
      'coverage from commands without commands',
      { test: { target: 'test', coverage: { ...cov, from: 'commands' } } },
      'test.coverage.from',
      'needs test commands',
    ],
    [
      'a shell without commands',
      { test: { target: 'test', shell: '/bin/bash' } },
      'test.shell',
      'a shell applies only to test commands',
    ],
    [
      'a smoke timeout of 0',
      { test: { commands: ['true'], smoke: { timeout: 0 } } },
      'test.smoke.timeout',
      'too small',
    ],
    [
      'a smoke timeout above 1800 s',
      { test: { commands: ['true'], smoke: { timeout: 3600 } } },
      'test.smoke.timeout',
      'at most 1800',
    ],
    [
      'a fractional smoke timeout',
      { test: { commands: ['true'], smoke: { timeout: 1.5 } } },
      'test.smoke.timeout',
      'expected an int',
    ],
    ['a size limit of 0', { test: { commands: ['true'] }, size: { limit: 0 } }, 'size.limit', 'too small'],
    ['a negative size limit', { test: { commands: ['true'] }, size: { limit: -5 } }, 'size.limit', 'too small'],
    [
      'a size gate without a limit',
      { test: { commands: ['true'] }, size: { onExceed: 'warn' } },
      'size.limit',
      'required value is missing',
    ],
    [
      'an unknown size action',
      { test: { commands: ['true'] }, size: { limit: 500, onExceed: 'ignore' } },
      'size.onExceed',
      '"fail", "warn"',
    ],
    [
      'an unknown size measure',
      { test: { commands: ['true'] }, size: { limit: 500, measure: 'disk' } },
      'size.measure',
      '"compressed", "uncompressed"',
    ],
    [
      'an unknown lint threshold',
      { test: { commands: ['true'] }, lint: { failureThreshold: 'none' } },
      'lint.failureThreshold',
      '"error", "warning", "info", "style", "ignore"',
    ],
    [
      'a lint rule that is not a hadolint rule id',
      { test: { commands: ['true'] }, lint: { ignore: ['DL30'] } },
      'lint.ignore[0]',
      'not a hadolint rule id',
    ],
    [
      'an unknown key in the smoke test',
      { test: { commands: ['true'], smoke: { timeoutSeconds: 30 } } },
      'test.smoke.timeoutSeconds',
      'unknown key',
    ],
    [
      'the default (uncompressed) size measure with the registry handoff',
      { handoff: 'registry', test: { commands: ['true'] }, size: { limit: 500 } },
      'size.measure',
      'measure "uncompressed" (the default) is not supported with handoff "registry" yet: it unpacks every layer of the candidate archive, and with the registry handoff only the digest and the manifest travel between jobs',
    ],
    [
      'an explicit uncompressed size measure with a named staging repository',
      {
        handoff: { mode: 'registry', staging: { repository: 'acme/candidates' } },
        test: { target: 'test' },
        size: { limit: 500, measure: 'uncompressed' },
      },
      'size.measure',
      'expected measure "compressed" (the sum of the layer sizes in the staged candidate\'s manifest), or handoff "artifact", got "uncompressed"',
    ],
  ])('%s', (_, patch, path, message) => {
    expectConfigIssue({ ...base, ...patch }, path, [message]);
  });
});

describe('verification gate configs that are accepted', () => {
  it.each([
    ["today's target shape", { test: { target: 'test' } }],
    ["today's commands shape", { test: { commands: ['true'], shell: '/bin/bash' } }],
    ['target and commands together', { test: { target: 'test', commands: ['true'] } }],
    [
      'coverage from the only tests configured',
      { test: { target: 'test', coverage: { ...cov, report: '/report.xml' } } },
    ],
    [
      'every gate',
      {
        test: { target: 'test', commands: ['true'], coverage: { ...cov, from: 'commands' }, smoke: {} },
        size: { limit: 0.5 },
        lint: {},
      },
    ],
    [
      'every verification gate with the registry handoff (compressed size)',
      {
        handoff: 'registry',
        test: { target: 'test', commands: ['true'], coverage: { ...cov, from: 'target' }, smoke: {} },
        size: { limit: 0.5, measure: 'compressed' },
        lint: {},
        signing: {},
      },
    ],
    [
      'coverage from commands with the registry handoff',
      { handoff: 'registry', test: { commands: ['true'], coverage: cov } },
    ],
  ])('%s', (_, patch) => {
    const result = validateConfig({ ...base, ...patch });
    expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
  });

  it('applies the documented defaults', () => {
    const result = validateConfig({ ...base, test: { commands: ['true'], smoke: {} }, size: { limit: 500 }, lint: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.config.test.smoke).toEqual({ timeout: 60 });
    expect(result.config.size).toEqual({ limit: 500, measure: 'uncompressed', onExceed: 'fail' });
    expect(result.config.lint).toEqual({ failureThreshold: 'info', ignore: [] });
  });
});
