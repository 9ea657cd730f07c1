import { expect } from 'vitest';
import { formatIssue } from '../../src/config/format-issues.js';
import { validateConfig } from '../../src/config/validate-config.js';

/**
 * Assert that `config` is rejected with an issue at `path` whose text has the project's error form
 * (`…; expected …, got …`) and contains every fragment. Shared by the config rule tests.
 */
export function expectConfigIssue(config: unknown, path: string, fragments: readonly string[]): void {
  const result = validateConfig(config);
  expect(result.ok, `${path} should be rejected`).toBe(false);
  if (result.ok) return;
  const issue = result.errors.find((e) => e.path === path);
  expect(issue, `an error at ${path}; got ${result.errors.map(formatIssue).join(' / ')}`).toBeDefined();
  const text = formatIssue(issue!);
  expect(text).toMatch(/; expected .+, got .+/s);
  for (const fragment of fragments) expect(text).toContain(fragment);
}
