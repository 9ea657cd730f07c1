import { checkConfigRules } from './check-config-rules.js';
import { convertZodIssues, type ConfigIssue } from './format-issues.js';
import { configSchema, type DockyardConfig } from './schema/index.js';

/** The result of {@link validateConfig}: the config with defaults applied, or the errors; warnings either way. */
export type ValidationResult =
  | { readonly ok: true; readonly config: DockyardConfig; readonly warnings: ConfigIssue[] }
  | { readonly ok: false; readonly errors: ConfigIssue[]; readonly warnings: ConfigIssue[] };

/**
 * Validate a raw config value (as loaded from any config file) against the strict schema and the cross-field
 * rules. Pure: never throws for bad input, never touches the file system.
 *
 * @param input the value exported by the config file.
 * @returns `ok: true` with the defaulted config, or `ok: false` with every error found (path, problem,
 *   expected, got).
 */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = configSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: convertZodIssues(parsed.error.issues, configSchema, input), warnings: [] };
  }
  const issues = checkConfigRules(parsed.data);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, config: parsed.data, warnings };
}
