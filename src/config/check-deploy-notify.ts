import { canPublish } from './check-supply-chain-rules.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';
import { targetOf } from '../targets/registry.js';

/** Variable prefixes the deploy and notify jobs set themselves, or GitHub reserves for secrets. */
const RESERVED_PREFIX = 'DOCKYARD_';

/**
 * Rules of `deploy` and `notify`: something must publish (both name the published image), environment names are
 * unique (each is a CI job and an environment), a notification needs Slack or Teams, and secret names may not be
 * `DOCKYARD_*` (the jobs' own variables) nor, on GitHub, `GITHUB_*` (GitHub rejects such secrets).
 *
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#naming-your-secrets
 */
export function checkDeployNotify(config: DockyardConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const publishes = canPublish(config);
  const noPublish = 'never push';
  const triggers = 'triggers.branches, triggers.tags, triggers.schedule or triggers.manual';
  if (config.deploy && !publishes) {
    out.push(
      issue(
        'deploy',
        `deploy needs published images, but no trigger publishes (pull/merge request pipelines ${noPublish})`,
        triggers,
        config.deploy,
      ),
    );
  }
  if (config.notify && !publishes) {
    out.push(
      issue(
        'notify',
        `notify runs on publishing pipelines only, but no trigger publishes (pull/merge request pipelines ${noPublish})`,
        triggers,
        config.notify,
      ),
    );
  }
  const seen = new Map<string, number>();
  (config.deploy?.environments ?? []).forEach((environment, i) => {
    const key = environment.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.push(
        issue(
          `deploy.environments[${i}].name`,
          `environment "${environment.name}" is listed twice (also deploy.environments[${first}]; names are compared case-insensitively)`,
          'a name used once',
          environment.name,
        ),
      );
    } else {
      seen.set(key, i);
    }
    environment.secrets.forEach((secret, j) =>
      out.push(...checkSecretName(config, `deploy.environments[${i}].secrets[${j}]`, secret)),
    );
  });
  if (config.notify) {
    const { slack, teams } = config.notify;
    if (!slack && !teams)
      out.push(
        issue(
          'notify',
          'notify has nowhere to send: neither slack nor teams is configured',
          'notify.slack and/or notify.teams with a webhook secret name',
          config.notify,
        ),
      );
    if (slack) out.push(...checkSecretName(config, 'notify.slack.webhook', slack.webhook));
    if (teams) out.push(...checkSecretName(config, 'notify.teams.webhook', teams.webhook));
  }
  return out;
}

function checkSecretName(config: DockyardConfig, path: string, name: string): ConfigIssue[] {
  const upper = name.toUpperCase();
  if (upper.startsWith(RESERVED_PREFIX))
    return [
      issue(
        path,
        `secret names starting with ${RESERVED_PREFIX} are reserved for dockyard's own job variables`,
        'another secret name',
        name,
      ),
    ];
  return config.ci
    .map(targetOf)
    .filter((target) => target.capabilities.reservedSecretPrefixes.some((prefix) => upper.startsWith(prefix)))
    .slice(0, 1)
    .map((target) =>
      issue(
        path,
        `not supported on ${target.name}: secret names cannot start with ${target.capabilities.reservedSecretPrefixes.find((prefix) => upper.startsWith(prefix))}`,
        'another secret name',
        name,
      ),
    );
}
