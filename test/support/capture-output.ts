import { createColors } from 'picocolors';
import type { Output } from '../../src/cli/output.js';

/** An Output that records lines (no colours). */
export function captureOutput(): Output & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    color: createColors(false),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}
