import { describe, it } from 'vitest';

/** Whether the tests run in CI (`CI=true`, as `.ci/run` is started): there a missing tool fails, it never skips. */
export const IN_CI = process.env.CI === 'true';

/**
 * Decide whether a suite that needs external tools (buildah, gitlab-ci-local, shellcheck, ...) must be left out.
 *
 * - Every tool present: returns `false`, the suite runs.
 * - A tool missing on a developer's partial machine: prints one `SKIPPED:` line naming the suite and the missing
 *   tools, and returns `true` (use it in `describe.skipIf(...)`).
 * - A tool missing under `CI=true`: registers a failing test named after the suite that says what is missing and
 *   that `.ci/run` (or `scripts/e2e-setup.sh`) must install it, and returns `true`. So a CI machine without a tool is
 *   a red run, never a green one with a hidden gap. The `../shared` data checks are not tools and do not use this.
 *
 * Call it at a test file's top level (it may register a suite).
 *
 * @param suite what the suite checks, e.g. `"registry handoff under gitlab-ci-local"`.
 * @param missing the names of the missing tools (empty when all are there).
 * @returns whether to skip the real suite.
 */
export function skipWithoutTools(suite: string, missing: readonly string[]): boolean {
  if (missing.length === 0) return false;
  const what = missing.join(', ');
  if (IN_CI) {
    describe(`${suite}: required tools`, () => {
      it('has every tool it needs (CI=true never skips)', () => {
        throw new Error(
          `${suite} cannot run: missing ${what}; .ci/run (scripts/e2e-setup.sh for the end-to-end tools) must install it`,
        );
      });
    });
  } else {
    console.warn(`SKIPPED: ${suite} (missing: ${what}; .ci/run and scripts/e2e-setup.sh install them).`);
  }
  return true;
}
