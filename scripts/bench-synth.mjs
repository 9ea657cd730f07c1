// Benchmark: wall time, peak memory and module files loaded of the `dockyard` executable (bin/dockyard.js, the
// bundled CLI in dist/cli/) for `synth` on the largest example, `--version`, `plan --json` and `meta`, each beside
// `node -e 0` on the same machine. Runs are paired (node -e 0, then the command, RUNS times) and the ratio is the
// median of the per-pair ratios, so a machine that speeds up or slows down during the run skews both alike.
// Prints figures; asserts nothing. Targets (issue #18): synth <= 2.0x node -e 0 and <= 70 MiB; --version <= 1.3x.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const rssPreload = join(root, 'scripts', 'bench-rss.cjs');
const modulesHook = join(root, 'scripts', 'list-loaded-modules.mjs');
const cli = join(root, 'bin', 'dockyard.js');
if (!existsSync(join(root, 'dist', 'cli', 'dockyard.js'))) {
  console.error('dist/cli/ is missing: run `npm run bundle:cli` (npm ci does it) first.');
  process.exit(1);
}

// The largest example: most bytes of generated pipeline files.
const examples = readdirSync(join(root, 'examples')).filter((n) => existsSync(join(root, 'examples', n, 'dockyard.config.ts')));
const size = (n) =>
  ['.github/workflows/dockyard.yml', '.gitlab-ci.yml'].map((f) => join(root, 'examples', n, f)).filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
const largest = examples.sort((a, b) => size(b) - size(a))[0];
const dir = join(root, 'examples', largest);

const COMMANDS = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'dockyard synth', args: [cli, 'synth', '--stdout'], target: '<= 2.0x, <= 70 MiB' },
  { label: 'dockyard --version', args: [cli, '--version'], target: '<= 1.3x' },
  { label: 'dockyard plan --json', args: [cli, 'plan', '--json'] },
  { label: 'dockyard meta', args: [cli, 'meta', '--ci', 'gitlab'] },
];

/** One run: wall milliseconds and peak resident set (MiB, reported by the preload on exit). */
function runOnce(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', rssPreload, ...args], { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return { ms, mib: Number(/DOCKYARD_BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024 };
}

/** The distinct module files (JavaScript, JSON) one run loads, listed by scripts/list-loaded-modules.mjs. */
function countModules(args) {
  const work = mkdtempSync(join(tmpdir(), 'dockyard-bench-'));
  try {
    const list = join(work, 'modules.txt');
    const run = spawnSync(process.execPath, ['--import', modulesHook, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DOCKYARD_LOADED_MODULES: list } });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    return existsSync(list) ? new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean)).size : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [bare, ...measured] = COMMANDS;
runOnce(bare.args); // warm-up: file cache, jiti's transform cache of the config
const rows = measured.map((command) => {
  runOnce(command.args);
  const pairs = Array.from({ length: RUNS }, () => ({ bare: runOnce(bare.args), cmd: runOnce(command.args) }));
  return {
    ...command,
    ms: median(pairs.map((p) => p.cmd.ms)),
    bareMs: median(pairs.map((p) => p.bare.ms)),
    ratio: median(pairs.map((p) => p.cmd.ms / p.bare.ms)),
    mib: Math.max(...pairs.map((p) => p.cmd.mib)),
    bareMib: Math.max(...pairs.map((p) => p.bare.mib)),
    modules: countModules(command.args),
  };
});

console.log(`dockyard start-up benchmark in examples/${largest} (${size(largest)} bytes of pipelines), ${RUNS} paired runs each, medians`);
console.log(`  ${'command'.padEnd(22)} ${'wall ms'.padStart(8)} ${'x node -e 0'.padStart(12)} ${'peak MiB'.padStart(9)} ${'modules'.padStart(8)}  target`);
const line = (label, ms, ratio, mib, modules, target = '') =>
  console.log(`  ${label.padEnd(22)} ${ms.toFixed(0).padStart(8)} ${ratio.padStart(12)} ${mib.toFixed(1).padStart(9)} ${String(modules).padStart(8)}  ${target}`);
line(bare.label, median(rows.map((r) => r.bareMs)), '1.00x', Math.max(...rows.map((r) => r.bareMib)), countModules(bare.args));
for (const r of rows) line(r.label, r.ms, `${r.ratio.toFixed(2)}x`, r.mib, r.modules, r.target);
console.log('  wall: whole process, spawn to exit; peak: the process\'s maximum resident set; modules: distinct JavaScript/JSON module files loaded.');

// The GitLab metadata helper synth writes into every repository (issue #18: at most 100 KB, not minified).
const helperBytes = statSync(join(root, 'templates', 'gitlab', 'dockyard-meta.mjs')).size;
console.log(`  GitLab helper   ${(helperBytes / 1000).toFixed(1)} kB (${helperBytes} bytes; target <= 100 kB, not minified)`);
