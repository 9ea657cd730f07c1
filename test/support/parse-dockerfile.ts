/** One Dockerfile instruction: keyword (upper case), its arguments (continuations joined), 1-based line. */
export interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

/** A build stage: the `FROM` image, its `AS` name, and its instructions. */
export interface DockerStage {
  readonly from: string;
  readonly name?: string;
  readonly instructions: DockerInstruction[];
}

/**
 * A small static Dockerfile reader for tests: comments and parser directives skipped, backslash continuations
 * joined, instructions grouped by stage. Heredocs are not supported (the repository's Dockerfile has none).
 *
 * @see https://docs.docker.com/reference/dockerfile/#format
 */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i];
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      i++;
      if (/^\s*#/.test(lines[i])) continue;
      logical = `${logical.replace(/\\\s*$/, '')} ${lines[i].trim()}`;
    }
    const trimmed = logical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^(\S+)\s*(.*)$/.exec(trimmed);
    if (!match) continue;
    const instruction = { keyword: match[1].toUpperCase(), args: match[2].replace(/\s+/g, ' '), line: start + 1 };
    if (instruction.keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!from) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.args}`);
      stages.push({ from: from[1], name: from[2], instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}
