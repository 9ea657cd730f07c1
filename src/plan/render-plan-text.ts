import { targetOf } from '../targets/registry.js';
import type { PlanEnvironment, PlanJob, PlanRun, PlanView } from './describe-plan.js';

/**
 * Render a plan as plain text lines for a terminal: a header (image, CI system, platforms, registries), the jobs in
 * dependency order (stage, needs, where each instance runs, gates, what it publishes, deployment environments
 * with their approval, notifications), then the event's tags when
 * the view has them, then the GitHub repository's notes when there are any. Stable: golden files compare it.
 */
export function renderPlanText(view: PlanView): string[] {
  const others = view.configured.filter((c) => c !== view.ci);
  const lines = [
    `dockyard plan for ${view.image} on ${view.ci}${others.length > 0 ? ` (also configured: ${others.join(', ')}; see --ci ${others[0]})` : ''}`,
    `platforms:  ${view.platforms.join(', ')}`,
    `registries: ${view.registries.join(', ')}`,
    '',
    `jobs in dependency order (${view.jobs.length}):`,
  ];
  const width = String(view.jobs.length).length;
  view.jobs.forEach((job, index) => lines.push(...renderJob(job, `${String(index + 1).padStart(width)}.`, view.ci)));
  if (view.tags) lines.push('', ...renderTags(view));
  if (view.repository) lines.push('', ...renderRepository(view.repository));
  return lines;
}

/** `repository: private on plan free` and one `info:`/`warning:` line per note, its fix indented below. */
function renderRepository(repository: NonNullable<PlanView['repository']>): string[] {
  const lines = [`repository: ${repository.visibility} on plan ${repository.plan} (config github)`];
  for (const note of repository.notes) {
    lines.push(`  ${note.severity} [${note.topic}] ${note.message}`);
    if (note.fix) lines.push(`    fix: ${note.fix}`);
  }
  return lines;
}

function renderJob(job: PlanJob, number: string, ci: PlanView['ci']): string[] {
  const pad = ' '.repeat(number.length + 3);
  const lines = [
    `  ${number} ${job.id} [${job.stage}]${job.needs.length > 0 ? ` needs ${job.needs.join(', ')}` : ''}`,
    `${pad}${job.title}`,
  ];
  for (const run of job.runs)
    lines.push(`${pad}${run.platform === null ? 'runs on' : `${run.platform} on`} ${formatRunner(run, ci)}`);
  for (const gate of job.gates) lines.push(`${pad}gate ${gate.gate}: ${gate.threshold}`);
  if (job.steps.length > 0) lines.push(`${pad}steps: ${job.steps.join(' → ')}`);
  if (job.publishes.length > 0)
    lines.push(`${pad}publishes ${job.tagsImage ? 'the tags to' : 'to'} ${job.publishes.join(', ')}`);
  for (const environment of job.environments) lines.push(`${pad}${describeEnvironment(environment, ci)}`);
  if (job.notifications) {
    const { on, jobs, webhooks } = job.notifications;
    lines.push(
      `${pad}notifies ${webhooks.map((w) => `${w.service === 'slack' ? 'Slack' : 'Teams'} (webhook in ${w.secret})`).join(', ')} on ${on.join(', ')} (job${jobs.length > 1 ? 's' : ''} ${jobs.join(', ')})`,
    );
  }
  return lines;
}

/** `environment production (job deploy-production) after staging, approval: required reviewers, https://…`. */
function describeEnvironment(environment: PlanEnvironment, ci: PlanView['ci']): string {
  const approval = targetOf(ci).vocabulary.deployApproval;
  return [
    `environment ${environment.name} (job ${environment.job})`,
    environment.after === null ? '' : ` after ${environment.after}`,
    environment.approval ? `, approval: ${approval}` : '',
    environment.url === null ? '' : `, ${environment.url}`,
  ].join('');
}

/** `ubuntu-24.04`, `ubuntu-24.04 (QEMU)`, GitLab `tags: arm64-large` or `any runner (untagged)`. */
function formatRunner(run: PlanRun, ci: PlanView['ci']): string {
  const runner = targetOf(ci).describeRunner(run.runner);
  return `${runner}${run.emulated ? ' (QEMU)' : ''}`;
}

function renderTags(view: PlanView): string[] {
  const tags = view.tags!;
  const lines = [`tags for ${tags.event} ${tags.ref}:`];
  if (tags.names.length === 0) lines.push('  (none)');
  for (const name of tags.names) lines.push(`  ${name}${name === tags.version ? ' (version)' : ''}`);
  if (!tags.published) lines.push(`  not published: ${tags.reason}`);
  else if (tags.names.length > 0)
    lines.push(
      `  published to ${view.registries.join(', ')}${targetOf(view.ci).vocabulary.publishCondition}: ${tags.reason}`,
    );
  for (const warning of tags.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}
