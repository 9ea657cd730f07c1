import type { ArgDef, ArgsDef, ParsedArgs } from 'citty';

/**
 * `--config FILE`: the config file. Relative paths are taken from the working directory; without it, the command
 * looks for `dockyard.config.{ts,mts,js,mjs,json,yaml,yml}` in `--dir`. A command whose help says more (which
 * file names, or that only some modes read it) gives its own text with {@link describeArg}.
 *
 * @see ../../docs/getting-started.md
 */
export const configArg = {
  type: 'string',
  description: 'Config file (default: found in --dir)',
} as const satisfies ArgDef;

/** `--config` with the file names the command looks for in its help (`synth`, `commit`). */
export const configFileNamesArg = {
  type: 'string',
  description: 'Config file (default: dockyard.config.{ts,mts,js,mjs,json,yaml,yml} in --dir)',
} as const satisfies ArgDef;

/** `--dir DIR`: the project directory, which relative paths in the config are resolved from (default `.`). */
export const dirArg = { type: 'string', description: 'Project directory (default: .)' } as const satisfies ArgDef;

/** `--config` and `--dir`, in this order: the flags of every command that reads a project. */
export const projectArgs = { config: configArg, dir: dirArg } as const satisfies ArgsDef;

/**
 * `--json`: print one JSON object instead of text. Each command names the object's keys in its help.
 *
 * @param description the help text, e.g. `Print one JSON object {version, tags}`.
 */
export function jsonArg<const D extends string>(description: D): { readonly type: 'boolean'; readonly description: D } {
  return { type: 'boolean', description };
}

/**
 * A flag definition with the help text of one command (the shared definition stays as it is).
 *
 * @example `describeArg(configArg, 'With --ci: config file (default: found in --dir)')`
 */
export function describeArg<const T extends ArgDef>(arg: T, description: string): T {
  return { ...arg, description };
}

/**
 * The parsed flags of a command as its `run…` function takes them, derived from its citty definitions: each flag
 * optional and read-only, typed as citty parses it (`string` for a string flag, `boolean` for a boolean one), without citty's
 * positional `_` and its aliases (`-m` is read as `message`).
 *
 * @see https://github.com/unjs/citty/blob/main/src/types.ts (ParsedArgs)
 */
export type CommandOptions<T extends ArgsDef> = Partial<Pick<ParsedArgs<T>, keyof T & string>>;
