/**
 * A structural check of the Mermaid flowchart subset `renderPlanMermaid` writes: header, `subgraph ID["label"]` /
 * `end` (balanced), `direction`, nodes `ID["label"]` and `ID{{"label"}}`, edges `ID --> ID`, `classDef` and
 * `class`. Ids are `[A-Za-z_][A-Za-z0-9_]*`, not keywords, defined once; edges and classes name defined ids; labels
 * hold no raw `"`, and use `#` only in entity codes and `<`/`>` only in `<br/>`.
 *
 * @returns the problems found (empty when the text is valid), each with its line number.
 */
export function checkMermaidFlowchart(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0] ?? ''))
    problems.push(`1: expected "flowchart <direction>", got "${lines[0]}"`);
  const ID = '([A-Za-z_][A-Za-z0-9_]*)';
  const LABEL = '"([^"]*)"';
  const defined = new Map<string, 'node' | 'subgraph'>();
  const references: Array<{ line: number; id: string; node: boolean }> = [];
  const classes = new Set<string>();
  let depth = 0;
  const define = (line: number, id: string, kind: 'node' | 'subgraph', label: string) => {
    if (['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef', 'style', 'click', 'direction'].includes(id))
      problems.push(`${line}: id "${id}" is a keyword`);
    if (defined.has(id)) problems.push(`${line}: id "${id}" defined twice`);
    defined.set(id, kind);
    const stripped = label.replaceAll('<br/>', '').replace(/#(\d+|[a-z]+);/g, '');
    if (/[#<>]/.test(stripped)) problems.push(`${line}: label "${label}" has an unescaped # < or >`);
  };
  lines.slice(1).forEach((raw, index) => {
    const n = index + 2;
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line === '') return;
    if ((m = new RegExp(`^subgraph ${ID}\\[${LABEL}\\]$`).exec(line))) {
      define(n, m[1], 'subgraph', m[2]);
      depth++;
    } else if (line === 'end') {
      if (--depth < 0) problems.push(`${n}: "end" without a subgraph`);
    } else if (/^direction (LR|RL|TB|TD|BT)$/.test(line)) {
      if (depth === 0) problems.push(`${n}: direction outside a subgraph`);
    } else if ((m = new RegExp(`^${ID}(?:\\[${LABEL}\\]|\\{\\{${LABEL}\\}\\})$`).exec(line))) {
      define(n, m[1], 'node', m[2] ?? m[3]);
    } else if ((m = new RegExp(`^${ID} --> ${ID}$`).exec(line))) {
      references.push({ line: n, id: m[1], node: false }, { line: n, id: m[2], node: false });
    } else if ((m = new RegExp(`^classDef ${ID} [a-z-]+:[#\\w]+(,[a-z-]+:[#\\w]+)*$`).exec(line))) {
      classes.add(m[1]);
    } else if ((m = new RegExp(`^class (${ID.slice(1, -1)}(?:,${ID.slice(1, -1)})*) ${ID}$`).exec(line))) {
      for (const id of m[1].split(',')) references.push({ line: n, id, node: true });
      if (!classes.has(m[2])) problems.push(`${n}: class "${m[2]}" has no classDef before it`);
    } else {
      problems.push(`${n}: not a flowchart statement: "${raw}"`);
    }
  });
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  for (const ref of references) {
    const kind = defined.get(ref.id);
    if (kind === undefined) problems.push(`${ref.line}: "${ref.id}" is not defined`);
    else if (ref.node && kind !== 'node') problems.push(`${ref.line}: class on subgraph "${ref.id}"`);
  }
  return problems;
}
