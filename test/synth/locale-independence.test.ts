import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { compareCodePoints } from '../../src/model/compare-code-points.js';
import { createColors } from 'picocolors';
import { EXAMPLES_DIR, ROOT } from '../support/paths.js';

const run = promisify(execFile);

// Build-arg names (the schema allows [A-Za-z_][A-Za-z0-9_]*) whose order differs between ICU locales (Node derives
// its default locale from LC_ALL, then LC_MESSAGES, then LANG): Turkish puts I before i where English puts i first,
// Danish sorts "aa" (å) after z and upper case first, and every locale puts a_b before aB, which code-point order
// reverses. Checked with `new Intl.Collator().resolvedOptions().locale` and `localeCompare` under each LANG.
const BUILD_ARGS = ['z', 'a_b', 'Z', 'aa', 'aB', 'I', 'AA', 'i', '_x', 'Aa', 'B', 'b_', 'A1', 'x_', 'X'];
const CODE_POINT_ORDER = ['A1', 'AA', 'Aa', 'B', 'I', 'X', 'Z', '_x', 'aB', 'a_b', 'aa', 'b_', 'i', 'x_', 'z'];

const ENVIRONMENTS: ReadonlyArray<Record<string, string>> = [
  { LANG: 'tr_TR.UTF-8' },
  { LANG: 'da_DK.UTF-8', TZ: 'America/St_Johns' },
  { LANG: 'C', LC_ALL: 'sv_SE.UTF-8', TZ: 'Pacific/Kiritimati' },
  { LANG: 'C', LC_ALL: 'C' },
];

/** This process's environment without any locale or time-zone variable, plus `vars`. */
function environmentWith(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(LANG|LANGUAGE|LC_.*|TZ)$/.test(key)),
  );
  return { ...env, ...vars };
}

const silent = { out: () => {}, err: () => {}, color: createColors(false) };
let fixture: string;

beforeAll(async () => {
  fixture = mkdtempSync(join(tmpdir(), 'dockyard-locale-'));
  const config = {
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api', buildArgs: Object.fromEntries(BUILD_ARGS.map((name, i) => [name, `v${i}`])) },
    test: { commands: ['true'] },
  };
  writeFileSync(join(fixture, 'dockyard.config.json'), JSON.stringify(config, null, 2));
  expect(await runCli(['synth', '--dir', fixture], silent)).toBe(0);
});
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('generated files do not depend on the locale or time zone', () => {
  it('orders build args by code point', () => {
    expect([...BUILD_ARGS].sort(compareCodePoints)).toEqual(CODE_POINT_ORDER);
    const github = readFileSync(join(fixture, '.github/workflows/dockyard.yml'), 'utf8');
    const gitlab = readFileSync(join(fixture, '.gitlab-ci.yml'), 'utf8');
    const positions = (text: string, render: (name: string, i: number) => string) =>
      CODE_POINT_ORDER.map((name) => text.indexOf(render(name, BUILD_ARGS.indexOf(name))));
    for (const [text, render] of [
      [github, (name: string, i: number) => `${name}=v${i}\n`],
      [gitlab, (name: string, i: number) => `--build-arg ${name}=v${i} `],
    ] as const) {
      const found = positions(text, render);
      expect(
        found.every((p) => p >= 0),
        `every build arg in ${text.slice(0, 60)}`,
      ).toBe(true);
      expect(found).toEqual([...found].sort((a, b) => a - b));
    }
  });

  const examples = readdirSync(EXAMPLES_DIR).filter((name) =>
    existsSync(join(EXAMPLES_DIR, name, 'dockyard.config.ts')),
  );

  it.each(
    ENVIRONMENTS.map(
      (vars) =>
        [
          Object.entries(vars)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
          vars,
        ] as const,
    ),
  )(
    'synth --check finds every example and the fixture current under %s',
    async (_label, vars) => {
      const dirs = [fixture, ...examples.map((name) => join(EXAMPLES_DIR, name))];
      const tsx = resolve(ROOT, 'node_modules/.bin/tsx');
      const result = await run(tsx, [resolve(ROOT, 'test/support/synth-check-child.ts'), ...dirs], {
        env: environmentWith(vars),
        cwd: ROOT,
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
      expect(result.out).not.toMatch(/stale|hand-edited|missing/);
      expect(result.code).toBe(0);
    },
    300_000,
  );
});
