import { describeValue, type ConfigIssue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/**
 * Cross-field rules of the test, coverage and smoke settings: `shell` only with `commands`; a coverage report
 * must come from tests that are configured (`coverage.from`, required when both a target and commands are); a
 * report written by commands needs its own directory (mounted from the runner), never `/`.
 */
export function checkVerifyGates(config: DockyardConfig): ConfigIssue[] {
  const { test } = config;
  const out: ConfigIssue[] = [];
  if (test.shell !== undefined && test.commands === undefined) {
    out.push(issue('test.shell', 'a shell applies only to test commands', '`commands` beside `shell`, or no `shell`', test.shell));
  }
  const coverage = test.coverage;
  if (!coverage) return out;
  const both = test.target !== undefined && test.commands !== undefined;
  if (both && coverage.from === undefined) {
    out.push(
      issue(
        'test.coverage.from',
        'the test has both a target and commands: which of them writes the coverage report?',
        '"target" (the report is read from the test stage) or "commands" (from the test containers)',
        undefined,
      ),
    );
  }
  if (coverage.from === 'target' && test.target === undefined) {
    out.push(issue('test.coverage.from', 'coverage from "target" needs a test target: there is no test stage to read the report from', 'test.target, or from "commands"', coverage.from));
  }
  if (coverage.from === 'commands' && test.commands === undefined) {
    out.push(issue('test.coverage.from', 'coverage from "commands" needs test commands: no test container writes the report', 'test.commands, or from "target"', coverage.from));
  }
  const fromCommands = coverage.from === 'commands' || (coverage.from === undefined && test.target === undefined);
  if (fromCommands && coverage.report.lastIndexOf('/') === 0) {
    out.push(
      issue(
        'test.coverage.report',
        'a report written by test commands needs a directory of its own: dockyard mounts the report\'s directory from the runner into the test containers, and cannot mount over /',
        'a path such as "/coverage/cobertura.xml"',
        coverage.report,
      ),
    );
  }
  return out;
}

function issue(path: string, problem: string, expected: string, got: unknown): ConfigIssue {
  return { path, problem, expected, received: describeValue(got), severity: 'error' };
}
