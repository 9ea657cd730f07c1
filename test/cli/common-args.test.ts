import { parseArgs } from 'citty';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { commitArgs, type CommitOptions } from '../../src/cli/commands/commit-args.js';
import { doctorArgs } from '../../src/cli/commands/doctor-args.js';
import { initArgs } from '../../src/cli/commands/init-args.js';
import { metaArgs } from '../../src/cli/commands/meta-args.js';
import { planArgs } from '../../src/cli/commands/plan-args.js';
import { synthArgs, type SynthOptions } from '../../src/cli/commands/synth-args.js';
import { triggerArgs } from '../../src/cli/commands/trigger-args.js';
import { validateArgs } from '../../src/cli/commands/validate-args.js';
import { configArg, describeArg, dirArg, jsonArg, projectArgs } from '../../src/cli/common-args.js';

describe('common flags', () => {
  it.each([
    { name: 'configArg', arg: configArg, description: 'Config file (default: found in --dir)' },
    { name: 'dirArg', arg: dirArg, description: 'Project directory (default: .)' },
  ])('describeArg copies $name with its own help and leaves the shared one as it is', ({ arg, description }) => {
    const described = describeArg(arg, 'Other help');
    expect(described).toEqual({ ...arg, description: 'Other help' });
    expect(described).not.toBe(arg);
    expect(arg.description).toBe(description);
  });

  it('jsonArg is a boolean flag with the given help', () => {
    expect(jsonArg('Print JSON')).toEqual({ type: 'boolean', description: 'Print JSON' });
  });

  it.each([
    { command: 'synth', args: synthArgs, flags: ['config', 'dir'] },
    { command: 'commit', args: commitArgs, flags: ['config', 'dir'] },
    { command: 'doctor', args: doctorArgs, flags: ['dir', 'config'] },
    { command: 'init', args: initArgs, flags: ['dir'] },
    { command: 'meta', args: metaArgs, flags: ['config', 'dir'] },
    { command: 'plan', args: planArgs, flags: ['config', 'dir'] },
    { command: 'trigger', args: triggerArgs, flags: ['config', 'dir'] },
    { command: 'validate', args: validateArgs, flags: ['config', 'dir'] },
  ])('$command takes $flags as the shared string flags', ({ args, flags }) => {
    const shared = Object.keys(args).filter((key): key is keyof typeof projectArgs => key in projectArgs);
    expect(shared).toEqual(flags);
    for (const flag of shared)
      expect((args as Record<string, { type?: string }>)[flag]!.type).toBe(projectArgs[flag].type);
    const parsed = parseArgs(['--config', 'c.ts', '--dir', 'd'], args);
    for (const flag of shared) expect(parsed[flag]).toBe(flag === 'config' ? 'c.ts' : 'd');
  });

  it('derives the option types from the definitions', () => {
    expectTypeOf<SynthOptions>().toEqualTypeOf<{
      readonly config?: string;
      readonly dir?: string;
      readonly check?: boolean;
      readonly force?: boolean;
      readonly stdout?: boolean;
    }>();
    // Read-only, as citty's ParsedArgs of an `as const` definition; the alias -m is read as message; citty's
    // positional `_` is not an option.
    expectTypeOf<CommitOptions>().toEqualTypeOf<{
      readonly message?: string;
      readonly config?: string;
      readonly dir?: string;
      readonly force?: boolean;
      readonly 'dry-run'?: boolean;
    }>();
  });
});
