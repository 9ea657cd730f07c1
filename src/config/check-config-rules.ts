import { TagRuleError } from '../tags/tag-rule.js';
import { resolveTagRule } from '../tags/resolve-tag-rules.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';
import { targetOf } from '../targets/registry.js';
import { cacheModeOf, cachePathOf, platformIdOf, registryIdentity } from './config-helpers.js';
import { checkHandoff } from './check-handoff.js';
import { checkTagStrategy } from './check-tag-strategy.js';
import { checkSupplyChainRules } from './check-supply-chain-rules.js';
import { checkDeployNotify } from './check-deploy-notify.js';
import { checkVerifyGates } from './check-verify-gates.js';
import { checkReusable } from './check-reusable.js';
import { checkTriggers } from './check-triggers.js';
import { checkGithubRepository } from './check-github-repository.js';
import { checkTestFrom } from './check-test-stage.js';

const SECRET_LIKE = /(TOKEN|PASSWORD|PASSWD|SECRET|PRIVATE_KEY|API_KEY|CREDENTIAL)/i;

/**
 * Cross-field rules the schema alone cannot express: tag lines, duplicates, stage references, and features
 * a chosen CI system cannot provide ("not supported on GitLab"). Pure; returns errors and warnings. The rules that
 * need the Dockerfile (the test stage derives from the image target) are `checkTestStage` (check-test-stage.ts).
 */
export function checkConfigRules(config: DockyardConfig): ConfigIssue[] {
  return [
    ...checkTags(config),
    ...checkTagStrategy(config),
    ...checkDuplicates(config),
    ...checkTestTarget(config),
    ...checkTestFrom(config),
    ...checkCiSupport(config),
    ...checkBuildArgs(config),
    ...checkPlatformRunners(config),
    ...checkTestPlatforms(config),
    ...checkVerifyGates(config),
    ...checkHandoff(config),
    ...checkSupplyChainRules(config),
    ...checkDeployNotify(config),
    ...checkReusable(config),
    ...checkTriggers(config),
    ...checkGithubRepository(config),
  ];
}

function checkPlatformRunners(config: DockyardConfig): ConfigIssue[] {
  return config.platforms.flatMap((entry, i) => {
    if (typeof entry === 'string' || entry.strategy !== 'native') return [];
    return config.ci
      .filter(
        (ci) =>
          !targetOf(ci).capabilities.hostedNativePlatforms.includes(entry.platform) && entry.runner?.[ci] === undefined,
      )
      .map((ci) =>
        issue(
          `platforms[${i}].runner.${ci}`,
          `strategy "native" needs a ${targetOf(ci).name} runner for ${entry.platform}: ${targetOf(ci).name} has no hosted ${entry.platform} runner`,
          `runner.${ci} naming a self-hosted runner ${targetOf(ci).capabilities.runnerSelector} of that architecture, or strategy "qemu"`,
          entry.runner?.[ci],
        ),
      );
  });
}

function checkTestPlatforms(config: DockyardConfig): ConfigIssue[] {
  const built = config.platforms.map(platformIdOf);
  return (config.test.platforms ?? []).flatMap((platform, i) =>
    built.includes(platform)
      ? []
      : [
          issue(
            `test.platforms[${i}]`,
            `${platform} is not built`,
            `one of the built platforms: ${built.join(', ')}`,
            platform,
          ),
        ],
  );
}

function checkTags(config: DockyardConfig): ConfigIssue[] {
  return config.tags.flatMap((tag, i) => {
    try {
      resolveTagRule(tag);
      return [];
    } catch (error) {
      if (error instanceof TagRuleError) return [issue(`tags[${i}]`, error.message, error.expected, tag)];
      throw error;
    }
  });
}

function duplicatesOf<T>(items: readonly T[], keyOf: (item: T) => string): number[] {
  const seen = new Set<string>();
  const dupes: number[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) dupes.push(i);
    seen.add(key);
  });
  return dupes;
}

function checkDuplicates(config: DockyardConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const i of duplicatesOf(config.platforms, platformIdOf)) {
    out.push(
      issue(
        `platforms[${i}]`,
        `duplicate platform ${platformIdOf(config.platforms[i])}`,
        'each platform once',
        config.platforms[i],
      ),
    );
  }
  const registries = config.registries ?? [];
  // Per CI system: a GitLab registry without host is $CI_REGISTRY on GitLab CI and registry.gitlab.com elsewhere.
  const duplicates = new Map<number, string>();
  for (const ci of config.ci) {
    const identityOn = (registry: (typeof registries)[number]) => registryIdentity(registry, targetOf(ci).ownRegistry);
    for (const i of duplicatesOf(registries, identityOn))
      if (!duplicates.has(i)) duplicates.set(i, identityOn(registries[i]));
  }
  for (const [i, identity] of [...duplicates].sort((a, b) => a[0] - b[0])) {
    out.push(
      issue(`registries[${i}]`, `duplicate registry ${identity}`, 'each registry and repository once', registries[i]),
    );
  }
  for (const i of duplicatesOf(config.image.secrets, (s) => s.id)) {
    out.push(
      issue(
        `image.secrets[${i}].id`,
        `duplicate secret id "${config.image.secrets[i].id}"`,
        'unique secret ids',
        config.image.secrets[i].id,
      ),
    );
  }
  for (const i of duplicatesOf(config.ci, (c) => c)) {
    out.push(issue(`ci[${i}]`, `duplicate CI system "${config.ci[i]}"`, 'each CI system once', config.ci[i]));
  }
  return out;
}

function checkTestTarget(config: DockyardConfig): ConfigIssue[] {
  if (config.test.target === undefined) return [];
  if (!config.image.target) {
    return [
      issue(
        'image.target',
        'a test target needs the production stage named',
        'the stage the test stage builds FROM, e.g. "production"',
        undefined,
      ),
    ];
  }
  if (config.test.target === config.image.target) {
    return [
      issue(
        'test.target',
        'the test stage must differ from the production stage',
        `a stage built FROM "${config.image.target}"`,
        config.test.target,
      ),
    ];
  }
  return [];
}

/**
 * What a chosen CI system cannot provide: cache modes outside its capabilities (`CiCapabilities.unsupportedCacheModes`,
 * with a per-CI form when several CI systems share one mode), then the target's own rules (`CiTarget.checkConfig`).
 */
function checkCiSupport(config: DockyardConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const ci of config.ci) {
    const target = targetOf(ci);
    const cache = cacheModeOf(config.cache, ci);
    const reason = target.capabilities.unsupportedCacheModes[cache];
    if (reason) {
      const others = config.ci.filter((other) => other !== ci);
      const perCi =
        typeof config.cache === 'string' && others.length > 0
          ? `, or a mode per CI system (cache: { ${others.map((other) => `${other}: "${cache}", `).join('')}${ci}: "registry" })`
          : '';
      out.push(
        issue(
          cachePathOf(config.cache, ci),
          `cache mode "${cache}" is not supported on ${target.name}: ${reason}`,
          `"registry", "local" or "none"${perCi}`,
          cache,
        ),
      );
    }
    out.push(...target.checkConfig(config));
  }
  return out;
}

function checkBuildArgs(config: DockyardConfig): ConfigIssue[] {
  return Object.keys(config.image.buildArgs)
    .filter((key) => SECRET_LIKE.test(key))
    .map((key) =>
      issue(
        `image.buildArgs.${key}`,
        'build args end up in the image history; this looks like a secret',
        'image.secrets: [{ id, env }] for secrets (BuildKit secret mounts)',
        config.image.buildArgs[key],
        'warning',
      ),
    );
}
