// Benchmark: wall time, peak memory and module files loaded of the `dockyard` executable (bin/dockyard.js, the
// bundled CLI in dist/cli/) for `synth` on the largest example and on the largest golden scenario, `--version`,
// `plan --json` and `meta`, each beside `node -e 0` on the same machine; then what the generated pipelines cost
// (issue #16: jobs, serial hops and artifact bytes from `plan --cost --json`, lines of each generated file). Runs are paired (node -e 0, then the command, RUNS times) and the ratio is the
// median of the per-pair ratios, so a machine that speeds up or slows down during the run skews both alike.
// Prints figures; asserts nothing. Targets (issue #18): synth <= 2.0x node -e 0 and <= 70 MiB; --version <= 1.3x.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const examples = readdirSync(join(root, 'examples')).filter((n) =>
  existsSync(join(root, 'examples', n, 'dockyard.config.ts')),
);
const size = (n) =>
  ['.github/workflows/dockyard.yml', '.gitlab-ci.yml']
    .map((f) => join(root, 'examples', n, f))
    .filter(existsSync)
    .reduce((s, f) => s + statSync(f).size, 0);
const largest = examples.sort((a, b) => size(b) - size(a))[0];
const dir = join(root, 'examples', largest);

// The largest golden scenario (most bytes of golden files), written as a JSON config into a temporary directory
// (test/golden/scenarios.ts is TypeScript: read once through tsx, a devDependency).
const goldenDir = join(root, 'test', 'golden');
const goldenBytes = (n) => {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).reduce(
      (s, e) => s + (e.isDirectory() ? walk(join(d, e.name)) : statSync(join(d, e.name)).size),
      0,
    );
  return walk(join(goldenDir, n));
};
const scenarioNames = readdirSync(goldenDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const scenario = scenarioNames.sort((a, b) => goldenBytes(b) - goldenBytes(a))[0];
const scenarioDir = mkdtempSync(join(tmpdir(), 'dockyard-bench-scenario-'));
process.on('exit', () => rmSync(scenarioDir, { recursive: true, force: true }));
const dump = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    `import('./test/golden/scenarios.ts').then((m) => process.stdout.write(JSON.stringify(m.GOLDEN_SCENARIOS[${JSON.stringify(scenario)}])))`,
  ],
  { cwd: root, encoding: 'utf8' },
);
if (dump.status !== 0) throw new Error(`reading the golden scenario ${scenario} failed: ${dump.stderr}`);
writeFileSync(join(scenarioDir, 'dockyard.config.json'), dump.stdout);

const COMMANDS = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'dockyard synth', args: [cli, 'synth', '--stdout'], target: '<= 2.0x, <= 70 MiB' },
  { label: 'synth (golden)', args: [cli, 'synth', '--stdout'], cwd: scenarioDir, target: `test/golden/${scenario}` },
  { label: 'dockyard --version', args: [cli, '--version'], target: '<= 1.3x' },
  { label: 'dockyard plan --json', args: [cli, 'plan', '--json'] },
  { label: 'dockyard meta', args: [cli, 'meta', '--ci', 'gitlab'] },
];

/** One run: wall milliseconds and peak resident set (MiB, reported by the preload on exit). */
function runOnce(args, cwd = dir) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', rssPreload, ...args], { cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return { ms, mib: Number(/DOCKYARD_BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024 };
}

/** The distinct module files (JavaScript, JSON) one run loads, listed by scripts/list-loaded-modules.mjs. */
function countModules(args, cwd = dir) {
  const work = mkdtempSync(join(tmpdir(), 'dockyard-bench-'));
  try {
    const list = join(work, 'modules.txt');
    const run = spawnSync(process.execPath, ['--import', modulesHook, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, DOCKYARD_LOADED_MODULES: list },
    });
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
  runOnce(command.args, command.cwd);
  const pairs = Array.from({ length: RUNS }, () => ({
    bare: runOnce(bare.args),
    cmd: runOnce(command.args, command.cwd),
  }));
  return {
    ...command,
    ms: median(pairs.map((p) => p.cmd.ms)),
    bareMs: median(pairs.map((p) => p.bare.ms)),
    ratio: median(pairs.map((p) => p.cmd.ms / p.bare.ms)),
    mib: Math.max(...pairs.map((p) => p.cmd.mib)),
    bareMib: Math.max(...pairs.map((p) => p.bare.mib)),
    modules: countModules(command.args, command.cwd),
  };
});

console.log(
  `dockyard start-up benchmark in examples/${largest} (${size(largest)} bytes of pipelines), ${RUNS} paired runs each, medians`,
);
console.log(
  `  ${'command'.padEnd(22)} ${'wall ms'.padStart(8)} ${'x node -e 0'.padStart(12)} ${'peak MiB'.padStart(9)} ${'modules'.padStart(8)}  target`,
);
const line = (label, ms, ratio, mib, modules, target = '') =>
  console.log(
    `  ${label.padEnd(22)} ${ms.toFixed(0).padStart(8)} ${ratio.padStart(12)} ${mib.toFixed(1).padStart(9)} ${String(modules).padStart(8)}  ${target}`,
  );
line(
  bare.label,
  median(rows.map((r) => r.bareMs)),
  '1.00x',
  Math.max(...rows.map((r) => r.bareMib)),
  countModules(bare.args),
);
for (const r of rows) line(r.label, r.ms, `${r.ratio.toFixed(2)}x`, r.mib, r.modules, r.target);
console.log(
  "  wall: whole process, spawn to exit; peak: the process's maximum resident set; modules: distinct JavaScript/JSON module files loaded.",
);

// The GitLab metadata helper synth writes into every repository (issue #18: at most 100 KB, not minified).
const helperBytes = statSync(join(root, 'templates', 'gitlab', 'dockyard-meta.mjs')).size;
console.log(
  `  GitLab helper   ${(helperBytes / 1000).toFixed(1)} kB (${helperBytes} bytes; target <= 100 kB, not minified)`,
);

// What the generated pipelines cost (issue #16), from the pipeline model (`plan --cost --json`, 300 MB images)
// and the committed files. Targets: node-api push on GitHub <= 7 jobs, 0 artifact bytes, <= 4 serial hops;
// python-web <= 9 jobs; node-api files <= 200 lines each; the full scenario <= 700 lines per file.
console.log('');
console.log('generated pipelines: publishing run (push) per CI system, 300 MB per platform image');
console.log(
  `  ${'project'.padEnd(44)} ${'ci'.padEnd(7)} ${'jobs'.padStart(5)} ${'hops'.padStart(5)} ${'MB up'.padStart(7)} ${'MB down'.padStart(8)} ${'lines'.padStart(6)}`,
);
const linesOf = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
const PIPELINE_FILES = {
  github: ['.github/workflows/dockyard.yml', '.github/workflows/image.yml'],
  gitlab: ['.gitlab-ci.yml'],
};
for (const [label, cwd] of [
  ['examples/node-api', join(root, 'examples', 'node-api')],
  ['examples/python-web', join(root, 'examples', 'python-web')],
  [`test/golden/${scenario}`, scenarioDir],
]) {
  const run = spawnSync(process.execPath, [cli, 'plan', '--cost', '--json'], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`plan --cost in ${label} failed: ${run.stderr}`);
  const files = label.startsWith('test/golden/') ? join(goldenDir, scenario) : cwd;
  for (const cost of JSON.parse(run.stdout).filter((c) => c.event === 'push')) {
    const lines = Math.max(...PIPELINE_FILES[cost.ci].map((f) => linesOf(join(files, f))));
    const mb = (bytes) => (bytes / 1e6).toFixed(0);
    console.log(
      `  ${label.padEnd(44)} ${cost.ci.padEnd(7)} ${String(cost.jobs).padStart(5)} ${String(cost.serialHops).padStart(5)} ${mb(cost.artifactBytes.up).padStart(7)} ${mb(cost.artifactBytes.down).padStart(8)} ${String(lines).padStart(6)}`,
    );
  }
}
