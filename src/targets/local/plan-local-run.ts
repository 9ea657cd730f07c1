import type { PlatformId } from '../../config/schema/primitives.js';
import { metadataLines } from '../../emit/metadata-lines.js';
import type { StepScripts } from '../../emit/step-scripts.js';
import { platformsOf, type Job, type Pipeline, type PlatformTarget } from '../../model/pipeline.js';
import { stepsOfKind, type Step } from '../../model/steps.js';
import { computeMeta } from '../../tags/compute-meta.js';
import type { LocalCommand, LocalJobRun, LocalNotRun, LocalRunOptions, LocalRunPlan } from './local-run-types.js';
import { planLocalStep, recordNotRunScript } from './local-step-commands.js';
import type { LocalStepContext } from './local-step-plan.js';

/** A `dockyard run` request the pipeline cannot satisfy (exit code 2 at the CLI: a usage error). */
export class LocalRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRunError';
  }
}

/**
 * Plan a local run of the pipeline: every job in dependency order (`needs`), per-platform jobs once per selected
 * platform of `platformsOf`, each job's neutral steps mapped to commands by {@link planLocalStep}. The tags come from
 * the metadata engine (`computeMeta`, docker/metadata-action's semantics) with the pipeline's tag strategy, for the
 * repository `<registryOverride>/<image.name>`. Without `push` the publish stage (push, manifest, sign, deploy,
 * notify) is "not run". Pure: tools, the event and the clock are inputs.
 *
 * @throws {LocalRunError} `--push needs --registry-override HOST …` when `push` has no override; `--platform P: …`
 *   for a platform the pipeline does not build.
 * @see ../../../docs/local-run.md
 */
export function planLocalRun(pipeline: Pipeline, scripts: StepScripts, options: LocalRunOptions): LocalRunPlan {
  if (options.push && !options.registryOverride)
    throw new LocalRunError(
      '--push needs --registry-override HOST: dockyard run never pushes to the config’s registries',
    );
  const selected = selectPlatforms(pipeline, options.platforms ?? []);
  const repository = options.registryOverride ? `${options.registryOverride}/${pipeline.image.name}` : undefined;
  const lines = metadataLines(pipeline);
  const meta = computeMeta(
    {
      images: repository ? [repository] : [],
      tags: lines.tags,
      flavor: lines.flavor,
      labels: lines.labels,
      annotations: lines.annotations,
    },
    options.context,
    options.clock,
  );
  const testJob = pipeline.jobs.find((j) => j.id === 'test');
  const inSelection = (platforms: readonly PlatformTarget[]) =>
    platforms.filter((p) => selected.some((s) => s.platform === p.platform));
  const base = {
    pipeline,
    scripts,
    platforms: selected,
    testPlatforms: testJob ? inSelection(platformsOf(pipeline, testJob)) : [],
    options,
    labels: meta.labels,
    annotations: meta.annotations,
    tags: repository ? meta.tags : [],
    ...(repository ? { repository } : {}),
  };
  // A verify job that consumes what a job that cannot run here produces (the candidate) does not run either, except the gate
  // summary, which reports the gates that did not run (and so fails).
  const blocked = new Map<string, string>();
  const producers = new Map(pipeline.jobs.map((j) => [j.id, j.produces]));
  const planned = orderJobs(pipeline.jobs).flatMap((job): LocalJobRun[] => {
    const instances: Array<PlatformTarget | undefined> = job.perPlatform
      ? inSelection(platformsOf(pipeline, job))
      : [undefined];
    const summarizes = stepsOfKind(job.steps, 'summarize-gates').length > 0;
    const after =
      job.stage === 'verify' && !summarizes
        ? job.needs.find((n) => blocked.has(n) && producers.get(n)?.some((a) => job.consumes.includes(a)))
        : undefined;
    if (after !== undefined) blocked.set(job.id, blocked.get(after)!);
    return instances.map((platform): LocalJobRun => {
      if (after === undefined) {
        const run = planInstance(job, { ...base, ...(platform ? { platform } : {}) }, options);
        const why = run.notRun.find((n) => n.blocking);
        if (why && !blocked.has(job.id)) blocked.set(job.id, why.reason);
        return run;
      }
      const reason = `needs ${after}, which cannot run here (${blocked.get(after)!})`;
      return {
        job: job.id,
        ...(platform ? { platform: platform.platform } : {}),
        stage: job.stage,
        commands: [],
        notRun: [{ step: mainStepOf(job), reason, blocking: true }],
      };
    });
  });
  return {
    jobs: holdUntested(planned),
    tags: meta.tags,
    ...(repository ? { repository } : {}),
  };
}

/**
 * The guarantee of the CI targets, kept locally: nothing is published unless every gate ran and passed. A gate job
 * that cannot run here (its tool is missing) holds back every publish job, "not run" with the gates that did not run.
 */
function holdUntested(jobs: readonly LocalJobRun[]): LocalJobRun[] {
  const untested = jobs
    .filter((j) => j.stage === 'verify' && j.notRun.some((n) => n.blocking))
    .map((j) => {
      const why = j.notRun.find((n) => n.blocking)!;
      return `${j.job}${j.platform ? ` [${j.platform}]` : ''} (${why.reason})`;
    });
  if (untested.length === 0) return [...jobs];
  return jobs.map((j) =>
    j.stage === 'publish' && j.commands.length > 0
      ? {
          ...j,
          held: true,
          commands: [],
          notRun: [{ step: j.commands[0]!.step, reason: `gates not run: ${untested.join(', ')}`, blocking: true }],
        }
      : j,
  );
}

/** One job instance: its steps' commands, or "not run" with the reason when its work cannot run here. */
function planInstance(
  job: Job,
  base: Omit<LocalStepContext, 'buildsTestStage'>,
  options: LocalRunOptions,
): LocalJobRun {
  const ctx: LocalStepContext = {
    ...base,
    buildsTestStage: stepsOfKind(job.steps, 'build').some((s) => s.output === 'test-stage'),
  };
  const env: Record<string, string> = base.platform
    ? { DOCKYARD_PLATFORM: base.platform.platform, DOCKYARD_SLUG: base.platform.slug }
    : {};
  const head = { job: job.id, ...(base.platform ? { platform: base.platform.platform } : {}), stage: job.stage };
  if (job.stage === 'publish' && !options.push) {
    return {
      ...head,
      commands: [],
      notRun: [{ step: mainStepOf(job), reason: 'needs --push', blocking: true }],
    };
  }
  const commands: LocalCommand[] = [];
  const notRun: LocalNotRun[] = [];
  for (const step of job.steps) {
    const planned = planLocalStep(step, ctx);
    commands.push(...planned.commands.map((c) => ({ ...c, env: { ...env, ...c.env } })));
    notRun.push(...planned.notRun);
  }
  const blocking = notRun.find((n) => n.blocking);
  if (!blocking) return { ...head, commands, notRun };
  // The job's own work cannot run: none of its commands run; its gates are recorded `not run`, so a gate summary fails.
  const recorded = stepsOfKind(job.steps, 'record-gate-result').map((step): LocalCommand => ({
    kind: 'sh',
    step: step.kind,
    env,
    always: true,
    script: recordNotRunScript(base.scripts, step, blocking.reason),
  }));
  return { ...head, commands: recorded, notRun };
}

/** The step a job is for (its first beyond the plumbing of artifacts, logins and metadata), to name it in messages. */
function mainStepOf(job: Job): Step['kind'] {
  const plumbing: ReadonlySet<Step['kind']> = new Set(['download', 'upload', 'login', 'compute-metadata']);
  return job.steps.find((s) => !plumbing.has(s.kind))?.kind ?? 'notify';
}

/** The platforms to run: the requested ones (each built by the pipeline), or every platform. */
function selectPlatforms(pipeline: Pipeline, requested: readonly PlatformId[]): PlatformTarget[] {
  for (const platform of requested) {
    if (!pipeline.platforms.some((p) => p.platform === platform))
      throw new LocalRunError(
        `--platform ${platform}: the pipeline does not build it; expected one of ${pipeline.platforms.map((p) => p.platform).join(', ')}`,
      );
  }
  return requested.length === 0
    ? [...pipeline.platforms]
    : pipeline.platforms.filter((p) => requested.includes(p.platform));
}

/** Jobs in dependency order: each after every job it needs, otherwise in the pipeline's order (stable). */
export function orderJobs(jobs: readonly Job[]): Job[] {
  const done = new Set<string>();
  const ordered: Job[] = [];
  const ids = new Set(jobs.map((j) => j.id));
  while (ordered.length < jobs.length) {
    const next = jobs.find((j) => !done.has(j.id) && j.needs.every((n) => done.has(n) || !ids.has(n)));
    if (!next) throw new Error(`dockyard run: the jobs' needs form a cycle (${jobs.map((j) => j.id).join(', ')})`);
    done.add(next.id);
    ordered.push(next);
  }
  return ordered;
}
