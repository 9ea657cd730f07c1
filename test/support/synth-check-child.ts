// Child-process entry of test/synth/locale-independence.test.ts: `dockyard synth --check` for each directory
// given, in this process's own environment (LANG, LC_ALL, TZ). Exit code: how many directories drifted.
import { runCli } from '../../src/cli/main.js';

let drifted = 0;
for (const dir of process.argv.slice(2)) {
  console.log(`== ${dir}`);
  if ((await runCli(['synth', '--check', '--dir', dir])) !== 0) drifted += 1;
}
process.exitCode = drifted;
