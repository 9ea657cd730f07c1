import { trivySeverityFlag } from './gitlab-scan-job.js';
import type { GitlabCiConfig } from './emit-gitlab-ci.js';

/** The variable the component's Trivy gate reads its severities from (the `scan_severities` input). */
export const SCAN_SEVERITIES_VARIABLE = 'DOCKYARD_SCAN_SEVERITIES';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  for (const [id, job] of Object.entries(ci)) {
    const script = isObj(job) && Array.isArray(job.script) ? (job.script as unknown[]) : undefined;
    if (!isObj(job) || !script?.some((line) => typeof line === 'string' && line.includes(`${flag} `))) {
      out[id] = job;
      continue;
    }
    out[id] = {
      ...job,
      script: script.map((line) =>
        typeof line === 'string' ? line.split(`${flag} `).join(`--severity "$${SCAN_SEVERITIES_VARIABLE}" `) : line,
      ),
      variables: { ...(isObj(job.variables) ? job.variables : {}), [SCAN_SEVERITIES_VARIABLE]: severities.join(',') },
    };
  }
  return out;
}
