import { cacheModeOf, credentialsOf, handoffOf, platformIdOf } from '../config/config-helpers.js';
import type { CacheMode, DockyardConfig, PlatformConfig } from '../config/schema/index.js';
import type { CiSystem } from '../config/schema/primitives.js';
import { hasPerCiCredentials } from '../config/schema/registry.js';
import { resolveTagRule } from '../tags/resolve-tag-rules.js';
import type {
  ArtifactSpec,
  HandoffSpec,
  JobPermissions,
  Pipeline,
  PlatformTarget,
  RegistryTarget,
  TestSpec,
} from './pipeline.js';
import { addDeployNotifyJobs, planDeployNotify, PUBLISHED_ARTIFACT } from './deploy-notify.js';
import { addSupplyChainJobs, planScan, planSupplyChain, supplyChainArtifacts } from './plan-supply-chain.js';
import { planGithubRepository } from './github-repository.js';
import { GATE_RESULTS_ARTIFACT, insertVerifyGateJobs, type CandidateAccess } from './plan-verify-gate-jobs.js';
import { planJobSteps, planRunnerPlacement, type PlannedJob, type StepContext } from './plan-job-steps.js';
import { planTriggerSpec } from './trigger-targets.js';
import {
  hasGateSummary,
  NOT_THE_CANDIDATE,
  planVerifyGates,
  testPlatformsOf,
  type VerifyGates,
} from './verify-gates.js';
import { sortRecordByKey } from './compare-code-points.js';

/** Artifacts handed between jobs, kept one day: they only live for the pipeline. */
function artifactsFor(handoff: HandoffSpec): ArtifactSpec[] {
  return [
    {
      id: 'metadata',
      description: 'version, tags, labels and annotations computed once for the build and manifest jobs',
      retentionDays: 1,
    },
    handoff.mode === 'artifact'
      ? {
          id: 'candidate',
          description: 'OCI archive of the candidate image (never pushed) and its manifest digest',
          retentionDays: 1,
        }
      : {
          id: 'candidate',
          description: 'manifest digest of the candidate pushed, untagged, to the staging repository',
          retentionDays: 1,
        },
    {
      id: 'digest',
      description: "the push job's digests: a file per platform slug holding the digest pushed for that platform",
      retentionDays: 1,
    },
  ];
}

/**
 * Build the pipeline model from a validated config for one CI system. Pure and deterministic. Only settings that
 * may differ per CI system (the cache mode: `cache: { github, gitlab }`) depend on `ci`; everything else is the
 * same for every CI system.
 *
 * @param config a config returned by `validateConfig` (defaults applied, cross-field rules passed).
 * @param ci the CI system the model is for; default the config's first (`config.ci[0]`).
 * @throws {import('../tags/tag-rule.js').TagRuleError} only if given a config that did not pass `validateConfig`.
 */
export function planPipeline(config: DockyardConfig, ci: CiSystem = config.ci[0]): Pipeline {
  const cache = cacheModeOf(config.cache, ci);
  // Credentials given per CI system resolve to this CI system's entry (or its default login).
  const registries: RegistryTarget[] = (config.registries ?? [{ type: 'native' as const }]).map((r): RegistryTarget => {
    if (!hasPerCiCredentials(r)) return r;
    const { credentials, ...rest } = r;
    const own = credentialsOf(credentials, ci);
    return { ...rest, ...(own ? { credentials: own } : {}) };
  });
  const test: TestSpec = {
    ...(config.test.target !== undefined ? { target: config.test.target } : {}),
    replacesStage: config.test.target !== undefined ? (config.image.target ?? '') : '',
    from: config.test.target !== undefined && config.test.from === 'source' ? 'source' : 'candidate',
    ...(config.test.commands ? { commands: [...config.test.commands] } : {}),
    shell: config.test.shell ?? '/bin/sh',
  };
  const gates = planVerifyGates(config);
  const supplyChain = planSupplyChain(config);
  // Gate result files and the summary job exist once any gate beyond the default test and scan is configured.
  const summary = hasGateSummary({ gates, ...supplyChain });
  const latest = config.flavor.latest;
  const handoff = planHandoff(config);
  const dockerfile = normalisePath(config.image.dockerfile ?? joinPath(config.image.context, 'Dockerfile'));
  const image = {
    name: config.image.name,
    context: normalisePath(config.image.context),
    dockerfile,
    ...(config.image.target ? { target: config.image.target } : {}),
    buildArgs: sortRecordByKey(config.image.buildArgs),
    secrets: config.image.secrets.map((s) => ({ id: s.id, env: s.env })),
  };
  const tags = {
    rules: config.tags.map(resolveTagRule),
    labels: [...config.labels],
    annotations: [...config.annotations],
    annotationLevels: [...config.annotationLevels],
    flavor: {
      latest: latest === 'auto' ? ('auto' as const) : latest ? ('true' as const) : ('false' as const),
      prefix: config.flavor.prefix,
      suffix: config.flavor.suffix,
      onlatest: config.flavor.onlatest,
    },
  };
  const scan = planScan(config);
  // The decisions every job's steps read (plan-job-steps.ts).
  const context: StepContext = { image, cache, handoff, test, scan, gates, ...supplyChain, tags, registries };
  return {
    name: config.output.name ?? 'dockyard',
    image,
    platforms: config.platforms.map(planPlatform),
    registries,
    tags,
    cache,
    handoff,
    test,
    scan,
    gates,
    ...supplyChain,
    ...planDeployNotify(config),
    triggers: planTriggerSpec(config, [dockerfile, config.output[ci]]),
    concurrency: { cancelSuperseded: config.concurrency.cancelSuperseded },
    github: planGithubRepository(config),
    jobs: planJobs(config, cache, registries, handoff, gates, summary).map((job) => ({
      ...job,
      runner: planRunnerPlacement(job),
      steps: planJobSteps(context, job),
    })),
    artifacts: [
      ...artifactsFor(handoff),
      ...supplyChainArtifacts(config),
      ...((config.deploy || config.notify) && !config.signing ? [PUBLISHED_ARTIFACT] : []),
      ...(summary ? [GATE_RESULTS_ARTIFACT] : []),
    ],
  };
}

/** The handoff, with the staging repository in the first registry (the validator checked it can exist there). */
function planHandoff(config: DockyardConfig): HandoffSpec {
  const handoff = handoffOf(config.handoff);
  if (handoff.mode === 'artifact') return { mode: 'artifact' };
  const repository = handoff.staging?.repository;
  return { mode: 'registry', staging: { registry: 0, ...(repository !== undefined ? { repository } : {}) } };
}

/**
 * Whether jobs log in to a registry with the CI token that GitHub scopes by `permissions: packages` (ghcr without
 * explicit credentials, or the native registry).
 *
 * @see https://docs.github.com/packages/learn-github-packages/about-permissions-for-github-packages#about-scopes-and-permissions-for-package-registries
 */
function logsInWithGithubToken(registry: RegistryTarget): boolean {
  return registry.type === 'native' || (registry.type === 'ghcr' && registry.credentials === undefined);
}

function planPlatform(entry: PlatformConfig): PlatformTarget {
  const platform = platformIdOf(entry);
  return {
    platform,
    slug: platform.replaceAll('/', '-'),
    strategy: typeof entry === 'string' ? 'auto' : entry.strategy,
    runners: typeof entry === 'string' || entry.runner === undefined ? {} : { ...entry.runner },
  };
}

function planJobs(
  config: DockyardConfig,
  cache: CacheMode,
  registries: readonly RegistryTarget[],
  handoff: HandoffSpec,
  gates: VerifyGates,
  summary: boolean,
): PlannedJob[] {
  const buildSecrets = config.image.secrets.map((s) => s.env);
  const all = registries.map((_, i) => i);
  const cacheLogin = cache === 'registry' || cache === 'inline' ? [0] : [];
  const publishPermissions = { contents: 'read', packages: 'write' } as const;
  const testReadsCache = config.test.target !== undefined && cacheLogin.length > 0;
  const testPlatforms = testPlatformsOf(config, config.platforms.map(platformIdOf));
  // The registry handoff: build pushes to the staging repository, test and scan pull from it, with the login of the
  // registry that holds it; on GitHub its token needs `packages` access only when that registry is ghcr.
  const staged = handoff.mode === 'registry' ? handoff.staging.registry : undefined;
  const stagingLogin = staged !== undefined ? [staged] : [];
  const stagingToken = staged !== undefined && logsInWithGithubToken(registries[staged]);
  const readPermissions: JobPermissions = { contents: 'read', packages: 'read' };
  const stagingAccess = (access: 'push' | 'pull') => (staged !== undefined ? { staging: access } : {});
  // How a gate job that runs the candidate (smoke) reaches it: the archive, or the staging repository.
  const candidateAccess: CandidateAccess = {
    permissions: stagingToken ? readPermissions : { contents: 'read' },
    logsInTo: stagingLogin,
    ...stagingAccess('pull'),
  };
  const jobs: PlannedJob[] = [
    {
      id: 'metadata',
      title: 'Compute tags, labels and annotations (docker/metadata-action semantics)',
      needs: [],
      perPlatform: false,
      stage: 'verify',
      permissions: { contents: 'read' },
      consumes: [],
      produces: ['metadata'],
      logsInTo: [],
      secrets: [],
    },
    {
      id: 'build',
      title:
        staged === undefined
          ? 'Build the candidate image (one per platform, not pushed)'
          : 'Build the candidate image (one per platform) and push it, untagged, to the staging repository',
      needs: ['metadata'],
      perPlatform: true,
      stage: 'verify',
      permissions: cacheLogin.length > 0 || stagingToken ? publishPermissions : { contents: 'read' },
      consumes: ['metadata'],
      produces: ['candidate'],
      logsInTo: union(cacheLogin, stagingLogin),
      secrets: buildSecrets,
      ...stagingAccess('push'),
    },
    {
      id: 'test',
      title:
        config.test.target !== undefined && config.test.from === 'source'
          ? `Test a stage built from source (${NOT_THE_CANDIDATE})`
          : 'Test the exact candidate image',
      needs: ['build'],
      perPlatform: true,
      platforms: testPlatforms,
      stage: 'verify',
      // A test stage build reads the registry cache, and the registry handoff pulls the candidate: read access, nothing more.
      permissions: testReadsCache || stagingToken ? readPermissions : { contents: 'read' },
      consumes: ['candidate'],
      produces: [],
      logsInTo: union(testReadsCache ? cacheLogin : [], stagingLogin),
      secrets: config.test.target !== undefined ? buildSecrets : [],
      ...stagingAccess('pull'),
    },
    {
      id: 'scan',
      title: 'Scan the exact candidate image for vulnerabilities',
      needs: ['build'],
      perPlatform: true,
      stage: 'verify',
      permissions: stagingToken ? readPermissions : { contents: 'read' },
      consumes: ['candidate'],
      produces: [],
      logsInTo: stagingLogin,
      secrets: [],
      ...stagingAccess('pull'),
    },
    {
      id: 'push',
      // One job for every platform: pushing an archive or copying a staged digest does not depend on the
      // runner's architecture, so one job start replaces one per platform.
      title:
        staged === undefined
          ? 'Push the tested candidates by digest (every platform)'
          : 'Copy the tested candidates by digest from the staging repository to every registry (every platform)',
      needs: ['build', 'test', 'scan'],
      perPlatform: false,
      stage: 'publish',
      permissions: publishPermissions,
      consumes: ['candidate'],
      produces: ['digest'],
      logsInTo: all,
      secrets: [],
      ...stagingAccess('pull'),
    },
    {
      id: 'manifest',
      title: 'Merge the pushed digests into one image index and tag it',
      needs: ['metadata', 'push'],
      perPlatform: false,
      stage: 'publish',
      permissions: publishPermissions,
      consumes: ['metadata', 'digest'],
      produces: [],
      logsInTo: all,
      secrets: [],
    },
  ];
  const withSupplyChain = addSupplyChainJobs(config, jobs, registries.length);
  return addDeployNotifyJobs(
    config,
    insertVerifyGateJobs(withSupplyChain, gates, { testPlatforms, summary, candidateAccess }),
  );
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])];
}

function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replaceAll('\\', '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

function joinPath(a: string, b: string): string {
  return `${a.replace(/\/+$/, '')}/${b}`;
}
