import type { PlanTags } from './describe-plan-tags.js';
import type { PlanView } from './describe-plan.js';
import { renderPlanMermaid } from './render-plan-mermaid.js';

/**
 * Render a plan as Markdown (`dockyard plan --format md`, docs/examples.md): the Mermaid flowchart in a fenced
 * `mermaid` block (GitHub and GitLab render it), then one table of the tags each given event produces, then the
 * GitHub repository's notes as a list when the view has them.
 *
 * @param events the tags of each event to tabulate (the view's own tags when omitted).
 */
export function renderPlanMarkdown(
  view: PlanView,
  events: readonly PlanTags[] = view.tags ? [view.tags] : [],
): string[] {
  const lines = ['```mermaid', ...renderPlanMermaid(view), '```'];
  if (events.length > 0) {
    lines.push('', '| event | ref | tags | published |', '| --- | --- | --- | --- |');
    for (const tags of events) {
      const names = tags.names.length > 0 ? tags.names.map((n) => `\`${n}\``).join(', ') : '(none)';
      lines.push(`| ${tags.event} | \`${tags.ref}\` | ${names} | ${tags.published ? 'yes' : 'no'} |`);
    }
  }
  if (view.repository) {
    lines.push(
      '',
      `Repository: ${view.repository.visibility} on plan ${view.repository.plan} (config \`github\`):`,
      '',
    );
    for (const note of view.repository.notes)
      lines.push(`- **${note.severity}** (${note.topic}): ${note.message}${note.fix ? `. Fix: ${note.fix}.` : ''}`);
  }
  return lines;
}
