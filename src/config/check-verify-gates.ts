import { handoffOf } from './config-helpers.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/**
 * Cross-field rules of the test, coverage, smoke and size settings: `shell` only with `commands`; a coverage report
 * must come from tests that are configured (`coverage.from`, required when both a target and commands are); a
 * report written by commands needs its own directory (mounted from the runner), never `/`; with
 * `handoff: "registry"` the size gate measures the compressed size only (no archive travels; docs/gates.md).
 */
export function checkVerifyGates(config: DockyardConfig): ConfigIssue[] {
  const { test } = config;
  const out: ConfigIssue[] = [...checkSizeWithRegistryHandoff(config)];
  if (test.shell !== undefined && test.commands === undefined) {
    out.push(
      issue(
        'test.shell',
        'a shell applies only to test commands',
        '`commands` beside `shell`, or no `shell`',
        test.shell,
      ),
    );
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
    out.push(
      issue(
        'test.coverage.from',
        'coverage from "target" needs a test target: there is no test stage to read the report from',
        'test.target, or from "commands"',
        coverage.from,
      ),
    );
  }
  if (coverage.from === 'commands' && test.commands === undefined) {
    out.push(
      issue(
        'test.coverage.from',
        'coverage from "commands" needs test commands: no test container writes the report',
        'test.commands, or from "target"',
        coverage.from,
      ),
    );
  }
  const fromCommands = coverage.from === 'commands' || (coverage.from === undefined && test.target === undefined);
  if (fromCommands && coverage.report.lastIndexOf('/') === 0) {
    out.push(
      issue(
        'test.coverage.report',
        "a report written by test commands needs a directory of its own: dockyard mounts the report's directory from the runner into the test containers, and cannot mount over /",
        'a path such as "/coverage/cobertura.xml"',
        coverage.report,
      ),
    );
  }
  return out;
}

/**
 * The uncompressed size needs every layer unpacked; with the registry handoff the size job has only the digest and
 * the candidate's manifest (whose layer sizes are the compressed size), not the archive.
 */
function checkSizeWithRegistryHandoff(config: DockyardConfig): ConfigIssue[] {
  if (handoffOf(config.handoff).mode !== 'registry' || config.size?.measure !== 'uncompressed') return [];
  return [
    issue(
      'size.measure',
      'measure "uncompressed" (the default) is not supported with handoff "registry" yet: it unpacks every layer of the candidate archive, and with the registry handoff only the digest and the manifest travel between jobs',
      'measure "compressed" (the sum of the layer sizes in the staged candidate\'s manifest), or handoff "artifact"',
      config.size.measure,
    ),
  ];
}
