import { targetOf } from '../targets/registry.js';
import type { PlanJob, PlanView } from './describe-plan.js';

/**
 * Render the job graph as a Mermaid flowchart (left to right): one subgraph per stage (verify, publish); a job that
 * runs once is a node, a per-platform job a subgraph holding one node per platform with its runner; gate jobs are
 * hexagons of class `gate`, publishing jobs of class `publish`; the deploy node lists its environments in order
 * (`(approval)` where one waits), the notify node its events and services. Edges go from each needed job (node or subgraph) to
 * the job that needs it: a job waits for every platform instance of the jobs it needs, on both CI systems.
 *
 * Ids are stable and safe (`job_<id>`, `job_<id>__<platform slug>`, `stage_<stage>`); labels are quoted with
 * Mermaid's entity codes for characters that would end or change them.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function renderPlanMermaid(view: PlanView): string[] {
  const ids = new IdTable();
  const lines = ['flowchart LR'];
  const stages = [...new Set(view.jobs.map((j) => j.stage))];
  for (const stage of stages) {
    lines.push(`  subgraph ${ids.of(`stage_${stage}`)}["${escapeMermaidLabel(stage)}"]`, '    direction TB');
    for (const job of view.jobs.filter((j) => j.stage === stage)) lines.push(...renderJobNodes(job, view, ids));
    lines.push('  end');
  }
  for (const job of view.jobs) {
    for (const need of job.needs) {
      if (view.jobs.some((j) => j.id === need)) lines.push(`  ${ids.of(`job_${need}`)} --> ${ids.of(`job_${job.id}`)}`);
    }
  }
  lines.push('  classDef gate fill:#fff4d6,stroke:#b7791f', '  classDef publish fill:#e6f4ea,stroke:#2f855a');
  const gates = view.jobs.filter((j) => j.gates.length > 0).flatMap((j) => nodeIdsOf(j, ids));
  const publishing = view.jobs.filter((j) => j.stage === 'publish').flatMap((j) => nodeIdsOf(j, ids));
  if (gates.length > 0) lines.push(`  class ${gates.join(',')} gate`);
  if (publishing.length > 0) lines.push(`  class ${publishing.join(',')} publish`);
  return lines;
}

function renderJobNodes(job: PlanJob, view: PlanView, ids: IdTable): string[] {
  const gate = job.gates.length > 0;
  const gateLine = gate ? [`gate: ${job.gates.map((g) => g.gate).join(', ')}`] : [];
  const publishLine = job.publishes.length > 0 ? [job.tagsImage ? 'publishes the tags' : 'publishes'] : [];
  const environmentLines = job.environments.map((e) => `→ ${e.name}${e.approval ? ' (approval)' : ''}`);
  const notifyLines = job.notifications
    ? [`on ${job.notifications.on.join(', ')}: ${job.notifications.webhooks.map((w) => w.service).join(', ')}`]
    : [];
  const caveatLine = job.caveat === null ? [] : [job.caveat];
  if (!job.perPlatform) {
    const runner = job.runs[0] ? [runnerText(job.runs[0].runner, job.runs[0].emulated, view.ci)] : [];
    return [
      `    ${node(ids.of(`job_${job.id}`), [job.id, ...gateLine, ...caveatLine, ...publishLine, ...environmentLines, ...notifyLines, ...runner], gate)}`,
    ];
  }
  const lines = [
    `    subgraph ${ids.of(`job_${job.id}`)}["${escapeMermaidLabel([job.id, ...gateLine, ...caveatLine, ...publishLine].join('\n'))}"]`,
  ];
  for (const run of job.runs) {
    lines.push(
      `      ${node(ids.of(`job_${job.id}__${run.platform ?? 'once'}`), [run.platform ?? job.id, runnerText(run.runner, run.emulated, view.ci)], gate)}`,
    );
  }
  lines.push('    end');
  return lines;
}

function nodeIdsOf(job: PlanJob, ids: IdTable): string[] {
  return job.perPlatform
    ? job.runs.map((r) => ids.of(`job_${job.id}__${r.platform ?? 'once'}`))
    : [ids.of(`job_${job.id}`)];
}

function runnerText(runner: readonly string[], emulated: boolean, ci: PlanView['ci']): string {
  const text = targetOf(ci).describeRunner(runner);
  return `${text}${emulated ? ' (QEMU)' : ''}`;
}

/** A node: a hexagon for a gate, a rectangle otherwise, its label lines joined by `<br/>`. */
function node(id: string, label: readonly string[], gate: boolean): string {
  const text = escapeMermaidLabel(label.join('\n'));
  return gate ? `${id}{{"${text}"}}` : `${id}["${text}"]`;
}

/**
 * Escape text for a quoted Mermaid label: `#` (which starts an entity code), `"`, `<`, `>`, `&`, backticks,
 * brackets, braces and pipes become `#<code>;` entity codes; line breaks become `<br/>`.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
export function escapeMermaidLabel(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[#"<>&`[\]{}|]/g, (c) => `#${c.codePointAt(0)};`))
    .join('<br/>');
}

/** Maps logical names to unique Mermaid ids of `[A-Za-z0-9_]` (other characters become `_`; clashes get a number). */
class IdTable {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  of(name: string): string {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const base = name.replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.byName.set(name, id);
    this.used.add(id);
    return id;
  }
}
