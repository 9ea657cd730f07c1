// Benchmark: wall time of the fast golden check (`vitest run test/emit/golden.test.ts`: render every golden
// scenario in memory and compare the bytes, no validator), the feedback loop after an emitter change (issue #15:
// seconds). Median of RUNS runs, whole process, spawn to exit (vitest start-up included, as a developer waits for it).
// Prints figures; asserts nothing. Target (issue #15): <= 10 s on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');

const walls = [];
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [vitest, 'run', 'test/emit/golden.test.ts'], { cwd: root, encoding: 'utf8' });
  walls.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (run.status !== 0) throw new Error(`the fast golden check failed:\n${run.stdout}\n${run.stderr}`);
}
walls.sort((a, b) => a - b);
console.log('');
console.log(
  `  fast golden check   ${walls[Math.floor(walls.length / 2)].toFixed(1)} s median of ${RUNS} (vitest run test/emit/golden.test.ts; target <= 10 s)`,
);
