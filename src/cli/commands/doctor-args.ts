import type { ArgsDef } from 'citty';
import { configArg, describeArg, dirArg, jsonArg, type CommandOptions } from '../common-args.js';

/** Flags of `dockyard doctor`. */
export const doctorArgs = {
  dir: dirArg,
  config: describeArg(configArg, 'Config file (default: dockyard.config.* in --dir when there is one)'),
  dockerfile: {
    type: 'string',
    description: 'Dockerfile, relative to --dir (default: the config’s image.dockerfile, else Dockerfile)',
  },
  json: jsonArg('Print one JSON object {dockerfile, findings: [{rule, severity, line, message, fix}]}'),
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard doctor`. */
export type DoctorOptions = CommandOptions<typeof doctorArgs>;
