import type { Job, JobKind, Pipeline } from './pipeline.js';

/**
 * The publish-stage jobs that move tags: they hold the per-ref publish lock, so two pipelines of one ref never
 * retag at the same time and the tags end on one pipeline's complete index. Pushing by digest and signing by digest
 * are content-addressed and safe side by side, so they take no lock (on GitHub, a lock would let a newer run's job
 * replace an older run's waiting one: an image pushed but never signed).
 */
export const PUBLISH_LOCK_JOBS: readonly JobKind[] = ['manifest'];

/**
 * How a job takes part in cancelling superseded pipelines of the same ref: `cancellable` (verify-stage jobs, when
 * `concurrency.cancelSuperseded`), `locked` (a publish job holding the per-ref publish lock, never cancelled), or
 * `never` (any other publish job, and verify jobs with cancellation off).
 *
 * Every verify job finishes before the first publish job starts (push needs them all), so cancelling a superseded
 * pipeline's verify jobs can never cut a push or an index merge in half.
 */
export function concurrencyRoleOf(pipeline: Pipeline, job: Job): 'cancellable' | 'locked' | 'never' {
  if (job.stage === 'publish') return PUBLISH_LOCK_JOBS.includes(job.id) ? 'locked' : 'never';
  return pipeline.concurrency.cancelSuperseded ? 'cancellable' : 'never';
}
