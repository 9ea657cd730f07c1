import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createColors } from 'picocolors';
import { runCli } from '../../src/cli/main.js';

const JSON_CONFIG = JSON.stringify({ ci: ['github'], image: { name: 'acme/api' }, test: { commands: ['true'] } });
// A .ts config runs code when loaded: this one leaves a mark, which must not appear when dockyard refuses it.
const TS_CONFIG = `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./ran', import.meta.url), 'x');\nexport default ${JSON_CONFIG};\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-two-configs-'));
  writeFileSync(join(dir, 'dockyard.config.json'), JSON_CONFIG);
  writeFileSync(join(dir, 'dockyard.config.ts'), TS_CONFIG);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('two config files in one directory', () => {
  it.each([['synth'], ['validate'], ['plan'], ['doctor']])(
    'dockyard %s refuses them with exit code 2',
    async (command) => {
      const stderr: string[] = [];
      const code = await runCli([command, '--dir', dir], {
        out: () => {},
        err: (l) => stderr.push(l),
        color: createColors(false),
      });
      expect(code).toBe(2);
      expect(stderr.join('\n')).toContain(
        `found dockyard.config.ts and dockyard.config.json in ${dir}; keep one, or pass --config`,
      );
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    },
  );

  it('dockyard synth --config picks one', async () => {
    const code = await runCli(['synth', '--dir', dir, '--config', 'dockyard.config.json'], {
      out: () => {},
      err: () => {},
      color: createColors(false),
    });
    expect(code).toBe(0);
  });
});
