import type { ArgsDef } from 'citty';

/** Wrong command-line usage (unknown command or flag, missing flag value). Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Reject flags a command does not declare (citty itself accepts anything) and string flags without a value.
 *
 * @throws {UsageError} naming the first offending flag and the accepted ones.
 */
export function checkFlags(rawArgs: readonly string[], args: ArgsDef): void {
  const strings = new Set<string>();
  const booleans = new Set<string>(['help', 'h']);
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const target = def.type === 'boolean' ? booleans : strings;
    target.add(name);
    for (const alias of [(def as { alias?: string | string[] }).alias ?? []].flat()) target.add(alias);
  }
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (arg === '--') break;
    if (!arg.startsWith('-')) continue;
    const name = arg.replace(/^--?/, '').split('=')[0];
    if (strings.has(name)) {
      if (!arg.includes('=') && (rawArgs[i + 1] === undefined || rawArgs[i + 1].startsWith('-'))) {
        throw new UsageError(`option --${name} needs a value`);
      }
      if (!arg.includes('=')) i++;
      continue;
    }
    if (booleans.has(name) || booleans.has(name.replace(/^no-/, ''))) continue;
    const known = [...strings, ...booleans].filter((n) => n.length > 1).map((n) => `--${n}`);
    throw new UsageError(`unknown option ${arg}; accepted: ${known.join(', ')}`);
  }
}
