// Benchmark: wall time and peak memory of `dockyard synth` on the largest example (a fresh process each run,
// median of RUNS), beside `node -e 0` on the same machine. Prints figures; asserts nothing.
// Targets (issue #2): synth within 4x `node -e 0`, peak RSS under 150 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const preload = join(root, 'scripts', 'bench-rss.cjs');
const cli = join(root, 'bin', 'dockyard.js');
if (!existsSync(join(root, 'lib', 'cli', 'main.js'))) {
  console.error('lib/ is missing: run `npx tsc --build` (npm ci does it) first.');
  process.exit(1);
}

// The largest example: most bytes of generated pipeline files.
const examples = readdirSync(join(root, 'examples')).filter((n) => existsSync(join(root, 'examples', n, 'dockyard.config.ts')));
const size = (n) =>
  ['.github/workflows/dockyard.yml', '.gitlab-ci.yml'].map((f) => join(root, 'examples', n, f)).filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
const largest = examples.sort((a, b) => size(b) - size(a))[0];

function measure(args) {
  const times = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--require', preload, ...args], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    rss.push(Number(/DOCKYARD_BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(times), mb: Math.max(...rss) };
}

const bare = measure(['-e', '0']);
const synth = measure([cli, 'synth', '--stdout', '--dir', join(root, 'examples', largest)]);
console.log(`dockyard synth benchmark: examples/${largest} (${size(largest)} bytes of pipelines), ${RUNS} runs, median wall time`);
console.log(`  node -e 0       ${bare.ms.toFixed(0).padStart(5)} ms   peak ${bare.mb.toFixed(1)} MB`);
console.log(`  dockyard synth  ${synth.ms.toFixed(0).padStart(5)} ms   peak ${synth.mb.toFixed(1)} MB`);
console.log(`  ratio ${(synth.ms / bare.ms).toFixed(2)}x node start-up (target <= 4x); peak ${synth.mb.toFixed(1)} MB (target < 150 MB)`);

// The GitLab metadata helper synth writes into every repository (issue #18: at most 100 KB, not minified).
const helperBytes = statSync(join(root, 'templates', 'gitlab', 'dockyard-meta.mjs')).size;
console.log(`  GitLab helper   ${(helperBytes / 1000).toFixed(1)} kB (${helperBytes} bytes; target <= 100 kB, not minified)`);
