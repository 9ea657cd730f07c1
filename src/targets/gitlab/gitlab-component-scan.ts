import { trivySeverityFlag } from './gitlab-scan-job.js';
import type { GitlabCiConfig, GitlabCiEntry } from './gitlab-ci-types.js';
import type { GitlabJob } from './gitlab-types.js';

/** The variable the component's Trivy gate reads its severities from (the `scan_severities` input). */
export const SCAN_SEVERITIES_VARIABLE = 'DOCKYARD_SCAN_SEVERITIES';

/** A job (an object that is not a list) at the top level; `workflow` and `variables` hold no `script` list. */
const isJob = (entry: GitlabCiEntry | undefined): entry is GitlabJob =>
  typeof entry === 'object' && entry !== null && !Array.isArray(entry);

/**
 * Component only: make the Trivy gate's severities a variable, so the `scan_severities` input can replace them. In
 * each job whose script has the gate flag {@link trivySeverityFlag} of `severities`, the flag becomes
 * `--severity "$DOCKYARD_SCAN_SEVERITIES"` and the job's `variables` get `DOCKYARD_SCAN_SEVERITIES: <list>`
 * (a normal `.gitlab-ci.yml` keeps the literal flag). Grype (`--fail-on`) is left alone. Pure.
 *
 * @param severities the configured `scan.severities`.
 * @see https://trivy.dev/latest/docs/configuration/filtering/#by-severity
 */
export function severitiesAsVariable(ci: GitlabCiConfig, severities: readonly string[]): GitlabCiConfig {
  const flag = trivySeverityFlag(severities);
  const out: GitlabCiConfig = {};
  for (const [id, entry] of Object.entries(ci)) {
    const script = isJob(entry) && Array.isArray(entry.script) ? entry.script : undefined;
    if (!isJob(entry) || !script?.some((line) => line.includes(`${flag} `))) {
      out[id] = entry;
      continue;
    }
    out[id] = {
      ...entry,
      script: script.map((line) => line.split(`${flag} `).join(`--severity "$${SCAN_SEVERITIES_VARIABLE}" `)),
      variables: { ...entry.variables, [SCAN_SEVERITIES_VARIABLE]: severities.join(',') },
    };
  }
  return out;
}
