// Preloaded into each benchmarked process: report its peak resident set size (KB) on exit, on fd 2.
process.on('exit', () => {
  process.stderr.write(`\nDOCKYARD_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
