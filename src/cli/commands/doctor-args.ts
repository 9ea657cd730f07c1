import type { ArgsDef } from 'citty';

/** Flags of `dockyard doctor`. */
export const doctorArgs = {
  dir: { type: 'string', description: 'Project directory (default: .)' },
  config: { type: 'string', description: 'Config file (default: dockyard.config.* in --dir when there is one)' },
  dockerfile: {
    type: 'string',
    description: 'Dockerfile, relative to --dir (default: the config’s image.dockerfile, else Dockerfile)',
  },
  json: {
    type: 'boolean',
    description: 'Print one JSON object {dockerfile, findings: [{rule, severity, line, message, fix}]}',
  },
} as const satisfies ArgsDef;

/** Parsed flags of `dockyard doctor`. */
export interface DoctorOptions {
  dir?: string;
  config?: string;
  dockerfile?: string;
  json?: boolean;
}
