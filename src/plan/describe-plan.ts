import type { CiSystem } from '../config/schema/primitives.js';
import { platformsOf, type Job, type Pipeline } from '../model/pipeline.js';
import { gateResultsOf, NOT_THE_CANDIDATE, type GateJobKind } from '../model/verify-gates.js';
import type { RepositoryNote } from '../targets/github/github-repository-notes.js';
import { describeStep } from './describe-steps.js';
import { targetOf } from '../targets/registry.js';
import type { PlanTags } from './describe-plan-tags.js';

/** The version of the {@link PlanView} shape (`dockyard plan --json`); raised on any incompatible change. */
export const PLAN_VIEW_VERSION = 1;

/**
 * What `dockyard plan` shows for one CI system: a plain, JSON-ready description of the pipeline model, jobs in
 * dependency order. docs/plan.md documents the shape.
 */
export interface PlanView {
  /** {@link PLAN_VIEW_VERSION}. */
  readonly version: typeof PLAN_VIEW_VERSION;
  /** The CI system the runners and registry references are for. */
  readonly ci: CiSystem;
  /** Every CI system the config targets (`ci`). */
  readonly configured: readonly CiSystem[];
  /** Image repository path, e.g. `acme/api`. */
  readonly image: string;
  /** Platforms built, e.g. `linux/amd64`. */
  readonly platforms: readonly string[];
  /** Image references of the registries published to, as the CI system's file spells them (`$CI_REGISTRY_IMAGE`). */
  readonly registries: readonly string[];
  /** Jobs in dependency order (each after every job it needs; otherwise the model's order). */
  readonly jobs: readonly PlanJob[];
  /** The tags of the requested event, when one was given. */
  readonly tags?: PlanTags;
  /**
   * GitHub only, present when there is something to say: what the repository's visibility and plan (config
   * `github`) changed in the workflow, or cost (github-repository-notes.ts).
   */
  readonly repository?: PlanRepository;
}

/** The GitHub repository of the plan and its notes. */
export interface PlanRepository {
  readonly visibility: string;
  readonly plan: string;
  /** Notes in a fixed order: attestations, code scanning, arm64 runner, artifact storage, transparency log. */
  readonly notes: readonly RepositoryNote[];
}

/** One job of the plan. */
export interface PlanJob {
  /** Job id as in the generated files (`build`, `push`, …; future kinds too). */
  readonly id: string;
  /** What it does. */
  readonly title: string;
  /** `verify` runs on every pipeline; `publish` never on pull/merge requests (GitLab: only on protected refs). */
  readonly stage: 'verify' | 'publish';
  /** Ids of the jobs it waits for (all their platform instances). */
  readonly needs: readonly string[];
  /** True for a job with one instance per platform. */
  readonly perPlatform: boolean;
  /** Its instances: one per platform it runs for, or one (platform null) for a job that runs once. */
  readonly runs: readonly PlanRun[];
  /** The gates it checks (a failure stops publishing), with their thresholds; empty for other jobs. */
  readonly gates: readonly PlanGate[];
  /** Image references it writes to, for publish-stage jobs that log in to registries; empty otherwise. */
  readonly publishes: readonly string[];
  /** True when it publishes the computed tags (a publish-stage job that reads the metadata). */
  readonly tagsImage: boolean;
  /** Artifact ids it uploads for later jobs. */
  readonly produces: readonly string[];
  /** The `deploy` job: its environments in deployment order, one CI job each; empty for other jobs. */
  readonly environments: readonly PlanEnvironment[];
  /** The `notify` job: the events and webhooks, one CI job per event; null for other jobs. */
  readonly notifications: PlanNotifications | null;
  /**
   * What the job does not prove, when its title alone could mislead: `does not test the candidate` for a test job
   * whose stage is built from source (`test.from: "source"`); null otherwise.
   */
  readonly caveat: string | null;
  /** What it does, step by step, in the model's words (`describeStep`), e.g. `log in to ghcr.io/acme/api`. */
  readonly steps: readonly string[];
}

/**
 * One deployment environment (config `deploy.environments[]`) and the CI job that deploys to it, after the
 * previous environment's job.
 */
export interface PlanEnvironment {
  /** Environment name, e.g. `production`. */
  readonly name: string;
  /** The CI job that deploys to it, e.g. `deploy-production`. */
  readonly job: string;
  /** Environment URL shown by the CI system, or null. */
  readonly url: string | null;
  /** The environment deployed before this one (its job must succeed first), or null for the first. */
  readonly after: string | null;
  /**
   * True when the deployment waits for approval: on GitHub the environment's required reviewers (repository
   * settings), on GitLab a manual job (`when: manual`) that someone allowed to deploy starts.
   */
  readonly approval: boolean;
}

/** The notifications of the `notify` job (config `notify`). */
export interface PlanNotifications {
  /** Pipeline results that send a message (`failure`, `success`), one CI job each (`notify-failure`, …). */
  readonly on: readonly string[];
  /** The CI jobs, e.g. `notify-failure`. */
  readonly jobs: readonly string[];
  /** Webhook services and the CI secret / variable holding each URL, e.g. `{ service: 'slack', secret: 'SLACK_WEBHOOK_URL' }`. */
  readonly webhooks: readonly { readonly service: 'slack' | 'teams'; readonly secret: string }[];
}

/** One instance of a job and where it runs. */
export interface PlanRun {
  /** `linux/arm64`, or null for a job that runs once. */
  readonly platform: string | null;
  /**
   * GitHub: the `runs-on` label (one entry). GitLab: the runner `tags` (empty: untagged, any runner of the project).
   */
  readonly runner: readonly string[];
  /** True when the runner emulates the platform with QEMU. */
  readonly emulated: boolean;
}

/** A gate and its threshold, e.g. `{ gate: 'scan', threshold: 'no CRITICAL, HIGH finding' }`. */
export interface PlanGate {
  readonly gate: string;
  readonly threshold: string;
}

/** Job kinds that check a gate; a compile error here means a new gate job kind needs a row. */
const GATE_JOBS: Readonly<Record<GateJobKind, true>> = {
  lint: true,
  test: true,
  scan: true,
  smoke: true,
  size: true,
  sbom: true,
  sign: true,
};

/**
 * Describe a pipeline for one CI system: jobs in dependency order with their platforms, runners (from the same
 * functions the emitters use), gates and what they publish. Pure. Job kinds it does not know render generically
 * (no gates; registries when they publish).
 *
 * @param tags the tags of an event, from `describePlanTags`, when asked for.
 */
export function describePlan(
  pipeline: Pipeline,
  ci: CiSystem,
  configured: readonly CiSystem[],
  tags?: PlanTags,
): PlanView {
  const registries = targetOf(ci).registryRefsOf(pipeline);
  return {
    version: PLAN_VIEW_VERSION,
    ci,
    configured: [...configured],
    image: pipeline.image.name,
    platforms: pipeline.platforms.map((p) => p.platform),
    registries,
    jobs: orderByNeeds(pipeline.jobs).map((job) => describeJob(pipeline, job, ci, registries)),
    ...(tags ? { tags } : {}),
    ...describeRepository(pipeline, ci),
  };
}

function describeRepository(pipeline: Pipeline, ci: CiSystem): { repository?: PlanRepository } {
  const notes = targetOf(ci).repositoryNotesOf(pipeline);
  return notes.length > 0
    ? { repository: { visibility: pipeline.github.visibility, plan: pipeline.github.plan, notes } }
    : {};
}

function describeJob(pipeline: Pipeline, job: Job, ci: CiSystem, registries: readonly string[]): PlanJob {
  const publishing = job.stage === 'publish';
  const instances = job.perPlatform ? platformsOf(pipeline, job) : [undefined];
  return {
    id: job.id,
    title: job.title,
    stage: job.stage,
    needs: [...job.needs],
    perPlatform: job.perPlatform,
    runs: instances.map((p) => {
      const { runner, emulated } = targetOf(ci).runnerOf(pipeline, job, p);
      return { platform: p?.platform ?? null, runner: [...runner], emulated };
    }),
    gates: Object.hasOwn(GATE_JOBS, job.id)
      ? gateResultsOf(pipeline, job.id as GateJobKind).map(({ gate, threshold }) => ({ gate, threshold }))
      : [],
    publishes: publishing ? job.logsInTo.map((i) => registries[i]).filter((r) => r !== undefined) : [],
    tagsImage: publishing && job.consumes.includes('metadata') && job.logsInTo.length > 0,
    produces: [...job.produces],
    environments: job.id === 'deploy' ? describeEnvironments(pipeline, ci) : [],
    notifications: job.id === 'notify' ? describeNotifications(pipeline) : null,
    caveat: job.id === 'test' && pipeline.test.from === 'source' ? NOT_THE_CANDIDATE : null,
    steps: job.steps.map((step) => describeStep(step, registries)),
  };
}

function describeEnvironments(pipeline: Pipeline, ci: CiSystem): PlanEnvironment[] {
  const environments = pipeline.deploy?.environments ?? [];
  return environments.map((e, index) => ({
    name: e.name,
    job: targetOf(ci).deployJobIdOf(e.name),
    url: e.url ?? null,
    after: index > 0 ? environments[index - 1]!.name : null,
    approval: e.approval,
  }));
}

function describeNotifications(pipeline: Pipeline): PlanNotifications | null {
  const notify = pipeline.notify;
  if (!notify) return null;
  return {
    on: [...notify.on],
    jobs: notify.on.map((event) => `notify-${event}`),
    webhooks: [
      ...(notify.slack ? [{ service: 'slack' as const, secret: notify.slack }] : []),
      ...(notify.teams ? [{ service: 'teams' as const, secret: notify.teams }] : []),
    ],
  };
}

/**
 * Jobs in dependency order: a stable topological sort that keeps the model's order where needs allow. Needs of
 * jobs not in the list are ignored; a cycle (which no valid model has) keeps the remaining jobs in model order.
 */
export function orderByNeeds(jobs: readonly Job[]): Job[] {
  const ids = new Set<string>(jobs.map((j) => j.id));
  const placed = new Set<string>();
  const out: Job[] = [];
  while (out.length < jobs.length) {
    const next =
      jobs.find((j) => !placed.has(j.id) && j.needs.every((n) => placed.has(n) || !ids.has(n))) ??
      jobs.find((j) => !placed.has(j.id))!;
    placed.add(next.id);
    out.push(next);
  }
  return out;
}
