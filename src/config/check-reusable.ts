import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/**
 * Cross-field rules of `output.mode: "reusable"` every CI system shares: `output.reusable` only with that mode. Where
 * each CI system's caller and unit may live is its target's rule (`CiTarget.checkConfig`).
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
  return out;
}
