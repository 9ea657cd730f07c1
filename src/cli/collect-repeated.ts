/**
 * Every value of a repeatable string flag (`--label a --label b`, `--label=c`; commas split too), in order,
 * without duplicates. citty itself keeps only the last one.
 * (Checked with citty 0.2: `parseArgs(['--label', 'a', '--label', 'b'], { label: { type: 'string' } })` gives
 * `label: 'b'`.)
 * @see https://github.com/unjs/citty#readme
 */
export function collectRepeated(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (arg === '--') break;
    if (arg === `--${name}` && rawArgs[i + 1] !== undefined) values.push(rawArgs[++i]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}
